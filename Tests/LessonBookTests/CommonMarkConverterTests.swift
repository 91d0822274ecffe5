import Testing

@testable import LessonBook

@Suite("Markdown rendering")
struct CommonMarkConverterTests {
    /// The prose of the math lesson, front matter removed, as the site renders it.
    private func prose() throws -> String {
        let lesson = try LessonParser.parse(try TestSupport.text("10-math-and-tables.md"), path: "10-math-and-tables.md")
        return lesson.blocks.compactMap { if case .prose(let prose) = $0 { prose.markdown } else { nil } }.joined()
    }

    @Test("prose renders with math kept, tables on and raw HTML off")
    func proseGolden() throws {
        try TestSupport.expectGolden(CommonMarkConverter.renderHTML(try prose()), "10-math-and-tables.html")
    }

    @Test("math is escaped and wrapped for KaTeX")
    func math() {
        let html = CommonMarkConverter.renderHTML("If $a_1 < b_1$ then\n\n$$\\sum_i x_i$$\n")
        #expect(html.contains(#"<span class="math inline">\(a_1 &lt; b_1\)</span>"#))
        #expect(html.contains(#"<div class="math display">\[\sum_i x_i\]</div>"#))
        #expect(!html.contains("<em>"))
    }

    @Test("dollar amounts and code spans are not math")
    func notMath() {
        let html = CommonMarkConverter.renderHTML("It costs $5 and $6, and `$x$` is code.\n")
        #expect(!html.contains("math"))
        #expect(html.contains("<code>$x$</code>"))
    }
}
