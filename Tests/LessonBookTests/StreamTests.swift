import Foundation
import LessonRuntime
import Testing

@testable import LessonBook

@Suite("Output streams, hashes and compiler output")
struct StreamTests {
    private func feed(_ splitter: inout OutputSplitter, _ text: [UInt8]) -> [OutputSplitter.Piece] {
        text.withUnsafeBytes { splitter.feed($0) }
    }

    @Test("events are split from text even when cut across reads")
    func splitter() throws {
        let event = try JSONEncoder().encode(LessonEvent.cellStarted(index: 2))
        let stream = Array("before\n".utf8) + Array(LessonEvent.sentinel.utf8) + Array(event) + [10] + Array("after\u{1E}x\n".utf8)
        var splitter = OutputSplitter()
        var pieces: [OutputSplitter.Piece] = []
        for byte in stream { pieces += feed(&splitter, [byte]) }
        pieces += splitter.finish()
        var text: [UInt8] = []
        var events: [LessonEvent] = []
        for piece in pieces {
            switch piece {
            case .text(let bytes): text += bytes
            case .event(let event): events.append(event)
            case .malformedEvent: Issue.record("unexpected malformed event")
            }
        }
        #expect(events == [.cellStarted(index: 2)])
        #expect(String(decoding: text, as: UTF8.self) == "before\nafter\u{1E}x\n")
    }

    @Test("compiler messages keep their excerpt, notes attach to the error")
    func compilerOutput() {
        let output = """
            Lessons/03-x.md:44:14: error: cannot find 'foo' in scope
            let y = foo
                    ^~~
            Lessons/03-x.md:40:5: note: did you mean 'food'?
            let food = 1
                ^
            Lessons/03-x.md:50:1: warning: never used
            error: fatal error encountered
            """
        let diagnostics = CompilerOutputParser.parse(output, fallbackFile: "Lessons/03-x.md")
        #expect(diagnostics.map(\.description) == [
            "Lessons/03-x.md:44:14: error: cannot find 'foo' in scope",
            "Lessons/03-x.md:50:1: warning: never used",
            "Lessons/03-x.md: error: fatal error encountered",
        ])
        #expect(diagnostics[0].excerpt == "let y = foo\n        ^~~")
        #expect(diagnostics[0].notes.map(\.location) == [LessonBook.SourceLocation(line: 40, column: 5)])
    }

    @Test("a check's source text is found from its parenthesis, across lines")
    func checkExpression() throws {
        let text = "---\ntitle: T\n---\n\n```swift\na\n    checkShape(y,\n      [1, 2])\ncheck(x == \")\", \"ok\")\n```\n"
        let extractor = CheckExpressionExtractor(cells: try LessonParser.parse(text, path: "t.md").cells, text: text)
        #expect(extractor.expression(line: 7, column: 15)?.text == "checkShape(y, [1, 2])")
        #expect(extractor.expression(line: 7, column: 15)?.column == 5)
        #expect(extractor.expression(line: 7, column: 5)?.text == "checkShape(y, [1, 2])", "the callee's column names the call too")
        #expect(extractor.expression(line: 9, column: 6)?.text == #"check(x == ")", "ok")"#)
        #expect(extractor.expression(line: 6, column: 1) == nil)
        #expect(extractor.expression(line: 1, column: 1) == nil, "front matter is not code")
    }

    @Test("comments and raw strings inside a check do not end it early")
    func checkExpressionSyntax() throws {
        let text = """
            ---
            title: T
            ---

            ```swift
            check(s == #"a)"# /* ) */, // )
                  "raw")
            checkEqual(f(1), 2) // trailing
            ```

            """
        let extractor = CheckExpressionExtractor(text: text)
        #expect(extractor.expression(line: 6, column: 6)?.text == ##"check(s == #"a)"#, "raw")"##)
        #expect(extractor.expression(line: 8, column: 11)?.text == "checkEqual(f(1), 2)")
    }

    @Test("trap messages point at the lesson line, or note where else they happened")
    func crashReport() throws {
        let own = try #require(CrashReport(
            standardError: "LessonCells/03-x.md:21: Precondition failed: need three\nCurrent stack trace:\n0 x\n",
            lessonPath: "Lessons/03-x.md"))
        #expect(own.lessonLocation?.line == 21)
        #expect(own.message == "Precondition failed: need three")
        let foreign = try #require(CrashReport(
            standardError: "Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range\n", lessonPath: "Lessons/03-x.md"))
        #expect(foreign.lessonLocation == nil)
        #expect(foreign.foreignLocation == "Swift/ContiguousArrayBuffer.swift:692")
        let backtrace = try #require(CrashReport(
            standardError: """
                printed by the cell
                *** Signal 4: Backtracing from 0x7fab8ca89dcb... done ***

                *** Swift runtime failure: precondition failure ***
                  1   0x00007fab8ca89dcb Tensor.init(shape:values:) + 139 in libLessonRuntime.so at /x/Tensor.swift:20:9
                  2 [ra] 0x00005614ed69af45 main + 180 in prog at Lessons/03-x.md:22:9
                Backtrace took 0.10s
                """,
            lessonPath: "Lessons/03-x.md"))
        #expect(backtrace.message == "Swift runtime failure: precondition failure")
        #expect(backtrace.lessonLocation == LessonBook.SourceLocation(line: 22, column: 9))
        #expect(backtrace.remainingOutput == "printed by the cell")
    }
}
