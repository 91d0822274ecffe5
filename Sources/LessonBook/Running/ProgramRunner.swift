import Foundation
import LessonRuntime
import Synchronization
import SourceHashing

/// Runs one compiled lesson program and turns its output into per-cell results.
///
/// The program runs in a fresh temporary directory with no standard input. Each cell has a
/// deadline (its `timeout=` or the lesson default) that restarts when the cell starts; past it,
/// the program's whole process group is killed. So it is when the group's resident memory goes
/// over the lesson's limit. Printed text beyond the lesson's cap is counted and cut. A trap, a
/// signal, an `exit` or the memory limit is reported on the cell that was running.
///
/// Memory is watched by sampling the resident set of the program's process group from `/proc`
/// several times a second, not with a resource limit: `RLIMIT_AS` counts address space that
/// Swift's runtime, glibc's arenas and oneDNN reserve without using (a limit low enough to
/// matter breaks programs that use little), and `RLIMIT_DATA` makes an allocation fail inside
/// whatever library asked, a crash that no longer says why. Sampling can overshoot by what a
/// program allocates between two samples; the point is to stop a runaway lesson before the
/// kernel's out-of-memory killer picks some other process, and to say so on the cell.
struct ProgramRunner {
    /// How the message on a cell stopped for its memory starts.
    static let memoryMessagePrefix = "the lesson used more than "

    /// How the program ended, seen from the cells.
    struct Run {
        /// Results of the cells that started, by cell index.
        var results: [Int: CellResult] = [:]
        /// The cell that crashed or timed out, if one did; cells after it did not run.
        var failedCell: Int?
        /// Problems not tied to a cell, e.g. the program could not be loaded.
        var diagnostics: [Diagnostic] = []
        /// Whether the program was stopped for going over its memory limit.
        var stoppedForMemory = false
    }

    var lesson: Lesson
    var lessonText: String
    var options: RunOptions
    /// What artifacts' notes are judged against (see ``LessonRunner/artifactSources``).
    var artifactSources: ArtifactSources? = nil

    /// The environment of the program: the caller's extra variables, short crash reports, and
    /// where the lesson's declared artifacts are (`Artifact.load` reads both variables).
    var environment: [String: String] {
        options.environment.merging(CrashReport.backtraceEnvironment) { _, backtrace in backtrace }.merging([
            Artifact.directoryVariable: lesson.artifactsDirectory,
            Artifact.declaredVariable: (lesson.artifacts ?? []).joined(separator: ","),
        ]) { $1 }
    }

    /// Runs `executable`, whose cells are `cells`, reporting progress unless `progress` is nil.
    func run(
        _ executable: String, cells: [Cell], progress: ((RunProgress) -> Void)?
    ) throws(LessonBookError) -> Run {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-run-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        ChildProcessRegistry.shared.adoptWorkingDirectory(directory)
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            ChildProcessRegistry.shared.releaseWorkingDirectory(directory)
        }
        // One lesson program computes at a time, with every core (compiling the next lesson
        // overlaps with it). oneDNN's kernels synchronise their threads with spinning barriers:
        // two programs sharing two cores made training steps up to nine times slower. And a
        // program always gets the same number of threads, so its results, whose last digits
        // depend on how reductions are split between threads, are the same however many
        // lessons a command runs: `lesson 3`, `lesson check` and `lesson build` agree.
        return try Self.computeGate.withLock { _ throws(LessonBookError) -> Run in
            if ChildProcessRegistry.shared.isInterrupted { throw .interrupted }
            return try runAlone(executable, cells: cells, directory: directory, progress: progress)
        }
    }

    private static let computeGate = Mutex(())

    /// A check call finder for the lesson file and one for each other file code came from (a
    /// student's exercise file), whose lines are the cells' own.
    private static func extractors(for lesson: Lesson, text: String) -> [String: CheckExpressionExtractor] {
        var extractors = [lesson.path: CheckExpressionExtractor(cells: lesson.cells.filter { $0.codeFile == nil }, text: text)]
        for file in Set(lesson.cells.compactMap(\.codeFile)) {
            let cells = lesson.cells.filter { $0.codeFile == file }
            // The file's text as far as the cells show it: their lines in place, blank elsewhere.
            var lines: [String] = []
            for cell in cells {
                let code = cell.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let first = cell.codeStartLine - 1
                if lines.count < first + code.count { lines += Array(repeating: "", count: first + code.count - lines.count) }
                lines.replaceSubrange(first..<(first + code.count), with: code)
            }
            extractors[file] = CheckExpressionExtractor(cells: cells, text: lines.joined(separator: "\n"))
        }
        return extractors
    }

    private func runAlone(
        _ executable: String, cells: [Cell], directory: String, progress: ((RunProgress) -> Void)?
    ) throws(LessonBookError) -> Run {
        var state = State(lesson: lesson, extractors: Self.extractors(for: lesson, text: lessonText), options: options, progress: progress)
        state.artifactSources = artifactSources
        var splitter = OutputSplitter()
        let termination = try ChildProcess.run(
            executable, [], directory: directory, environment: environment,
            onOutput: { stream, bytes in
                switch stream {
                case .standardOutput: splitter.feed(bytes).forEach { state.handle($0) }
                case .standardError: state.appendStandardError(bytes)
                }
            },
            shouldStop: { pid in
                state.checkDeadline() || state.checkMemory(ofGroup: pid) || ChildProcessRegistry.shared.isInterrupted
            })
        splitter.finish().forEach { state.handle($0) }
        if ChildProcessRegistry.shared.isInterrupted { throw .interrupted }
        return state.conclude(termination, cells: cells)
    }
}

extension ProgramRunner {
    /// What is known about the run so far; updated from the output as it arrives.
    fileprivate struct State {
        let lesson: Lesson
        /// Check call finders by the file the code comes from: the lesson's, or a student's.
        let extractors: [String: CheckExpressionExtractor]
        let options: RunOptions
        let progress: ((RunProgress) -> Void)?

        var run = Run()
        var current: (cell: Cell, started: Date, outputs: [CellOutput], pendingText: [UInt8], cutBytes: Int)?
        var standardError: [UInt8] = []
        var keptTextBytes = 0
        var deadline = Date.distantFuture
        var lastTick = Date()
        var timedOut = false
        let memoryLimit: MemorySize
        var lastMemorySample = Date.distantPast
        var memorySamples = 0
        var outOfMemory = false
        var artifactSources: ArtifactSources?

        init(lesson: Lesson, extractors: [String: CheckExpressionExtractor], options: RunOptions, progress: ((RunProgress) -> Void)?) {
            self.lesson = lesson
            self.extractors = extractors
            self.options = options
            self.progress = progress
            deadline = Date().addingTimeInterval(options.defaultCellTimeout)
            memoryLimit = options.memoryLimit(for: lesson)
        }

        mutating func handle(_ piece: OutputSplitter.Piece) {
            switch piece {
            case .text(let bytes): appendText(bytes)
            case .event(let event): handle(event)
            case .malformedEvent(let json):
                emit(.diagnostic(Diagnostic(file: lesson.path, location: nil, severity: .warning, message: "unreadable runtime event: \(json)")))
            }
        }

        private mutating func handle(_ event: LessonEvent) {
            switch event {
            case .cellStarted(let index):
                guard let cell = lesson.cells.first(where: { $0.index == index }) else { return }
                current = (cell, Date(), [], [], 0)
                progress?(.cellStarted(cell))
                deadline = Date().addingTimeInterval(cell.options.timeoutSeconds ?? options.defaultCellTimeout)
                lastTick = Date()
            case .check(var record):
                if let call = extractors[record.file]?.expression(line: record.line, column: record.column) {
                    record.expression = call.text
                    record.column = call.column
                }
                flushText()
                emit(.check(record))
            case .table(let table):
                flushText()
                emit(.table(table))
            case .plot(let plot):
                flushText()
                emit(.plot(plot))
            case .diagram(let diagram):
                flushText()
                emit(.diagram(diagram))
            case .published(let value):
                flushText()
                emit(.published(value))
            case .artifact(var note):
                if let artifactSources {
                    note.staleBecause = artifactSources.changes(
                        since: ArtifactSources(libraryHash: note.librarySourceHash, experimentHash: note.experimentSourceHash))
                }
                flushText()
                emit(.artifact(note))
            case .cellFinished(let index, let seconds):
                guard current?.cell.index == index else { return }
                finishCurrent(status: .completed, seconds: seconds, extra: takeStandardError())
            }
        }

        /// Keeps text within the lesson's cap and passes on complete lines as they arrive.
        private mutating func appendText(_ bytes: [UInt8]) {
            guard current != nil else { return }
            let room = max(0, options.outputCap - keptTextBytes)
            let kept = bytes.prefix(room)
            keptTextBytes += kept.count
            current!.cutBytes += bytes.count - kept.count
            current!.pendingText += kept
            if let lastNewline = current!.pendingText.lastIndex(of: UInt8(ascii: "\n")) {
                let lines = Array(current!.pendingText[...lastNewline])
                current!.pendingText.removeFirst(lastNewline + 1)
                emit(.text(String(decoding: lines, as: UTF8.self)))
            }
        }

        private mutating func flushText() {
            guard let pending = current?.pendingText, !pending.isEmpty else { return }
            current!.pendingText = []
            emit(.text(String(decoding: pending, as: UTF8.self)))
        }

        private mutating func emit(_ output: CellOutput) {
            guard current != nil else { return }
            current!.outputs.append(output)
            progress?(.output(cellIndex: current!.cell.index, output))
        }

        /// Keeps standard error up to the output cap: a trap's report is short, a flood is cut.
        mutating func appendStandardError(_ bytes: UnsafeRawBufferPointer) {
            let room = max(0, options.outputCap - standardError.count)
            standardError += bytes.prefix(room)
            if bytes.count > room, current != nil { current!.cutBytes += bytes.count - room }
        }

        /// Standard error so far, as text, and forgets it.
        private mutating func takeStandardError() -> String {
            defer { standardError = [] }
            return String(decoding: standardError, as: UTF8.self)
        }

        private mutating func finishCurrent(status: CellResult.Status, seconds: Double?, extra: String, diagnostic: Diagnostic? = nil) {
            guard let cell = current?.cell else { return }
            flushText()
            if !extra.isEmpty { emit(.text(extra.hasSuffix("\n") ? extra : extra + "\n")) }
            if let diagnostic { emit(.diagnostic(diagnostic)) }
            if current!.cutBytes > 0 {
                emit(.diagnostic(Diagnostic(
                    file: lesson.path, location: cell.range.start, severity: .warning,
                    message: "\(current!.cutBytes) bytes of output were cut: a lesson keeps at most \(options.outputCap) bytes of printed text")))
            }
            let result = CellResult(
                index: cell.index, status: status, outputs: Self.mergingText(current!.outputs),
                seconds: seconds ?? Date().timeIntervalSince(current!.started))
            run.results[cell.index] = result
            progress?(.cellFinished(result))
            current = nil
            deadline = Date().addingTimeInterval(options.defaultCellTimeout)
        }

        /// Whether the running cell is past its deadline; also sends the once-a-second tick.
        mutating func checkDeadline() -> Bool {
            let now = Date()
            if let current, now.timeIntervalSince(lastTick) >= 1 {
                lastTick = now
                progress?(.cellStillRunning(cellIndex: current.cell.index, seconds: now.timeIntervalSince(current.started)))
            }
            if now > deadline { timedOut = true }
            return timedOut
        }

        /// Whether the program's process group holds more resident memory than its limit.
        ///
        /// The program itself is sampled ten times a second (one small file); the whole group,
        /// which takes a walk over every process, once a second.
        mutating func checkMemory(ofGroup group: pid_t) -> Bool {
            let now = Date()
            guard !outOfMemory, now.timeIntervalSince(lastMemorySample) >= 0.1 else { return outOfMemory }
            lastMemorySample = now
            memorySamples += 1
            let bytes = memorySamples % 10 == 1
                ? ProcessTable.residentBytes(ofGroup: group) : ProcessTable.residentBytes(group)
            outOfMemory = bytes > memoryLimit.bytes
            return outOfMemory
        }

        /// Settles the cell that was running when the program ended, and the run's outcome.
        mutating func conclude(_ termination: ChildProcess.Termination, cells: [Cell]) -> Run {
            let errorText = takeStandardError()
            if let cell = current?.cell {
                let limit = cell.options.timeoutSeconds ?? options.defaultCellTimeout
                let status: CellResult.Status
                let diagnostic: Diagnostic
                var extra = errorText
                if outOfMemory {
                    status = .crashed
                    run.stoppedForMemory = true
                    diagnostic = Diagnostic(
                        file: lesson.path, location: cell.range.start, severity: .error,
                        message: "\(ProgramRunner.memoryMessagePrefix)\(memoryLimit) of memory and was stopped; "
                            + "a lesson that needs more says so in its front matter (memory: 12GiB)")
                } else if timedOut {
                    status = .timedOut
                    diagnostic = Diagnostic(
                        file: lesson.path, location: cell.range.start, severity: .error,
                        message: "cell ran longer than its time limit of \(Self.format(limit)) s and was stopped")
                } else {
                    status = .crashed
                    let otherSources = Array(Set(cells.compactMap(\.codeFile))).sorted()
                    let crash = CrashReport(standardError: errorText, lessonPath: lesson.path, otherSources: otherSources)
                    extra = crash?.remainingOutput ?? errorText
                    let fallback = switch termination {
                    case .signalled(let signal): "the program was killed by signal \(signal) (\(Self.signalName(signal)))"
                    case .exited(let code): "the cell ended the program with exit(\(code)); later cells did not run"
                    }
                    // A trap message names only a line; the column is where that line's code starts.
                    let file = crash?.lessonLocation == nil ? lesson.path : crash?.locationFile ?? lesson.path
                    let location = crash?.lessonLocation.map { found in
                        SourceLocation(
                            line: found.line,
                            column: found.column > 0 ? found.column : extractors[file]?.firstCodeColumn(line: found.line) ?? 1)
                    }
                    diagnostic = Diagnostic(
                        file: file, location: location ?? cell.range.start, severity: .error,
                        message: crash?.message ?? fallback,
                        notes: crash?.foreignLocation.map { [Diagnostic.Note(message: "trapped in \($0)")] } ?? [])
                }
                run.failedCell = cell.index
                finishCurrent(status: status, seconds: nil, extra: extra, diagnostic: diagnostic)
            } else if termination != .exited(0) || cells.contains(where: { run.results[$0.index] == nil }) {
                let detail = errorText.isEmpty ? "" : ": \(errorText.trimmingCharacters(in: .whitespacesAndNewlines))"
                run.stoppedForMemory = outOfMemory
                run.diagnostics.append(Diagnostic(
                    file: lesson.path, location: nil, severity: .error,
                    message: outOfMemory
                        ? "\(ProgramRunner.memoryMessagePrefix)\(memoryLimit) of memory and was stopped"
                        : "the lesson program stopped before its first cell\(detail)"))
            } else if !errorText.isEmpty, let last = cells.last?.index {
                run.results[last]?.outputs.append(.text(errorText))
            }
            return run
        }

        static func mergingText(_ outputs: [CellOutput]) -> [CellOutput] {
            var merged: [CellOutput] = []
            for output in outputs {
                if case .text(let text) = output, case .text(let previous)? = merged.last {
                    merged[merged.count - 1] = .text(previous + text)
                } else {
                    merged.append(output)
                }
            }
            return merged
        }

        static func format(_ seconds: Double) -> String {
            seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        }

        static func signalName(_ signal: Int32) -> String {
            switch signal {
            case SIGILL: "SIGILL, a Swift runtime trap"
            case SIGTRAP: "SIGTRAP, a Swift runtime trap"
            case SIGSEGV: "SIGSEGV, a bad memory access"
            case SIGBUS: "SIGBUS, a bad memory access"
            case SIGABRT: "SIGABRT, an abort"
            case SIGKILL: "SIGKILL"
            case SIGFPE: "SIGFPE, an arithmetic error"
            default: "signal \(signal)"
            }
        }
    }
}
