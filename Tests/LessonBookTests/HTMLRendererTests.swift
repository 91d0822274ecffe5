import Foundation
import Testing
@testable import LessonBook

@Suite("HTML pages")
struct HTMLRendererTests {
    let renderer = HTMLPageRenderer(proseRenderer: SiteFixtures.proseRenderer)

    var page: String {
        renderer.render(
            SiteFixtures.basicBlock,
            previous: .init(fileName: "01-tensors.html", title: "1. Tensors"),
            next: .init(fileName: "appendix.html", title: "Appendix"))
    }

    @Test("The fixture lesson matches its golden page")
    func golden() throws {
        #expect(try SiteFixtures.matchesGolden(page, "03-basic-block.html"))
    }

    @Test("The contents page matches its golden page")
    func indexGolden() throws {
        let index = HTMLIndexRenderer().render([SiteFixtures.tensors, SiteFixtures.basicBlock, SiteFixtures.appendix])
        #expect(try SiteFixtures.matchesGolden(index, "index.html"))
    }

    @Test("Output that looks like markup is shown as text")
    func escapedOutput() {
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt; &amp; done"))
        #expect(page.contains("<td>&lt;b&gt;fc&lt;/b&gt;</td>"))
        #expect(page.contains("did you mean &lt;Int(&quot;three&quot;)&gt;?"))
    }

    @Test("Each cell's outputs sit directly under its code, in order")
    func outputsUnderCode() throws {
        let cell = try #require(page.range(of: "<div class=\"cell cell-completed\" id=\"cell-1\">"))
        let rest = page[cell.upperBound...]
        let code = try #require(rest.range(of: "<pre class=\"cell-code\""))
        let text = try #require(rest.range(of: "<pre class=\"output-text\">"))
        let check = try #require(rest.range(of: "<li class=\"check check-pass\">"))
        let table = try #require(rest.range(of: "<table>"))
        let nextCell = try #require(rest.range(of: "id=\"cell-2\""))
        #expect(code.lowerBound < text.lowerBound && text.lowerBound < check.lowerBound)
        #expect(check.lowerBound < table.lowerBound && table.lowerBound < nextCell.lowerBound)
    }

    @Test("Tables have column headers; plots are figures with captions")
    func semantics() {
        #expect(page.contains("<th scope=\"col\">layer</th>"))
        #expect(page.contains("<th scope=\"col\" class=\"align-end\">parameters</th>"))
        #expect(page.contains("<caption>Layer shapes</caption>"))
        #expect(page.contains("<figcaption>Gradient norm per layer after one step</figcaption>"))
        #expect(page.contains("aria-labelledby=\"cell-2-plot-1-title cell-2-plot-1-desc\""))
        #expect(page.contains("aria-labelledby=\"cell-2-plot-2-title cell-2-plot-2-desc\""))
    }

    @Test("Checks show pass or fail, description, detail and Markdown line")
    func checks() {
        #expect(page.contains(
            "<li class=\"check check-fail\"><span class=\"badge badge-fail\"><span aria-hidden=\"true\">✗</span> failed</span>"
                + " <span class=\"check-description\">gradient norm of block.conv1.weight in 0.001...10</span>"
                + " <span class=\"check-detail\">got 42.5</span> <span class=\"check-location\">line 22</span></li>"))
        #expect(page.contains("<p class=\"lesson-totals totals-fail\">1 of 3 checks failing; 2 cells failed; 2 not run</p>"))
    }

    @Test("Diagnostics name file, line and column, never an absolute path")
    func diagnostics() {
        #expect(page.contains("<code class=\"diagnostic-location\">Lessons/03-basic-block.md:34:14</code>"))
        #expect(page.contains("<code class=\"diagnostic-location\">03-basic-block.md:40:7</code>"))
        #expect(!page.contains("/home/"))
        #expect(page.contains("This cell did not compile."))
        #expect(page.contains("This cell crashed."))
    }

    @Test("Hidden cells show no code; skipped and not-run cells are marked")
    func cellStates() throws {
        #expect(!page.contains("setUpHelpers"))
        #expect(page.contains("<div class=\"cell cell-not-run\" id=\"cell-7\">"))
        let skipped = try #require(page.range(of: "<div class=\"cell cell-skipped\" id=\"cell-8\">"))
        #expect(page[skipped.upperBound...].contains("Not run: this cell is shown for reading only."))
        #expect(page.contains("A hidden cell. Not run: an earlier cell failed."))
        let quiet = HTMLCellRenderer(outputs: HTMLOutputRenderer(lessonFileName: "x.md")).render(
            Cell(index: 0, source: "setUp()", options: CellOptions(hide: true),
                 range: SourceRange(start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 3, column: 3)), codeStartLine: 2),
            result: CellResult(index: 0, status: .completed))
        #expect(quiet.isEmpty)
    }

    @Test("Timings never reach the page")
    func noTimings() {
        var slower = SiteFixtures.basicBlock
        for index in slower.cells.indices { slower.cells[index].seconds = 99.5 }
        let other = renderer.render(
            slower, previous: .init(fileName: "01-tensors.html", title: "1. Tensors"),
            next: .init(fileName: "appendix.html", title: "Appendix"))
        #expect(other == page)
    }

    @Test("Headings get unique slug ids and fill the table of contents")
    func headings() {
        #expect(page.contains("<h2 id=\"shapes-sizes\">Shapes &amp; sizes</h2>"))
        #expect(page.contains("<li class=\"toc-level-2\"><a href=\"#gradients\">Gradients</a></li>"))
        #expect(page.contains("<li class=\"toc-level-3\"><a href=\"#a-type-error\">A type error</a></li>"))
        var anchors = HTMLHeadingAnchors(reserved: ["cell-1"])
        let html = anchors.process("<h2>Cell 1</h2><h2>Cell 1</h2><h3 id=\"kept\">Kept</h3><h2><a href=\"x\">Link</a></h2>")
        #expect(html == "<h2 id=\"cell-1-2\">Cell 1</h2><h2 id=\"cell-1-3\">Cell 1</h2><h3 id=\"kept\">Kept</h3><h2 id=\"link\"><a href=\"x\">Link</a></h2>")
        #expect(anchors.headings.last?.html == "Link")
    }

    @Test("Math reaches the page for KaTeX, which is loaded only where there is math")
    func math() {
        #expect(page.contains("<span class=\"math inline\">\\(F(x) = H(x) - x\\)</span>"))
        #expect(page.contains("<div class=\"math display\">\\[\\frac{\\partial L}"))
        #expect(page.contains("<script defer src=\"assets/katex/katex.min.js\"></script>"))
        let plain = renderer.render(SiteFixtures.appendix, previous: nil, next: nil)
        #expect(!plain.contains("katex"))
    }

    @Test("Pages link to their neighbours and the contents")
    func navigation() {
        #expect(page.contains("<a class=\"pager-previous\" rel=\"prev\" href=\"01-tensors.html\">"))
        #expect(page.contains("<a class=\"pager-next\" rel=\"next\" href=\"appendix.html\">"))
        #expect(page.contains("<a class=\"pager-contents\" href=\"index.html\">Contents</a>"))
    }
}
