import Foundation
import LessonRuntime

/// Streams a lesson run to the terminal as it happens: code, output, checks, errors, timings.
///
/// Feed it every ``RunProgress`` of a run, then call ``finish(_:)``. Text goes to `write`,
/// which is standard output by default.
package final class TerminalRenderer {
    private let lesson: Lesson
    private let lessonLines: [String]
    private let style: TerminalStyle
    private let write: (String) -> Void
    private var tickerVisible = false
    private var lastTickReported = 0
    /// The student's exercise file whose answers run, if any.
    private let exerciseFile: String?
    /// Lines of files other than the lesson that diagnostics point into, read when first needed.
    private var otherFiles: [String: [String]] = [:]

    /// Seconds after which a cell's duration is worth showing.
    static let slowCellSeconds = 2.0

    /// Prepares to render a run of `lesson`, whose file text is `text`.
    package init(
        lesson: Lesson, text: String, exerciseFile: String? = nil, style: TerminalStyle = .detect(),
        write: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }
    ) {
        self.lesson = lesson
        self.exerciseFile = exerciseFile
        self.lessonLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        self.style = style
        self.write = write
    }

    /// Writes the lesson's heading.
    package func start() {
        let number = lesson.number.map { "Lesson \($0) · " } ?? ""
        emit(style.bold("\(number)\(lesson.title)") + style.dim("  (\(lesson.path))") + "\n")
    }

    /// Renders one step of the run.
    package func handle(_ progress: RunProgress) {
        switch progress {
        case .phase(let phase):
            if style.colored { emit(style.dim("\(phase)…") + "\n") }
        case .cellStarted(let cell):
            lastTickReported = 0
            let exercise = lesson.exercise(containingCell: cell.index)
            if let exercise, exercise.stubCell == cell.index {
                emit("\n" + style.bold("Exercise \(exercise.id): \(exercise.title)") + "\n")
            }
            var label = "cell \(cell.index + 1) · line \(cell.range.start.line)"
            var showCode = !cell.options.hide
            if let exercise {
                switch cell.options.role {
                case .exercise: label = "exercise \(exercise.id) · starting point · line \(cell.range.start.line)"
                case .solution where cell.codeFile != nil: label = "exercise \(exercise.id) · your answer · \(cell.codeFile!):\(cell.codeStartLine)"
                case .solution:
                    // The terminal is the student's: the book's answer runs, but is not shown.
                    label = "exercise \(exercise.id) · the book's solution, not shown"
                    showCode = false
                default: label = "exercise \(exercise.id) · grading · line \(cell.range.start.line)"
                }
            }
            emit("\n" + style.dim("── \(label) " + String(repeating: "─", count: 30)) + "\n")
            if showCode {
                let width = String(cell.codeStartLine + cell.source.split(separator: "\n").count).count
                // Classified as a whole, so a string or comment spanning lines is coloured right.
                let lines = style.highlight(cell.source).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                for (offset, line) in lines.enumerated() {
                    let number = String(cell.codeStartLine + offset)
                    emit(style.dim(String(repeating: " ", count: width - number.count) + number + " │ ") + line + "\n")
                }
            }
        case .output(_, let output):
            render(output)
        case .cellStillRunning(_, let seconds):
            tick(seconds)
        case .cellFinished(let result):
            clearTicker()
            render(status: result)
        }
    }

    /// Writes lesson-wide problems and the last line, `N passed, M failed`.
    package func finish(_ result: LessonResult) {
        clearTicker()
        for diagnostic in result.diagnostics { render(diagnostic) }
        let (passed, failed) = result.tally
        emit("\n\(passed) passed, \(failed) failed\n")
        let grades = result.exerciseGrades
        guard !grades.isEmpty else { return }
        let solved = grades.filter(\.isSolved).count
        if let exerciseFile {
            emit("exercises: \(solved) of \(grades.count) solved (your answers in \(exerciseFile))\n")
        } else {
            let command = lesson.number.map { "swift run lesson exercises \($0)" } ?? "swift run lesson exercises \(lesson.path)"
            emit("exercises: \(solved) of \(grades.count) solved by the book's solutions; \(command) to answer them yourself\n")
        }
        for grade in grades {
            emit((grade.isSolved ? style.green("✓ ") : style.red("✗ ")) + grade.summary + "\n")
        }
    }

    private func render(_ output: CellOutput) {
        clearTicker()
        switch output {
        case .text(let text):
            emit(text.hasSuffix("\n") ? text : text + "\n")
        case .check(let check):
            let mark = check.passed ? style.green("✓") : style.red("✗")
            let place = check.passed ? "" : style.dim("  (\(check.file):\(check.line):\(check.column))")
            emit("\(mark) \(check.expression ?? check.description) — \(check.detail)\(place)\n")
        case .table(let table):
            emit(Self.text(of: table))
        case .plot(let plot):
            emit(style.dim("[plot: \(plot.title), \(plot.series.count) series; drawn on the site]") + "\n")
        case .diagram(let diagram):
            emit(TextDiagramRenderer().render(diagram))
        case .diagnostic(let diagnostic):
            render(diagnostic)
        case .published(let value):
            // The terminal shows no prose, so the value is shown where it was computed.
            emit(style.dim("{{\(value.name)}} = ") + value.text + "\n")
        case .artifact(let note):
            emit(style.dim(note.sentence) + "\n")
            if !note.staleBecause.isEmpty {
                emit(style.yellow("stale: \(note.staleBecause.joined(separator: " and ")) changed since; refresh with: \(note.command)") + "\n")
            }
        }
    }

    private func render(status result: CellResult) {
        switch result.status {
        case .skipped where lesson.cells.indices.contains(result.index) && lesson.cells[result.index].options.role == .exercise:
            emit(style.dim("(the starting point; answers go in \(exerciseFile ?? "the file `lesson exercises` writes"))") + "\n")
        case .skipped: emit(style.dim("(not run: no-run)") + "\n")
        case .notRun: emit(style.yellow("(not run: an earlier cell failed)") + "\n")
        case .failedAsExpected: emit(style.green("✓ failed as expected") + "\n")
        default: break
        }
        if let seconds = result.seconds, seconds >= Self.slowCellSeconds {
            emit(style.dim(String(format: "(%.1f s)", seconds)) + "\n")
        }
    }

    /// `file:line:col: severity: message`, then the compiler's excerpt or the lesson's line.
    private func render(_ diagnostic: Diagnostic) {
        let header = "\(diagnostic.description)"
        emit((diagnostic.severity == .error ? style.red(header) : style.yellow(header)) + "\n")
        if let excerpt = diagnostic.excerpt {
            emit(excerpt + "\n")
        } else if let location = diagnostic.location, case let lines = lines(of: diagnostic.file), location.line >= 1,
            location.line <= lines.count
        {
            let line = lines[location.line - 1]
            emit("\(line)\n" + String(repeating: " ", count: max(0, location.column - 1)) + style.green("^") + "\n")
        }
        for note in diagnostic.notes {
            emit(style.dim("note: \(note.message)") + "\n")
        }
    }

    /// The lines of `file`: the lesson's, or another file's read once.
    private func lines(of file: String) -> [String] {
        if file == lesson.path { return lessonLines }
        if let lines = otherFiles[file] { return lines }
        let text = FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        otherFiles[file] = lines
        return lines
    }

    /// Shows that a long cell is still running: rewritten in place on a terminal, every ten
    /// seconds otherwise.
    private func tick(_ seconds: Double) {
        let whole = Int(seconds)
        if style.colored {
            emit("\r\u{1B}[K" + style.dim("… running \(whole) s"))
            tickerVisible = true
        } else if whole >= lastTickReported + 10 {
            lastTickReported = whole - whole % 10
            emit("… still running (\(lastTickReported) s)\n")
        }
    }

    private func clearTicker() {
        if tickerVisible {
            emit("\r\u{1B}[K")
            tickerVisible = false
        }
    }

    private func emit(_ text: String) {
        write(text)
    }

    /// A table as aligned columns of text.
    static func text(of table: Table) -> String {
        let rows = [table.columns] + table.rows
        let widths = table.columns.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return table.alignments[column] == .trailing ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        var text = table.title.map { "\($0)\n" } ?? ""
        text += line(table.columns)
        text += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in table.rows { text += line(row) }
        return text
    }
}
