import Foundation
import Testing

@testable import LessonBook

/// `lesson:` links between lessons and the build's check of every link inside the site.
@Suite("Links between lessons")
struct LessonLinkTests {
    private let lessons = [SiteFixtures.tensors.lesson, SiteFixtures.basicBlock.lesson]

    @Test("lesson:NUMBER and lesson:SLUG resolve to the page, keeping the anchor")
    func resolve() {
        let links = LessonLinks(lessons: lessons)
        #expect(links.resolve("lesson:3") == "03-basic-block.html")
        #expect(links.resolve("lesson:03#gradients") == "03-basic-block.html#gradients")
        #expect(links.resolve("lesson:basic-block#shapes-sizes") == "03-basic-block.html#shapes-sizes")
        #expect(links.resolve("lesson:9") == nil)
        #expect(links.rewrite(#"<a href="lesson:1">tensors</a> <a href="https://x.org">x</a>"#)
            == #"<a href="01-tensors.html">tensors</a> <a href="https://x.org">x</a>"#)
    }

    @Test("Links are found with the line and column of their target; code spans are skipped")
    func positions() {
        let found = LessonLinks.links(inMarkdown: "Intro.\nSee [the block](lesson:3) but not `[x](lesson:9)`.\n", firstLine: 10)
        #expect(found == [LessonLinks.Link(target: "lesson:3", location: SourceLocation(line: 11, column: 17))])
    }

    @Test("Links in fenced blocks are skipped, and columns count UTF-8 bytes as compilers do")
    func fencesAndColumns() {
        let markdown = "```text\n[x](lesson:9)\n```\n× then [y](lesson:2).\n"
        let found = LessonLinks.links(inMarkdown: markdown, firstLine: 1)
        // "×" takes two bytes: "× then [y](" is 12 bytes, so the target starts at column 13.
        #expect(found == [LessonLinks.Link(target: "lesson:2", location: SourceLocation(line: 4, column: 13))])
    }

    /// The basic-block lesson with `markdown` as a prose block at line 50.
    private func withProse(_ markdown: String) -> LessonResult {
        var result = SiteFixtures.basicBlock
        result.lesson.blocks.append(.prose(Prose(
            markdown: markdown,
            range: SourceRange(start: SourceLocation(line: 50, column: 1), end: SourceLocation(line: 51, column: 1)))))
        return result
    }

    @Test("A build writes resolved links and fails on one that does not arrive, naming file:line:column")
    func build() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        let builder = SiteBuilder(katex: try SiteFixtures.fakeKaTeX()) { CommonMarkConverter.renderHTML($0) }
        let good = withProse("Back to [tensors](lesson:1) and [gradients](#gradients), [the block](lesson:basic-block#shapes-sizes).\n")
        try builder.write(results: [SiteFixtures.tensors, good], to: site)
        let page = try String(contentsOf: site.appendingPathComponent("03-basic-block.html"), encoding: .utf8)
        #expect(page.contains(#"<a href="01-tensors.html">tensors</a>"#))
        #expect(page.contains(#"<a href="03-basic-block.html#shapes-sizes">the block</a>"#))

        let bad = withProse("See [lesson 9](lesson:9), [nothing](#nowhere)\nand [gone](02-gone.html).\n")
        #expect {
            try builder.write(results: [SiteFixtures.tensors, bad], to: site)
        } throws: { error in
            guard let error = error as? LessonBookError else { return false }
            return error.diagnostics.map(\.description) == [
                "Lessons/03-basic-block.md:50:16: error: the link lesson:9 names no lesson of this book (write lesson:NUMBER or lesson:SLUG)",
                "Lessons/03-basic-block.md:50:37: error: the link #nowhere points at #nowhere, which 03-basic-block.html has no element for",
                "Lessons/03-basic-block.md:51:12: error: the link 02-gone.html points at 02-gone.html, which the site does not have",
            ]
        }
        #expect(try String(contentsOf: site.appendingPathComponent("03-basic-block.html"), encoding: .utf8) == page)
    }
}
