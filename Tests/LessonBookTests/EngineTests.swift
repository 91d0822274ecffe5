import Foundation
import LessonRuntime
import Testing

@testable import LessonBook

/// Compiles and runs the example lessons against the package's own library.
@Suite("Running lessons", .enabled(if: TestSupport.compilerAvailable, "swiftc is not available"))
struct EngineTests {
    private let fixture = EngineFixture.shared

    private func texts(_ result: CellResult) -> String {
        result.outputs.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined()
    }

    private func diagnostics(_ result: CellResult) -> [Diagnostic] {
        result.outputs.compactMap { if case .diagnostic(let diagnostic) = $0 { diagnostic } else { nil } }
    }

    @Test("checks, tables and text land on their cells, with the check's source text")
    func tour() throws {
        let result = try fixture.run("01-tour.md")
        #expect(result.cells.map(\.status) == [.completed, .completed, .skipped])
        #expect(texts(result.cells[0]) == "x has [1, 3, 4, 4]\n")
        let failed = try #require(result.cells[1].checks.first)
        #expect(!failed.passed)
        #expect(failed.expression == #"check(x.shape.count == 3, "x is three-dimensional")"#)
        #expect((failed.line, failed.column) == (20, 1))
        #expect(result.cells[1].outputs.contains { if case .table(let table) = $0 { table.rows.count == 2 } else { false } })
        #expect(result.tally == (1, 1))
        #expect(!result.succeeded)
    }

    @Test("a compile error in the middle cell points at its Markdown line and column; earlier cells still run")
    func compileError() throws {
        let result = try fixture.run("02-compile-error.md")
        #expect(result.cells.map(\.status) == [.completed, .compileError, .notRun])
        #expect(texts(result.cells[0]) == "first cell ran\n")
        let error = try #require(diagnostics(result.cells[1]).first)
        #expect(error.location == LessonBook.SourceLocation(line: 11, column: 19))
        #expect(error.file.hasSuffix("Inputs/02-compile-error.md"))
        #expect(error.excerpt?.hasPrefix(#"let height: Int = "tall""#) == true)
    }

    @Test("a crash in cell 2 of 4 is reported there with its line; later cells do not run")
    func crash() throws {
        let result = try fixture.run("03-crash.md")
        #expect(result.cells.map(\.status) == [.completed, .crashed, .notRun, .notRun])
        #expect(texts(result.cells[1]) == "about to trap\n")
        let error = try #require(diagnostics(result.cells[1]).first)
        #expect(error.message == "Precondition failed: values must have four elements")
        #expect(error.location == LessonBook.SourceLocation(line: 12, column: 1))
    }

    @Test("expect-compile-error and expect-crash pass only when the failure happens; a cell reading stdin gets nothing")
    func expectations() throws {
        let result = try fixture.run("04-expectations.md")
        #expect(result.cells.map(\.status) == [.completed, .failedAsExpected, .failedAsExpected, .completed, .unexpectedlySucceeded])
        let crash = try #require(diagnostics(result.cells[2]).first)
        #expect(crash.message == "Fatal error: Index out of range")
        #expect(crash.location == LessonBook.SourceLocation(line: 15, column: 12))
        #expect(texts(result.cells[3]) == "no input\n")
        #expect(result.cells[3].checks.map(\.passed) == [true])
    }

    @Test("100 MB of output is capped and the cut is reported; an endless loop times out")
    func runaway() throws {
        let result = try fixture.run("05-runaway.md")
        #expect(result.cells.map(\.status) == [.completed, .timedOut, .notRun])
        #expect(texts(result.cells[0]).utf8.count <= RunOptions().outputCap)
        #expect(diagnostics(result.cells[0]).contains { $0.message.contains("bytes of output were cut") })
        #expect(diagnostics(result.cells[1]).first?.message == "cell ran longer than its time limit of 1 s and was stopped")
    }

    @Test("invalid UTF-8 is replaced, stdin is empty, and exit is reported on its cell")
    func bytesAndExit() throws {
        let result = try fixture.run("06-stdin-bytes-exit.md")
        #expect(result.cells.map(\.status) == [.completed, .completed, .crashed, .notRun])
        #expect(texts(result.cells[0]) == "ok\u{FFFD}\u{FFFD}\n")
        #expect(result.cells[1].checks.map(\.passed) == [true])
        #expect(diagnostics(result.cells[2]).first?.message.contains("exit(3)") == true)
    }

    @Test("a trap inside the library is reported on the lesson line that called it")
    func libraryTrap() throws {
        let result = try fixture.run("12-library-trap.md")
        #expect(result.cells.map(\.status) == [.crashed, .notRun])
        #expect(texts(result.cells[0]) == "making a tensor with too few values\n")
        let crash = try #require(diagnostics(result.cells[0]).first)
        #expect(crash.location?.line == 7)
        // The optimised library traps with "Swift runtime failure: precondition failure", or with
        // its own message where it keeps one; either way the lesson line is the caller's.
        #expect(crash.message.lowercased().contains("precondition"))
    }

    @Test("a lesson number that does not exist names the ones that do")
    func unknownNumber() {
        #expect(throws: LessonBookError.unknownLessonNumber(42, available: Array(1...18))) {
            try fixture.book.lessonFile(number: 42)
        }
    }
}

/// Columns of compiler messages in cells indented by one to three spaces are the file's.
@Suite("Running indented cells", .enabled(if: TestSupport.compilerAvailable, "swiftc is not available"))
struct IndentedCellTests {
    @Test("a compile error in an indented cell points at the Markdown column; nested cells warn")
    func indentedColumns() throws {
        let result = try EngineFixture.shared.run("16-indented-and-nested.md")
        #expect(result.cells.map(\.status) == [.compileError])
        let error = try #require(result.cells[0].outputs.compactMap { if case .diagnostic(let d) = $0 { d } else { nil } }.first)
        let line = "  let width: Int = \"wide\""
        let column = line.distance(from: line.startIndex, to: line.firstIndex(of: "\"")!) + 1
        #expect(error.location == LessonBook.SourceLocation(line: 6, column: column))
        #expect(result.diagnostics.filter { $0.severity == .warning }.count == 2)
    }
}
