/// Code that takes the place of an exercise's solution: a student's answer, or the stub.
package struct ExerciseCode: Hashable, Sendable {
    /// The Swift source.
    var source: String
    /// The file it comes from; `nil` for the lesson file itself.
    var file: String?
    /// The line of `file` (or the lesson) the source's first line is on.
    var firstLine: Int
    /// The spaces Markdown removed from each line, put back so columns match the file.
    var indentation: Int = 0
}

extension Lesson {
    /// The exercise numbered `id` (`4.2`), if the lesson has it.
    func exercise(id: String) -> Exercise? {
        exercises?.first { $0.id == id }
    }

    /// The exercise whose stub, solution or grading cell is cell `index`, if any.
    func exercise(containingCell index: Int) -> Exercise? {
        exercises?.first { $0.stubCell == index || $0.judgedCells.contains(index) }
    }

    /// The cell at `index`.
    func cell(_ index: Int) -> Cell {
        cells[index]
    }

    /// The stub of `exercise`, as code that can stand where its solution does.
    func stub(of exercise: Exercise) -> ExerciseCode {
        let stub = cell(exercise.stubCell)
        return ExerciseCode(source: stub.source, file: nil, firstLine: stub.codeStartLine, indentation: stub.indentation)
    }

    /// The book's solution of `exercise`.
    func solution(of exercise: Exercise) -> ExerciseCode {
        let solution = cell(exercise.solutionCell)
        return ExerciseCode(source: solution.source, file: nil, firstLine: solution.codeStartLine, indentation: solution.indentation)
    }

    /// The lesson with each exercise named in `answers` (by id) running that code in place of
    /// its solution; the solution cell keeps its place, so results line up with the page.
    func replacingSolutions(with answers: [String: ExerciseCode]) -> Lesson {
        var lesson = self
        let replacements = Dictionary(
            uniqueKeysWithValues: (exercises ?? []).compactMap { exercise in answers[exercise.id].map { (exercise.solutionCell, $0) } })
        lesson.blocks = blocks.map { block in
            guard case .cell(var cell) = block, let code = replacements[cell.index] else { return block }
            cell.source = code.source
            cell.codeFile = code.file
            cell.codeStartLine = code.firstLine
            cell.indentation = code.indentation
            return .cell(cell)
        }
        return lesson
    }

    /// The lesson up to and including cell `index`: what a program needs to judge an exercise
    /// that ends there.
    func truncated(through index: Int) -> Lesson {
        var lesson = self
        var kept: [LessonBlock] = []
        for block in blocks {
            if case .cell(let cell) = block, cell.index > index { break }
            kept.append(block)
        }
        lesson.blocks = kept
        let exercises = (exercises ?? []).filter { $0.lastCell <= index }
        lesson.exercises = exercises.isEmpty ? nil : exercises
        return lesson
    }
}
