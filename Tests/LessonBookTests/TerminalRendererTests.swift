import Foundation
import LessonRuntime
import Testing

@testable import LessonBook

@Suite("Terminal output")
struct TerminalRendererTests {
    /// A captured transcript of feeding `events` and `result` to a colourless renderer.
    private func transcript(_ lesson: Lesson, text: String, events: [RunProgress], result: LessonResult) -> String {
        final class Sink: @unchecked Sendable { var text = "" }
        let sink = Sink()
        let renderer = TerminalRenderer(lesson: lesson, text: text, style: TerminalStyle(colored: false)) { sink.text += $0 }
        renderer.start()
        events.forEach(renderer.handle)
        renderer.finish(result)
        return sink.text
    }

    @Test("code, output, checks with their expression, errors with the offending line, and the last line")
    func transcriptOfARun() throws {
        let text = try TestSupport.text("03-crash.md")
        let lesson = try LessonParser.parse(text, path: "Lessons/03-crash.md")
        let check = CheckRecord(
            passed: false, description: "equal to 3", detail: "got 2, expected 3", file: lesson.path, line: 20, column: 1,
            expression: "checkEqual(values.count, 3)")
        let crash = Diagnostic(
            file: lesson.path, location: LessonBook.SourceLocation(line: 12, column: 1), severity: .error,
            message: "Precondition failed: values must have four elements")
        let cells = [
            CellResult(index: 0, status: .completed, outputs: [.text("before the crash\n"), .check(check)], seconds: 3.25),
            CellResult(index: 1, status: .crashed, outputs: [.diagnostic(crash)]),
            CellResult(index: 2, status: .notRun),
            CellResult(index: 3, status: .notRun),
        ]
        var events: [RunProgress] = []
        for (cell, result) in zip(lesson.cells, cells) {
            events.append(.cellStarted(cell))
            events += result.outputs.map { .output(cellIndex: cell.index, $0) }
            events.append(.cellFinished(result))
        }
        let output = transcript(lesson, text: text, events: events, result: LessonResult(lesson: lesson, inputHash: "", cells: cells))
        #expect(output.hasPrefix("Lesson 3 · A crash in cell 2 of 4  (Lessons/03-crash.md)\n"))
        #expect(output.contains("\n6 │ var values = [1, 2, 3]\n"))
        #expect(output.contains("✗ checkEqual(values.count, 3) — got 2, expected 3  (Lessons/03-crash.md:20:1)\n"))
        #expect(output.contains("(3.2 s)\n"))
        #expect(output.contains("""
            Lessons/03-crash.md:12:1: error: Precondition failed: values must have four elements
            precondition(values.count == 4, "values must have four elements")
            ^
            """))
        #expect(output.contains("(not run: an earlier cell failed)"))
        #expect(output.hasSuffix("\n0 passed, 2 failed\n"))
        #expect(!output.contains("\u{1B}["))
    }

    @Test("tables line up, numbers to the right")
    func table() {
        let table = Table(columns: ["layer", "params"], rows: [["conv1", "9,408"], ["fc", "513,000"]], alignments: [.leading, .trailing])
        #expect(TerminalRenderer.text(of: table) == """
            layer   params
            ─────  ───────
            conv1    9,408
            fc     513,000

            """)
    }

    @Test("keywords, numbers, strings and comments are coloured only when colour is on")
    func highlighting() {
        let line = #"let x = "a b" + 12 // note"#
        #expect(TerminalStyle(colored: false).highlight(line) == line)
        #expect(
            TerminalStyle(colored: true).highlight(line)
                == "\u{1B}[35mlet\u{1B}[0m x = \u{1B}[31m\"a b\"\u{1B}[0m + \u{1B}[36m12\u{1B}[0m \u{1B}[90m// note\u{1B}[0m")
    }
}
