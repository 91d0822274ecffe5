import Foundation
import Testing

@testable import LessonBook

/// The documents behind the reader's search box.
@Suite("Search index")
struct SearchIndexTests {
    @Test("One document per section, with prose and code, without outputs, pointing at the heading's anchor")
    func sections() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        let builder = SiteBuilder(katex: try SiteFixtures.fakeKaTeX(), proseRenderer: SiteFixtures.proseRenderer)
        try builder.write(results: [SiteFixtures.tensors, SiteFixtures.basicBlock], to: site)
        let page = try String(contentsOf: site.appendingPathComponent("03-basic-block.html"), encoding: .utf8)
        let documents = SearchIndex.documents(lesson: SiteFixtures.basicBlock.lesson, html: page)
        #expect(documents.map(\.url) == [
            "03-basic-block.html", "03-basic-block.html#shapes-sizes", "03-basic-block.html#gradients",
            "03-basic-block.html#what-goes-wrong", "03-basic-block.html#a-type-error",
        ])
        #expect(documents.allSatisfy { $0.lesson == "3. The basic block" })
        #expect(documents[1].section == "Shapes & sizes")
        #expect(documents[1].text.contains("let x = Tensor.zeros([1, 64, 56, 56])"))
        #expect(!documents.contains { $0.text.contains("never printed") || $0.text.contains("✓") })

        let script = try String(contentsOf: site.appendingPathComponent("assets/search-index.js"), encoding: .utf8)
        #expect(script.hasPrefix("window.bookSearchDocuments = [{"))
        #expect(script.contains("\"url\":\"01-tensors.html"))
        #expect(page.contains("<input id=\"book-search\""))
    }
}
