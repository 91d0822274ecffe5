import Foundation
import LessonRuntime
@testable import LessonBook

/// Hand-built lesson results and helpers shared by the site and HTML tests.
enum SiteFixtures {
    /// A deliberately small Markdown renderer for tests: `##` headings, paragraphs, and `$…$` /
    /// `$$…$$` math in the span and div form the real renderer emits. It escapes text, so tests
    /// see what the page does with prose without depending on cmark.
    static let proseRenderer: HTMLPageRenderer.ProseRenderer = { markdown in
        var html: [String] = []
        for block in markdown.components(separatedBy: "\n\n") {
            let text = block.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            if let level = ["### ": 3, "## ": 2, "# ": 1].first(where: { text.hasPrefix($0.key) }) {
                html.append("<h\(level.value)>\(inlineMath(String(text.dropFirst(level.key.count))))</h\(level.value)>")
            } else if text.hasPrefix("$$") && text.hasSuffix("$$") && text.count > 4 {
                let tex = String(text.dropFirst(2).dropLast(2)).htmlEscaped
                html.append("<div class=\"math display\">\\[\(tex)\\]</div>")
            } else {
                html.append("<p>\(inlineMath(text))</p>")
            }
        }
        return html.joined(separator: "\n") + "\n"
    }

    private static func inlineMath(_ text: String) -> String {
        let parts = text.components(separatedBy: "$")
        return parts.enumerated().map { index, part in
            index % 2 == 1 && index < parts.count - 1
                ? "<span class=\"math inline\">\\(\(part.htmlEscaped)\\)</span>" : part.htmlEscaped
        }.joined()
    }

    static let lessonPath = "Lessons/03-basic-block.md"

    static func check(_ passed: Bool, _ description: String, _ detail: String, line: Int) -> CheckRecord {
        CheckRecord(passed: passed, description: description, detail: detail, file: lessonPath, line: line, column: 1)
    }

    /// Gradient norms per layer of three 56-layer networks, spanning 1e-8 to 1e2, with a zero
    /// and a NaN that a log axis cannot draw.
    static var gradientNormPlot: Plot {
        let layers = 56
        let plain = (0..<layers).map { layer in 1e-8 * pow(10, Double(layer) * 9.5 / Double(layers - 1)) }
        let residual = (0..<layers).map { layer in 0.02 * pow(10, Double(layer) * 1.2 / Double(layers - 1)) }
        var plainBN = (0..<layers).map { layer in 3e-4 * pow(10, Double(layer) * 3.0 / Double(layers - 1)) }
        plainBN[10] = 0
        plainBN[11] = .nan
        return Plot(
            title: "Gradient norm per layer after one step",
            xLabel: "layer", yLabel: "‖∂L/∂W‖", yScale: .logarithmic,
            series: [
                .init(name: "plain-56", y: plain),
                .init(name: "plain-56 + BN", y: plainBN),
                .init(name: "ResNet-56", y: residual),
            ])
    }

    static var accuracyBars: Plot {
        Plot(
            title: "Validation accuracy <after 5 epochs>", kind: .bar, xLabel: "model", yLabel: "accuracy",
            series: [
                .init(name: "train", x: [0, 1, 2], y: [0.91, 0.88, 0.93]),
                .init(name: "validation", x: [0, 1, 2], y: [0.89, 0.84, 0.9]),
            ],
            categories: ["ResNet-20", "plain-20", "ResNet-32"])
    }

    private static func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: SourceLocation(line: start, column: 1), end: SourceLocation(line: end, column: 3))
    }

    private static func cell(_ index: Int, _ source: String, line: Int, options: CellOptions = CellOptions()) -> LessonBlock {
        .cell(Cell(index: index, source: source, options: options, range: range(line, line + 3), codeStartLine: line + 1))
    }

    private static func prose(_ markdown: String, line: Int) -> LessonBlock {
        .prose(Prose(markdown: markdown, range: range(line, line + 2)))
    }

    /// A lesson that exercises every kind of output: text, table, plot, passing and failing
    /// checks, a compile error, a crash, escaped output, hidden and skipped cells, and math.
    static var basicBlock: LessonResult {
        let lesson = Lesson(
            path: lessonPath, number: 3, slug: "basic-block", title: "The basic block",
            summary: "Two 3×3 convolutions & a shortcut: y = F(x) + x.",
            blocks: [
                prose("A residual block learns $F(x) = H(x) - x$ instead of $H(x)$.\n\n## Shapes & sizes", line: 5),
                cell(0, "let x = Tensor.zeros([1, 64, 56, 56]) // input\nprint(x.shape)\ncheckShape(x, [1, 64, 56, 56])", line: 10),
                prose("## Gradients\n\n$$\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial y}\\left(1 + \\frac{\\partial F}{\\partial x}\\right)$$", line: 15),
                cell(1, "show(gradientNorms)\ncheckGradientNorm(block.conv1.weight, in: 1e-3...10)", line: 20),
                cell(2, "print(\"<script>alert('hi')</script> & done\")", line: 25),
                prose("## What goes wrong\n\n### A type error", line: 30),
                cell(3, "let y: Int = \"three\"", line: 33, options: CellOptions(expectCompileError: false)),
                cell(4, "let values = [1, 2, 3]\nprint(values[5])", line: 38),
                cell(5, "print(\"never\")", line: 43),
                cell(6, "setUpHelpers()", line: 47, options: CellOptions(hide: true)),
                cell(7, "train(model, epochs: 100)", line: 52, options: CellOptions(noRun: true)),
            ])
        let table = Table(
            title: "Layer shapes", columns: ["layer", "output", "parameters"],
            rows: [["conv1", "[1, 64, 56, 56]", "36,864"], ["bn1", "[1, 64, 56, 56]", "128"], ["<b>fc</b>", "[1, 10]", "650"]],
            alignments: [.leading, .leading, .trailing])
        let cells = [
            CellResult(index: 0, status: .completed, outputs: [
                .text("[1, 64, 56, 56]\n"),
                .check(check(true, "checkShape(x, [1, 64, 56, 56])", "got [1, 64, 56, 56]", line: 13)),
                .table(table),
            ], seconds: 0.25),
            CellResult(index: 1, status: .completed, outputs: [
                .plot(gradientNormPlot),
                .plot(accuracyBars),
                .check(check(false, "gradient norm of block.conv1.weight in 0.001...10", "got 42.5", line: 22)),
                .check(check(true, "accuracy > 0.8", "got 0.89", line: 22)),
            ], seconds: 1.5),
            CellResult(index: 2, status: .completed, outputs: [.text("<script>alert('hi')</script> & done\n")], seconds: 0.01),
            CellResult(index: 3, status: .compileError, outputs: [
                .diagnostic(Diagnostic(
                    file: lessonPath, location: SourceLocation(line: 34, column: 14), severity: .error,
                    message: "cannot convert value of type 'String' to specified type 'Int'",
                    notes: [.init(message: "did you mean <Int(\"three\")>?", location: SourceLocation(line: 34, column: 14))])),
            ]),
            CellResult(index: 4, status: .crashed, outputs: [
                .diagnostic(Diagnostic(
                    file: "/home/someone/book/Lessons/03-basic-block.md", location: SourceLocation(line: 40, column: 7),
                    severity: .error, message: "Fatal error: Index out of range")),
            ]),
            CellResult(index: 5, status: .notRun),
            CellResult(index: 6, status: .notRun),
            CellResult(index: 7, status: .skipped),
        ]
        return LessonResult(lesson: lesson, inputHash: "hash-basic-block-1", cells: cells)
    }

    /// A lesson where everything passes, for the contents page and neighbours.
    static var tensors: LessonResult {
        let lesson = Lesson(
            path: "Lessons/01-tensors.md", number: 1, slug: "tensors", title: "Tensors",
            summary: "Shapes, strides and broadcasting.",
            blocks: [
                prose("## Creating tensors", line: 4),
                cell(0, "let t = Tensor.ones([2, 3])\nprint(t)", line: 6),
            ])
        return LessonResult(
            lesson: lesson, inputHash: "hash-tensors-1",
            cells: [CellResult(index: 0, status: .completed, outputs: [
                .text("[[1, 1, 1], [1, 1, 1]]\n"),
                .check(check(true, "t.count == 6", "got 6", line: 8)),
            ])])
    }

    /// A lesson without a number or summary.
    static var appendix: LessonResult {
        let lesson = Lesson(
            path: "Lessons/appendix.md", number: nil, slug: "appendix", title: "Appendix",
            summary: nil, blocks: [prose("Notes.", line: 4)])
        return LessonResult(lesson: lesson, inputHash: "hash-appendix-1", cells: [])
    }

    /// A folder with files shaped like Debian's KaTeX: one font in three formats, one only as ttf.
    static func fakeKaTeX() throws -> KaTeXAssets {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("katex-\(UUID().uuidString)")
        let scripts = root.appendingPathComponent("js")
        let fonts = root.appendingPathComponent("fonts")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: fonts, withIntermediateDirectories: true)
        try Data("var katex={render:function(){}};".utf8).write(to: scripts.appendingPathComponent("katex.min.js"))
        let css = "@font-face{font-family:A;src:url(fonts/A.woff2) format('woff2'),url(fonts/A.woff) format('woff'),url(fonts/A.ttf) format('truetype');font-weight:400}"
            + "@font-face{font-family:B;src:url(fonts/B.woff2) format('woff2'),url(fonts/B.ttf) format('truetype')}.katex{font:normal 1.21em KaTeX_Main}"
        try Data(css.utf8).write(to: scripts.appendingPathComponent("katex.min.css"))
        for name in ["A.woff2", "A.woff", "A.ttf", "B.ttf"] {
            try Data(name.utf8).write(to: fonts.appendingPathComponent(name))
        }
        return KaTeXAssets(scriptDirectory: scripts, fontDirectory: fonts)
    }

    /// A fresh empty folder under the temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("site-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Compares `actual` with the golden file `name` under `Inputs/Site/`, or writes it when the
    /// environment has `RECORD_GOLDENS=1`.
    static func matchesGolden(_ actual: String, _ name: String, filePath: String = #filePath) throws -> Bool {
        let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Inputs/Site").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try Data(actual.utf8).write(to: url)
            return true
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        return expected == actual
    }
}
