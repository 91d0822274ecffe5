import Testing
@testable import LessonBook

@Suite("Swift highlighting")
struct HighlighterTests {
    @Test("Keywords, types, numbers, strings and comments get their classes")
    func classes() {
        let html = SwiftHighlighter.highlight("let x: Int = 42 // answer\nprint(\"hi\")")
        #expect(html.contains("<span class=\"tok-keyword\">let</span>"))
        #expect(html.contains("<span class=\"tok-type\">Int</span>"))
        #expect(html.contains("<span class=\"tok-number\">42</span>"))
        #expect(html.contains("<span class=\"tok-comment\">// answer</span>"))
        #expect(html.contains("<span class=\"tok-string\">&quot;hi&quot;</span>"))
    }

    @Test("Markup in code is escaped and the text survives unchanged")
    func escapingAndText() {
        let source = "let s = \"<script>alert('&')</script>\" /* <b> */\nlet t = a < b && c > d"
        let html = SwiftHighlighter.highlight(source)
        #expect(!html.contains("<script>") && !html.contains("<b>"))
        #expect(HTMLHeadingAnchors.plainText(html) == source)
    }

    @Test("Broken code is still shown in full")
    func brokenCode() {
        let source = "let y: Int = \"three\nfunc {"
        #expect(HTMLHeadingAnchors.plainText(SwiftHighlighter.highlight(source)) == source)
    }
}
