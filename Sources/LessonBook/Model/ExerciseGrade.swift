import LessonRuntime

/// How an answer to one exercise fared in a run: what its grading checks said.
package struct ExerciseGrade: Hashable, Sendable {
    /// What became of the answer.
    enum Verdict: Hashable, Sendable {
        /// Every grading cell ran and every check held.
        case solved
        /// The answer ran, but these checks did not hold.
        case failedChecks([CheckRecord])
        /// The answer or a grading cell did not compile, crashed or timed out.
        case broke(CellResult.Status, [Diagnostic])
        /// An earlier failure kept the exercise from running.
        case notRun
    }

    /// The exercise.
    package var exercise: Exercise
    /// What became of the answer.
    var verdict: Verdict
    /// The grading checks that held.
    package var passedChecks: Int
    /// All grading checks that ran.
    package var checkCount: Int

    /// Whether the answer passed everything.
    package var isSolved: Bool { verdict == .solved }

    /// Grades `exercise` from the results of its cells in `result`.
    init(_ exercise: Exercise, in result: LessonResult) {
        self.exercise = exercise
        let cells = exercise.judgedCells.compactMap { index in result.cells.first { $0.index == index } }
        let checks = cells.flatMap(\.checks)
        passedChecks = checks.filter(\.passed).count
        checkCount = checks.count
        if let broken = cells.first(where: { ![.completed, .notRun, .skipped].contains($0.status) }) {
            let diagnostics = broken.outputs.compactMap { if case .diagnostic(let diagnostic) = $0, diagnostic.severity == .error { diagnostic } else { nil } }
            verdict = .broke(broken.status, diagnostics)
        } else if cells.count < exercise.judgedCells.count || cells.contains(where: { $0.status != .completed }) {
            verdict = .notRun
        } else if checks.contains(where: { !$0.passed }) {
            verdict = .failedChecks(checks.filter { !$0.passed })
        } else {
            verdict = .solved
        }
    }

    /// One line for a terminal: the id, the title and what happened, with the first place to look.
    package var summary: String {
        let name = "\(exercise.id) \(exercise.title)"
        switch verdict {
        case .solved:
            return "\(name): solved (\(passedChecks) of \(checkCount) checks)"
        case .failedChecks(let failed):
            let first = failed[0]
            return "\(name): \(failed.count) of \(checkCount) checks failed, first at \(first.file):\(first.line):\(first.column)"
        case .broke(let status, let diagnostics):
            let what = switch status {
            case .compileError: "does not compile"
            case .timedOut: "ran past its time limit"
            default: "crashed"
            }
            let place = diagnostics.first.map { d in d.location.map { " at \(d.file):\($0.line):\($0.column)" } ?? " in \(d.file)" } ?? ""
            return "\(name): \(what)\(place)"
        case .notRun:
            return "\(name): not run, because an earlier cell failed"
        }
    }
}

extension LessonResult {
    /// The grade of every exercise of the lesson in this run, in order.
    package var exerciseGrades: [ExerciseGrade] {
        (lesson.exercises ?? []).map { ExerciseGrade($0, in: self) }
    }

    /// The lesson's own cells: all but those that answer or grade an exercise, whose checks
    /// are counted apart.
    var ownCells: [CellResult] {
        let graded = Set((lesson.exercises ?? []).flatMap(\.judgedCells))
        return cells.filter { !graded.contains($0.index) }
    }
}
