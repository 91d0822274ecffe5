import LessonRuntime

/// Everything a run of one lesson produced; cached, rendered to the terminal and to HTML.
public struct LessonResult: Codable, Hashable, Sendable {
    /// The lesson as parsed.
    package var lesson: Lesson
    /// The hash of every input of the run (lesson text, library sources, toolchain, options).
    var inputHash: String
    /// One result per cell of ``lesson``, same order.
    var cells: [CellResult]
    /// Problems that belong to no single cell (the lesson did not parse, the build failed).
    var diagnostics: [Diagnostic]

    /// Creates a result.
    init(lesson: Lesson, inputHash: String, cells: [CellResult], diagnostics: [Diagnostic] = []) {
        self.lesson = lesson
        self.inputHash = inputHash
        self.cells = cells
        self.diagnostics = diagnostics
    }

    /// Checks that held, over all cells.
    var passedChecks: Int { cells.reduce(0) { $0 + $1.checks.filter(\.passed).count } }
    /// Checks that failed, over all cells.
    var failedChecks: Int { cells.reduce(0) { $0 + $1.checks.filter { !$0.passed }.count } }
    /// Whether every check passed, no cell failed unexpectedly and nothing went wrong outside cells.
    package var succeeded: Bool {
        failedChecks == 0 && diagnostics.allSatisfy { $0.severity != .error } && cells.allSatisfy { $0.status.isSuccess }
    }
}

/// What one cell did.
public struct CellResult: Codable, Hashable, Sendable {
    /// How a cell ended.
    enum Status: String, Codable, Hashable, Sendable {
        /// Ran to its end (its checks may still have failed).
        case completed
        /// `no-run`: shown, not run.
        case skipped
        /// An earlier cell failed, so this one never ran.
        case notRun
        /// Did not compile.
        case compileError
        /// Trapped, was killed by a signal, or called `exit`.
        case crashed
        /// Ran past its time limit.
        case timedOut
        /// `expect-crash` and it crashed, or `expect-compile-error` and it did not compile.
        case failedAsExpected
        /// `expect-crash` or `expect-compile-error`, but it ran fine.
        case unexpectedlySucceeded

        /// Whether this status counts as success for the lesson's exit code.
        var isSuccess: Bool {
            switch self {
            case .completed, .skipped, .failedAsExpected: true
            case .notRun, .compileError, .crashed, .timedOut, .unexpectedlySucceeded: false
            }
        }
    }

    /// The cell's index in the lesson.
    var index: Int
    /// How it ended.
    var status: Status
    /// Everything it produced, in order.
    var outputs: [CellOutput]
    /// Wall-clock seconds, if it ran; shown in the terminal, never written into pages.
    var seconds: Double?

    /// Creates a cell result.
    init(index: Int, status: Status, outputs: [CellOutput] = [], seconds: Double? = nil) {
        self.index = index
        self.status = status
        self.outputs = outputs
        self.seconds = seconds
    }

    /// The cell's checks, in order.
    var checks: [CheckRecord] {
        outputs.compactMap { if case .check(let check) = $0 { check } else { nil } }
    }
}

/// One piece of what a cell produced.
public enum CellOutput: Codable, Hashable, Sendable {
    /// Printed text (valid UTF-8; invalid bytes replaced).
    case text(String)
    /// A table from `show`.
    case table(Table)
    /// A plot from `show`.
    case plot(Plot)
    /// A block diagram from `show(diagram:…)`.
    case diagram(Diagram)
    /// A check's outcome.
    case check(CheckRecord)
    /// A compiler diagnostic, a crash, a timeout, or a note such as truncated output.
    case diagnostic(Diagnostic)
    /// How an experiment's artifact that the cell loaded was made, and whether it is stale.
    case artifact(ArtifactNote)
    /// A value published for the prose after the cell.
    case published(PublishedValue)
}
