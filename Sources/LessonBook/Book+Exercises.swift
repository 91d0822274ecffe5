import Foundation

/// What writing a lesson's exercise file did.
package enum ExerciseFileOutcome: Equatable, Sendable {
    /// A new file was written.
    case created(path: String)
    /// `--reset`: the file was written again from the stubs.
    case reset(path: String)
    /// The file existed; exercises the lesson gained since were added at its end.
    case added(path: String, ids: [String])
    /// The file existed and has every exercise; nothing was written.
    case kept(path: String)
}

/// One way of proving an exercise: its solution passes, or its stub fails.
package struct ExerciseProof: Sendable {
    /// The exercise's id, e.g. `4.2`.
    package var id: String
    /// Whether the solution passes all its checks.
    package var solutionPasses: Bool
    /// Whether the untouched stub fails at least one check.
    package var stubFails: Bool
    /// What went wrong, one line per way that failed, naming the exercise and the way.
    package var problems: [String]

    /// Whether both ways hold.
    package var isProven: Bool { solutionPasses && stubFails }
}

extension Book {
    /// The student's file for `lesson`'s exercises, e.g. `Exercises/04-basic-block.swift`.
    package func exerciseFile(for lesson: Lesson) -> String {
        (exercisesDirectory as NSString).appendingPathComponent(ExerciseSheet.fileName(for: lesson))
    }

    /// Writes `lesson`'s exercise file for a student: a new file, or with `reset` the stubs
    /// again. An existing file is never rewritten without `reset`; only sections for exercises
    /// it lacks are added at its end.
    package func writeExerciseFile(for lesson: Lesson, reset: Bool) throws(LessonBookError) -> ExerciseFileOutcome {
        let path = exerciseFile(for: lesson)
        let manager = FileManager.default
        func write(_ text: String) throws(LessonBookError) {
            do {
                try manager.createDirectory(atPath: exercisesDirectory, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw .fileSystem(operation: "write", path: path, reason: error.localizedDescription)
            }
        }
        guard manager.fileExists(atPath: path), !reset else {
            let existed = manager.fileExists(atPath: path)
            try write(ExerciseSheet.text(for: lesson))
            return existed ? .reset(path: path) : .created(path: path)
        }
        let text = try LessonParser.text(contentsOf: path)
        let answers = try ExerciseSheet.answers(in: text, path: path, lesson: lesson)
        let missing = (lesson.exercises ?? []).filter { answers[$0.id] == nil }
        guard !missing.isEmpty else { return .kept(path: path) }
        var extended = text.hasSuffix("\n") ? text : text + "\n"
        for exercise in missing { extended += "\n" + ExerciseSheet.section(for: exercise, in: lesson) }
        try write(extended)
        return .added(path: path, ids: missing.map(\.id))
    }

    /// The student's answers to `lesson`'s exercises, or nil when there is no exercise file.
    package func studentAnswers(for lesson: Lesson) throws(LessonBookError) -> (path: String, answers: [String: ExerciseCode])? {
        guard lesson.exercises != nil else { return nil }
        let path = exerciseFile(for: lesson)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text = try LessonParser.text(contentsOf: path)
        return (path, try ExerciseSheet.answers(in: text, path: path, lesson: lesson))
    }

    /// Runs `lesson` with `answers` in place of the solutions, storing nothing; exercises the
    /// answers leave out run from their stubs, as a student who has not begun them would.
    ///
    /// An answer that does not compile, crashes or times out costs only its own exercise: the
    /// run is repeated from there with the book's solution in its place, so the exercises and
    /// cells after it still run (their results come from the repeat; the streamed progress
    /// shows each cell once).
    package func run(
        _ lesson: Lesson, text: String, answers given: [String: ExerciseCode],
        progress: @escaping (RunProgress) -> Void = { _ in }
    ) throws(LessonBookError) -> LessonResult {
        var answers = given
        for exercise in lesson.exercises ?? [] where answers[exercise.id] == nil {
            answers[exercise.id] = lesson.stub(of: exercise)
        }
        let shown = lesson.replacingSolutions(with: answers)
        // Exercises whose code is not the book's solution: only theirs can break.
        let answered = (lesson.exercises ?? []).filter { answers[$0.id] != lesson.solution(of: $0) }
        var settled: [CellResult] = []
        var settledThrough = -1
        while true {
            let attempt = settledThrough < 0 ? shown : lesson.replacingSolutions(with: answers)
            let hash = try inputHash(of: attempt, text: text, path: lesson.path)
            // Once an answer broke, the cells after its exercise will be run again: hold them back.
            let replay = ProgressFilter(after: settledThrough, exercises: answered.filter { $0.lastCell > settledThrough })
            let result = try execute(attempt, text: text, inputHash: hash) { replay.forward($0, to: progress) }
            let cells = settled + result.cells.filter { $0.index > settledThrough }
            let merged = LessonResult(lesson: shown, inputHash: hash, cells: cells, diagnostics: result.diagnostics)
            guard let broken = replay.brokenExercise, broken.lastCell < (lesson.cells.last?.index ?? 0) else { return merged }
            progress(.phase("exercise \(broken.id) did not run to its end; the rest of the lesson runs with the book's solution in its place"))
            answers[broken.id] = lesson.solution(of: broken)
            settled = cells.filter { $0.index <= broken.lastCell }
            settledThrough = broken.lastCell
        }
    }

    /// Proves each exercise of `lesson` both ways: `result`, a run with the book's solutions,
    /// must pass every grading check, and a run with the exercise's untouched stub (and the
    /// other exercises' solutions) must fail at least one.
    ///
    /// Stub runs are cached like lessons, so an unchanged lesson is not proven twice.
    package func proveExercises(of lesson: Lesson, text: String, result: LessonResult) throws(LessonBookError) -> [ExerciseProof] {
        try (lesson.exercises ?? []).map { (exercise) throws(LessonBookError) -> ExerciseProof in
            var problems: [String] = []
            let withSolution = ExerciseGrade(exercise, in: result)
            if !withSolution.isSolved {
                problems.append("exercise \(exercise.id), solution: \(withSolution.summary)")
            }
            let attempt = lesson.truncated(through: exercise.lastCell)
                .replacingSolutions(with: [exercise.id: lesson.stub(of: exercise)])
            let stubResult = try run(attempt, text: text, useCache: true, cacheKey: "\(lesson.path)#stub-\(exercise.id)") { _ in }.result
            let withStub = ExerciseGrade(exercise, in: stubResult)
            var stubFails = !withStub.isSolved
            switch withStub.verdict {
            case .solved:
                problems.append("exercise \(exercise.id), stub: its untouched stub passes every check, so the exercise asks nothing")
            case .broke(.compileError, let diagnostics):
                stubFails = false
                let place = diagnostics.first.map { " (\($0.description))" } ?? ""
                problems.append("exercise \(exercise.id), stub: the stub must compile, and it does not\(place)")
            case .notRun:
                stubFails = false
                problems.append("exercise \(exercise.id), stub: the run stopped before the exercise")
            default:
                break
            }
            return ExerciseProof(id: exercise.id, solutionPasses: withSolution.isSolved, stubFails: stubFails, problems: problems)
        }
    }

    /// The next hint of exercise `id` of `lesson`: its number, how many there are and its
    /// text. Which hints were shown is kept beside the exercise files, so each call shows the
    /// next; after the last, the last is shown again.
    package func nextHint(id: String, of lesson: Lesson) throws(LessonBookError) -> (number: Int, count: Int, text: String) {
        guard let exercise = lesson.exercise(id: id) else {
            throw .unknownExercise(id, available: (lesson.exercises ?? []).map(\.id))
        }
        guard !exercise.hints.isEmpty else { return (0, 0, "") }
        let statePath = (exercisesDirectory as NSString).appendingPathComponent(".hints.json")
        var shown: [String: Int] = [:]
        if let data = FileManager.default.contents(atPath: statePath),
            let decoded = try? JSONDecoder().decode([String: Int].self, from: data)
        {
            shown = decoded
        }
        let key = "\(lesson.fileName) \(id)"
        let number = min((shown[key] ?? 0) + 1, exercise.hints.count)
        shown[key] = number
        do {
            try FileManager.default.createDirectory(atPath: exercisesDirectory, withIntermediateDirectories: true)
            try CacheFile.write(try CanonicalJSON.data(shown), to: statePath)
        } catch let error as LessonBookError {
            throw error
        } catch {
            throw .fileSystem(operation: "write", path: statePath, reason: error.localizedDescription)
        }
        return (number, exercise.hints.count, exercise.hints[number - 1])
    }
}

/// Passes a run's progress on, except what a repeat of the run will report again.
///
/// Cells up to `after` were reported by an earlier run. When a cell of an exercise (one
/// running a student's answer or a stub) fails to compile, crashes or times out, the cells
/// after that exercise will be run again, so their progress is held back.
private final class ProgressFilter: @unchecked Sendable {
    private let after: Int
    private let exercises: [Exercise]
    private(set) var brokenExercise: Exercise?

    init(after: Int, exercises: [Exercise]) {
        self.after = after
        self.exercises = exercises
    }

    func forward(_ event: RunProgress, to progress: (RunProgress) -> Void) {
        let index: Int? = switch event {
        case .phase: nil
        case .cellStarted(let cell): cell.index
        case .output(let index, _), .cellStillRunning(let index, _): index
        case .cellFinished(let result): result.index
        }
        if let index {
            if index <= after { return }
            if let broken = brokenExercise, index > broken.lastCell { return }
        }
        progress(event)
        if case .cellFinished(let result) = event, brokenExercise == nil, [.compileError, .crashed, .timedOut].contains(result.status),
            let exercise = exercises.first(where: { $0.judgedCells.contains(result.index) })
        {
            brokenExercise = exercise
        }
    }
}
