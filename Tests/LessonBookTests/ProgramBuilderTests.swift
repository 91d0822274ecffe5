import SwiftParser
import SwiftSyntax
import Testing

@testable import LessonBook

@Suite("Building lesson programs")
struct ProgramBuilderTests {
    @Test("the main program of a lesson with every kind of cell")
    func mainProgramGolden() throws {
        let lesson = try LessonParser.parse(try TestSupport.text("04-expectations.md"), path: "Lessons/04-expectations.md")
        try TestSupport.expectGolden(ProgramBuilder.mainProgram(for: lesson), "04-expectations.main.swift.txt")
    }

    @Test("an expect-crash cell runs after the main cells before it")
    func crashProgramGolden() throws {
        let lesson = try LessonParser.parse(try TestSupport.text("04-expectations.md"), path: "Lessons/04-expectations.md")
        try TestSupport.expectGolden(
            ProgramBuilder.program(for: lesson, endingWith: lesson.cells[2]), "04-expectations.cell2.swift.txt")
    }

    @Test("no-run cells are left out")
    func noRun() throws {
        let lesson = try LessonParser.parse(try TestSupport.text("01-tour.md"), path: "Lessons/01-tour.md")
        #expect(ProgramBuilder.mainCells(of: lesson).map(\.index) == [0, 1])
        #expect(!ProgramBuilder.mainProgram(for: lesson).contains("shown, never run"))
    }

    @Test("paths become plain string literals that #sourceLocation accepts")
    func literal() {
        #expect(ProgramBuilder.stringLiteral("Lessons/03-basic-block.md") == #""Lessons/03-basic-block.md""#)
        #expect(ProgramBuilder.stringLiteral("line\nbreak.md") == #""line\nbreak.md""#)
        #expect(ProgramBuilder.stringLiteral(#"a "b"\c.md"#) == "\"a \u{FFFD}b\u{FFFD}\u{FFFD}c.md\"")
        for path in ["tab\tand é.md", "line\nbreak.md"] {
            let literal = ProgramBuilder.stringLiteral(path)
            let parsed = Parser.parse(source: "let p = \(literal)").statements.first?.item
                .as(VariableDeclSyntax.self)?.bindings.first?.initializer?.value.as(StringLiteralExprSyntax.self)
            #expect(parsed?.representedLiteralValue == path, "\(literal)")
            #expect(literal.hasPrefix("\""), "#sourceLocation takes no raw string: \(literal)")
        }
    }
}
