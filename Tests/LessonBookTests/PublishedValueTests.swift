import Foundation
import LessonRuntime
import Testing

@testable import LessonBook

/// `publish` in cells and `{{name}}` in prose: formatting, finding references where Markdown
/// has text, substituting them on the page, and errors at the reference.
@Suite("Published values")
struct PublishedValueTests {
    @Test("Numbers are written with grouped thousands and a few significant digits", arguments: [
        (0.0056350958, 3, "0.00564"), (2.2, 3, "2.20"), (48213.7, 3, "48,200"), (9.996, 3, "10.0"),
        (1.7e-6, 3, "1.70 × 10⁻⁶"), (-4.2e7, 2, "−4.2 × 10⁷"), (0, 3, "0.00"), (0.001, 2, "0.0010"), (123.456, 5, "123.46"),
    ])
    func significantDigits(value: Double, digits: Int, expected: String) {
        #expect(NumberFormat.significant(value, digits: digits) == expected)
    }

    @Test("Integers and percentages")
    func integersAndPercentages() {
        #expect(NumberFormat.grouped(11_689_512) == "11,689,512")
        #expect(NumberFormat.grouped(-1_234) == "−1,234")
        #expect(NumberFormat.grouped(999) == "999")
        #expect(NumberFormat.percent(0.93412) == "93.4 %")
        #expect(NumberFormat.percent(0.5, decimals: 0) == "50 %")
        #expect(NumberFormat.percent(-0.00001, decimals: 2) == "0.00 %")
    }

    @Test("Formatted numbers are recognised, so tables align them to the right")
    func formattedNumbers() {
        for text in ["9.18 %", "11,689,512", "−4.2 × 10⁷", "0.00564", "1.70 × 10⁻⁶", "-3"] {
            #expect(NumberFormat.isFormattedNumber(text), "\(text)")
        }
        for text in ["plain-20", "1–20", "", "10 epochs", "%"] {
            #expect(!NumberFormat.isFormattedNumber(text), "\(text)")
        }
    }

    @Test("Names: a letter or underscore, then letters, digits, _, . and -")
    func names() {
        #expect(PublishedValue.isValidName("resnet56.final-loss_2"))
        #expect(!PublishedValue.isValidName("2fast"))
        #expect(!PublishedValue.isValidName("with space"))
        #expect(!PublishedValue.isValidName(""))
    }

    @Test("References are found in text, not in code, math or after a backslash, with their file positions")
    func references() {
        let markdown = """
            Intro {{a}} and `{{code}}`, $x_{{b}}$ and \\{{escaped}}.

            ```text
            {{fenced}}
            ```
            Then é {{ c }} and {{not a name}}.

            """
        let prose = Prose(markdown: markdown, range: SourceRange(start: SourceLocation(line: 10, column: 1), end: SourceLocation(line: 15, column: 1)))
        let found = ValueReference.references(in: prose)
        #expect(found.map(\.name) == ["a", "c"])
        // Columns count UTF-8 bytes, as compilers do: é takes two.
        #expect(found.map(\.location) == [SourceLocation(line: 10, column: 7), SourceLocation(line: 15, column: 9)])
        #expect(found.last?.source == "{{ c }}")
    }

    @Test("Substitution escapes Markdown and leaves unknown names as written")
    func substitution() {
        let markdown = "A {{x}}, B {{y}}, code `{{x}}`.\n"
        let result = ValueReference.substitute(in: markdown) { name in
            name == "x" ? PublishedValues.markdownEscaped("*1* [2]") : nil
        }
        #expect(result == "A \\*1\\* \\[2\\], B {{y}}, code `{{x}}`.\n")
        #expect(CommonMarkConverter.renderHTML(result).contains("A *1* [2], B {{y}}, code <code>{{x}}</code>."))
    }
}

/// The same, end to end: a lesson whose prose quotes its cells.
@Suite("Published values in a lesson", .enabled(if: TestSupport.compilerAvailable, "swiftc is not available"))
struct PublishedValueLessonTests {
    private let fixture = EngineFixture.shared

    @Test("The page shows the values; early, misspelt and later references are errors at file:line:column")
    func lesson() throws {
        let result = try fixture.run("18-published-values.md")
        #expect(result.cells.allSatisfy { $0.status == .completed })
        let errors = result.diagnostics.filter { $0.severity == .error }
            .map { $0.description.replacingOccurrences(of: "\(TestSupport.inputs)/", with: "") }
        #expect(errors == [
            "18-published-values.md:6:18: error: '{{early}}' quotes a value that no cell published",
            "18-published-values.md:20:19: error: '{{ratoi}}' quotes a value that no cell published",
            "18-published-values.md:20:54: error: '{{later}}' quotes a value that is published only later, by the cell at line 22",
        ])
        #expect(!result.succeeded)

        let page = HTMLPageRenderer(proseRenderer: CommonMarkConverter.renderHTML)
            .render(result, previous: nil, next: nil)
        #expect(page.contains("ResNet-18 has 11,689,512 parameters; the ratio is 0.00564, the accuracy\n93.4 %, a small number 1.70 × 10⁻⁶, and a label a *starred* [word]."))
        #expect(page.contains("<code>{{ratio}}</code>"))
        #expect(page.contains("Now 42 is known and 0.500 is the newer value."))

        final class Sink: @unchecked Sendable { var lines: [String] = [] }
        let sink = Sink()
        let terminal = TerminalRenderer(
            lesson: result.lesson, text: try TestSupport.text("18-published-values.md"), style: TerminalStyle(colored: false)
        ) { sink.lines.append($0) }
        for cell in result.cells {
            for output in cell.outputs { terminal.handle(.output(cellIndex: cell.index, output)) }
        }
        #expect(sink.lines.contains("{{accuracy}} = 93.4 %\n"))
    }
}
