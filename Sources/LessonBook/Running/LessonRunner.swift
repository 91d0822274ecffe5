import SourceHashing

/// Compiles and runs one lesson: its main program, its `expect-…` cells, and the bookkeeping
/// that gives every cell exactly one result, reported in cell order.
///
/// How each kind of cell runs:
/// - normal cells form the main program, one process, sharing state like a notebook;
/// - `no-run` cells and exercises' stubs are shown and skipped (a stub is compiled only when
///   `lesson check` proves that it fails);
/// - an `expect-compile-error` cell is type-checked in a program made of the main cells before
///   it and itself; it passes if the compiler reports an error inside the cell;
/// - an `expect-crash` cell runs in its own process, after the main cells before it (their
///   output is discarded; they are deterministic and reported from the main program); it passes
///   if it traps. Running it apart is what lets the cells after it run.
/// If the main program does not compile, the cells before the first broken one are compiled
/// and run on their own, so a broken cell costs only itself and what follows.
public struct LessonRunner: Sendable {
    /// Compiles the programs.
    public var compiler: Compiler
    /// Timeouts and caps.
    public var options: RunOptions
    /// The sources experiments' artifacts are judged against, for the stale mark of an
    /// artifact's note; `nil` leaves notes unmarked.
    package var artifactSources: ArtifactSources?

    /// Creates a runner.
    public init(compiler: Compiler, options: RunOptions) {
        self.compiler = compiler
        self.options = options
    }

    /// Runs `lesson` (whose file text is `text`), streaming progress, and returns its result.
    public func run(
        _ lesson: Lesson, text: String, inputHash: String, progress: @escaping (RunProgress) -> Void = { _ in }
    ) throws(LessonBookError) -> LessonResult {
        var reporter = OrderedReporter(lesson: lesson, progress: progress)
        var diagnostics = lesson.warnings
        let runner = ProgramRunner(lesson: lesson, lessonText: text, options: options, artifactSources: artifactSources)

        var mainCells = ProgramBuilder.mainCells(of: lesson)
        progress(.phase("compiling"))
        // A lesson of prose and shown-only cells has no main program to build.
        let main = mainCells.isEmpty
            ? Compiler.Outcome(executable: nil, diagnostics: [], succeeded: true)
            : try compiler.compile(ProgramBuilder.mainProgram(for: lesson), lessonPath: lesson.path, mode: .executable)
        var warnings = cellDiagnostics(main.diagnostics.filter { $0.severity == .warning }, in: lesson)
        var executable = main.executable
        var brokenCell: Int?
        if !main.succeeded {
            let errors = main.diagnostics.filter { $0.severity == .error }
            let byCell = cellDiagnostics(errors, in: lesson)
            if let first = byCell.keys.min() {
                brokenCell = first
                reporter.settle(CellResult(index: first, status: .compileError, outputs: byCell[first]!.map(CellOutput.diagnostic)))
                mainCells = mainCells.filter { $0.index < first }
                warnings = warnings.filter { $0.key < first }
                executable = nil
                if !mainCells.isEmpty {
                    let before = try compiler.compile(
                        ProgramBuilder.program(for: lesson, cells: mainCells), lessonPath: lesson.path, mode: .executable)
                    executable = before.executable
                }
            } else {
                diagnostics += errors.isEmpty
                    ? [Diagnostic(file: lesson.path, location: nil, severity: .error, message: "the lesson program did not compile")]
                    : errors
                mainCells = []
                executable = nil
            }
        }

        for cell in lesson.cells where brokenCell.map({ cell.index < $0 }) ?? true {
            if cell.options.noRun || cell.options.role == .exercise {
                reporter.settle(CellResult(index: cell.index, status: .skipped))
            } else if cell.options.expectCompileError {
                reporter.settle(try judgeCompileError(cell, in: lesson))
            } else if cell.options.expectCrash {
                reporter.settle(try judgeCrash(cell, in: lesson, runner: runner))
            }
        }

        if let executable {
            reporter.warnings = warnings
            let run = try runner.run(executable, cells: mainCells) { reporter.forward($0) }
            reporter.adopt(run, cells: mainCells)
            diagnostics += run.diagnostics
        }
        let cells = reporter.finish()
        diagnostics += PublishedValues(cells).problems(in: lesson)
        return LessonResult(lesson: lesson, inputHash: inputHash, cells: cells, diagnostics: diagnostics)
    }

    /// Errors and warnings grouped by the cell whose code lines they point at.
    private func cellDiagnostics(_ diagnostics: [Diagnostic], in lesson: Lesson) -> [Int: [Diagnostic]] {
        var grouped: [Int: [Diagnostic]] = [:]
        for diagnostic in diagnostics {
            guard let cell = lesson.cells.first(where: { $0.contains(diagnostic, lessonPath: lesson.path) }) else { continue }
            grouped[cell.index, default: []].append(diagnostic)
        }
        return grouped
    }

    private func judgeCompileError(_ cell: Cell, in lesson: Lesson) throws(LessonBookError) -> CellResult {
        let outcome = try compiler.compile(
            ProgramBuilder.program(for: lesson, endingWith: cell), lessonPath: lesson.path, mode: .typecheck)
        let inCell = cellDiagnostics(outcome.diagnostics.filter { $0.severity == .error }, in: lesson)
        if let errors = inCell[cell.index] {
            return CellResult(index: cell.index, status: .failedAsExpected, outputs: errors.map(CellOutput.diagnostic))
        }
        if !outcome.succeeded {
            return CellResult(index: cell.index, status: .notRun)
        }
        return CellResult(
            index: cell.index, status: .unexpectedlySucceeded,
            outputs: [.diagnostic(Diagnostic(
                file: lesson.path, location: cell.range.start, severity: .error,
                message: "expected a compile error, but the cell compiled"))])
    }

    private func judgeCrash(_ cell: Cell, in lesson: Lesson, runner: ProgramRunner) throws(LessonBookError) -> CellResult {
        let cells = ProgramBuilder.mainCells(of: lesson).filter { $0.index < cell.index } + [cell]
        let outcome = try compiler.compile(ProgramBuilder.program(for: lesson, cells: cells), lessonPath: lesson.path, mode: .executable)
        guard let executable = outcome.executable else {
            let own = cellDiagnostics(outcome.diagnostics.filter { $0.severity == .error }, in: lesson)[cell.index]
            return CellResult(index: cell.index, status: own == nil ? .notRun : .compileError, outputs: (own ?? []).map(CellOutput.diagnostic))
        }
        let run = try runner.run(executable, cells: cells, progress: nil)
        guard var result = run.results[cell.index] else { return CellResult(index: cell.index, status: .notRun) }
        switch result.status {
        case .crashed where !run.stoppedForMemory:
            result.status = .failedAsExpected
        case .completed:
            result.status = .unexpectedlySucceeded
            result.outputs.append(.diagnostic(Diagnostic(
                file: lesson.path, location: cell.range.start, severity: .error,
                message: "expected this cell to crash, but it ran to its end")))
        default:
            break
        }
        return result
    }
}
