import Foundation
import Testing

@testable import LessonBook

@Suite("Parsing lessons")
struct ParserTests {
    @Test("the tour parses to its recorded structure")
    func tourGolden() throws {
        let lesson = try LessonParser.parse(try TestSupport.text("01-tour.md"), path: "Inputs/01-tour.md")
        try TestSupport.expectGolden(try TestSupport.json(lesson), "01-tour.lesson.json")
    }

    @Test("number, slug, title, summary and cell options")
    func fields() throws {
        let lesson = try LessonParser.parse(try TestSupport.text("04-expectations.md"), path: "Lessons/04-expectations.md")
        #expect(lesson.number == 4)
        #expect(lesson.slug == "expectations")
        #expect(lesson.title == "Expected failures")
        #expect(lesson.cells.map(\.options.expectCrash) == [false, false, true, false, true])
        #expect(lesson.cells[1].options.expectCompileError)
        #expect(lesson.cells[0].codeStartLine == 6)
        #expect(lesson.cells[0].source == "let numbers = [1, 2, 3]\n")
    }

    @Test("quoted values keep their colons")
    func quotedTitle() throws {
        let lesson = try LessonParser.parse(try TestSupport.text("10-math-and-tables.md"), path: "10-math-and-tables.md")
        #expect(lesson.title == "Math: and tables")
        #expect(lesson.cells.isEmpty)
    }

    @Test("a lesson that does not exist")
    func missingFile() {
        #expect(throws: LessonBookError.fileNotFound(path: "Lessons/99-nowhere.md")) {
            try LessonParser.parse(contentsOf: "Lessons/99-nowhere.md")
        }
    }

    @Test("bad front matter names every problem with its line")
    func badFrontMatter() throws {
        let error = try #require(throws: LessonBookError.self) {
            try LessonParser.parse(try TestSupport.text("07-bad-front-matter.md"), path: "07-bad-front-matter.md")
        }
        #expect(error.diagnostics.map(\.description) == [
            "07-bad-front-matter.md:3:1: error: unknown front matter key 'colour'; known keys are artifacts, memory, summary, title",
            "07-bad-front-matter.md:1:1: error: front matter has no 'title'",
        ])
    }

    @Test("a lesson without front matter")
    func noFrontMatter() throws {
        let error = try #require(throws: LessonBookError.self) { try LessonParser.parse("# Hello\n", path: "x.md") }
        #expect(error.diagnostics.first?.location == LessonBook.SourceLocation(line: 1, column: 1))
    }

    @Test("an unclosed fence is reported at its opening line")
    func unclosedFence() throws {
        let error = try #require(throws: LessonBookError.self) {
            try LessonParser.parse(try TestSupport.text("08-unclosed-fence.md"), path: "08-unclosed-fence.md")
        }
        #expect(error.diagnostics.map(\.description) == ["08-unclosed-fence.md:11:1: error: code fence opened here is never closed"])
    }

    @Test("an unknown cell option is reported at its line and column")
    func unknownOption() throws {
        let error = try #require(throws: LessonBookError.self) {
            try LessonParser.parse(try TestSupport.text("09-unknown-option.md"), path: "09-unknown-option.md")
        }
        #expect(error.diagnostics.count == 1)
        #expect(error.diagnostics.first?.location == LessonBook.SourceLocation(line: 5, column: 15))
        #expect(error.diagnostics.first?.message.hasPrefix("unknown cell option 'quick'") == true)
    }

    @Test("timeout must be a positive number", arguments: ["timeout=0", "timeout=abc", "timeout=-1"])
    func badTimeout(option: String) throws {
        let text = "---\ntitle: T\n---\n\n```swift \(option)\nlet a = 1\n```\n"
        let error = try #require(throws: LessonBookError.self) { try LessonParser.parse(text, path: "t.md") }
        #expect(error.diagnostics.first?.location == LessonBook.SourceLocation(line: 5, column: 10))
    }
}

@Suite("Parsing lessons: cells off the top level")
struct NestedCellTests {
    @Test("swift cells in a list or a block quote are not run, and a warning says so at their fence")
    func nestedCells() throws {
        let lesson = try LessonParser.parse(try TestSupport.text("16-indented-and-nested.md"), path: "16.md")
        #expect(lesson.cells.count == 1)
        #expect(lesson.cells[0].indentation == 2)
        #expect(lesson.warnings.map(\.description) == [
            "16.md:11:3: warning: a swift cell inside a list is not run; move it to the top level",
            "16.md:17:3: warning: a swift cell inside a block quote is not run; move it to the top level",
        ])
    }

    @Test("the program puts an indented cell's indentation back, so columns are the file's")
    func indentedProgram() throws {
        let lesson = try LessonParser.parse(try TestSupport.text("16-indented-and-nested.md"), path: "16.md")
        #expect(ProgramBuilder.mainProgram(for: lesson).contains("\n  let width: Int = \"wide\"\n"))
        #expect(ProgramBuilder.indented("a\n\n  b\n", by: 3) == "   a\n\n     b\n")
    }
}
