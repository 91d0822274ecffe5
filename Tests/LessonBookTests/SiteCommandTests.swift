import Foundation
import Testing
@testable import LessonBook

@Suite("lesson build, as logic")
struct SiteCommandTests {
    /// Stands in for the engine: fixed results, and input hashes that may have moved on.
    struct FixedSource: SiteResultSource {
        var results: [LessonResult]
        var currentHashes: [String: String] = [:]

        func siteResults(force: Bool) throws -> [LessonResult] { results }

        func siteExpectations() throws -> [SiteExpectation] {
            results.map { SiteExpectation(lesson: $0.lesson, inputHash: currentHashes[$0.lesson.pageFileName] ?? $0.inputHash) }
        }
    }

    func builder() throws -> SiteBuilder {
        SiteBuilder(katex: try SiteFixtures.fakeKaTeX(), proseRenderer: SiteFixtures.proseRenderer)
    }

    @Test("A failing lesson still gets its page, the others are written, and the build fails")
    func failingLesson() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        let source = FixedSource(results: [SiteFixtures.tensors, SiteFixtures.basicBlock])
        let outcome = try SiteCommand.build(source: source, builder: builder(), output: site, force: false)
        #expect(!outcome.succeeded)
        #expect(outcome.text.contains("Failing: 03-basic-block.html"))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("03-basic-block.html").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("01-tensors.html").path))
    }

    @Test("A passing book builds successfully and then checks as current until an input changes")
    func buildThenCheck() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        var source = FixedSource(results: [SiteFixtures.tensors, SiteFixtures.appendix])
        let built = try SiteCommand.build(source: source, builder: builder(), output: site, force: false)
        #expect(built.succeeded)
        #expect(built.text.contains("01-tensors.html: new page (Tensors)"))
        #expect(try SiteCommand.check(source: source, builder: builder(), output: site).succeeded)

        source.currentHashes["01-tensors.html"] = "hash-tensors-2"
        let stale = try SiteCommand.check(source: source, builder: builder(), output: site)
        #expect(!stale.succeeded)
        #expect(stale.text.contains("stale: 01-tensors.html"))
    }
}
