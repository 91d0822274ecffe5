import Foundation
import Testing
@testable import LessonBook

@Suite("Site builder")
struct SiteBuilderTests {
    struct InjectedFailure: Error {}

    let results = [SiteFixtures.tensors, SiteFixtures.basicBlock, SiteFixtures.appendix]

    func builder() throws -> SiteBuilder {
        SiteBuilder(katex: try SiteFixtures.fakeKaTeX(), proseRenderer: SiteFixtures.proseRenderer)
    }

    /// Every file under `directory` by relative path.
    func tree(_ directory: URL) throws -> [String: Data] {
        let root = directory.path
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            if exists && !isDirectory.boolValue { files[path] = FileManager.default.contents(atPath: root + "/" + path) }
        }
        return files
    }

    @Test("The site has a page per lesson, the contents, assets and a manifest")
    func layout() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        try builder().write(results: results, to: site)
        let files = try tree(site)
        #expect(Set(files.keys) == [
            "01-tensors.html", "03-basic-block.html", "appendix.html", "index.html", "manifest.json",
            "assets/book.css", "assets/book.js", "assets/katex/katex.min.js", "assets/katex/katex.min.css",
            "assets/katex/fonts/A.woff2", "assets/katex/fonts/B.ttf",
            "results/01-tensors.json", "results/03-basic-block.json", "results/appendix.json",
            "assets/search.js", "assets/search-index.js", "assets/lunr/lunr.min.js",
        ])
    }

    @Test("KaTeX's stylesheet points only at fonts that are copied, preferring woff2")
    func katexFonts() throws {
        let files = try SiteFixtures.fakeKaTeX().files()
        let css = try #require(files.first { $0.path.hasSuffix("katex.min.css") })
        let text = String(decoding: css.contents, as: UTF8.self)
        #expect(text == "@font-face{font-family:A;src:url(fonts/A.woff2) format('woff2');font-weight:400}"
            + "@font-face{font-family:B;src:url(fonts/B.ttf) format('truetype')}.katex{font:normal 1.21em KaTeX_Main}")
    }

    @Test("Missing KaTeX is a clear error naming the Debian packages")
    func katexMissing() {
        let assets = KaTeXAssets(
            scriptDirectory: URL(fileURLWithPath: "/nonexistent/katex"), fontDirectory: URL(fileURLWithPath: "/nonexistent/fonts"))
        #expect {
            try assets.files()
        } throws: { error in
            let message = (error as? LessonBookError)?.errorDescription ?? ""
            return message.contains("libjs-katex") && message.contains("fonts-katex")
        }
    }

    @Test("Two builds from the same results give identical trees")
    func identicalBuilds() throws {
        let root = try SiteFixtures.temporaryDirectory()
        try builder().write(results: results, to: root.appendingPathComponent("one"))
        try builder().write(results: results, to: root.appendingPathComponent("two"))
        let one = try tree(root.appendingPathComponent("one"))
        let two = try tree(root.appendingPathComponent("two"))
        #expect(one == two)
        #expect(!one.isEmpty)
    }

    @Test("The manifest is deterministic JSON with sorted keys, input hashes and check outcomes")
    func manifest() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        try builder().write(results: results, to: site)
        let manifest = try #require(try SiteManifest.read(siteDirectory: site))
        #expect(manifest.pages.map(\.page) == ["01-tensors.html", "03-basic-block.html", "appendix.html"])
        let basic = try #require(manifest.page(named: "03-basic-block.html"))
        #expect(basic.inputHash == "hash-basic-block-1")
        #expect(basic.checks.map(\.passed) == [true, false, true])
        #expect(basic.cells.map(\.status) == [.completed, .completed, .completed, .compileError, .crashed, .notRun, .notRun, .skipped])
        let text = String(decoding: try #require(FileManager.default.contents(atPath: site.appendingPathComponent("manifest.json").path)), as: UTF8.self)
        let formatVersion = try #require(text.range(of: "\"formatVersion\""))
        let pages = try #require(text.range(of: "\"pages\""))
        let files = try #require(text.range(of: "\"files\""))
        #expect(files.lowerBound < formatVersion.lowerBound && formatVersion.lowerBound < pages.lowerBound)
        #expect(!text.contains("seconds"))
    }

    @Test("A build that fails halfway leaves the previous site whole and no debris")
    func atomicWrite() throws {
        let root = try SiteFixtures.temporaryDirectory()
        let site = root.appendingPathComponent("site")
        try builder().write(results: results, to: site)
        let before = try tree(site)

        var failing = try builder()
        failing.beforeWritingFile = { path in
            if path == "assets/book.js" { throw InjectedFailure() }
        }
        var changed = SiteFixtures.tensors
        changed.inputHash = "hash-tensors-2"
        #expect(throws: InjectedFailure.self) {
            try failing.write(results: [changed, SiteFixtures.basicBlock], to: site)
        }
        #expect(try tree(site) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    @Test("A successful build replaces the old site, removing pages of deleted lessons")
    func replaces() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        try builder().write(results: results, to: site)
        try builder().write(results: [SiteFixtures.tensors], to: site)
        let files = try tree(site)
        #expect(files["01-tensors.html"] != nil)
        #expect(files["03-basic-block.html"] == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.deletingLastPathComponent().path) == ["site"])
    }

    @Test("check passes for a current site and names stale, missing and extra pages")
    func check() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        let builder = try builder()
        try builder.write(results: results, to: site)
        let current = results.map { SiteExpectation(lesson: $0.lesson, inputHash: $0.inputHash) }
        let fresh = try builder.check(expected: current, siteDirectory: site)
        #expect(fresh.isUpToDate, "\(fresh.text)")

        var bottleneck = SiteFixtures.basicBlock.lesson
        bottleneck.path = "Lessons/04-bottleneck.md"
        let changed = [
            SiteExpectation(lesson: SiteFixtures.tensors.lesson, inputHash: "hash-tensors-2"),
            SiteExpectation(lesson: SiteFixtures.basicBlock.lesson, inputHash: "hash-basic-block-1"),
            SiteExpectation(lesson: bottleneck, inputHash: "hash-bottleneck-1"),
        ]
        let report = try builder.check(expected: changed, siteDirectory: site)
        #expect(!report.isUpToDate)
        #expect(report.stalePages == ["01-tensors.html"])
        #expect(report.missingPages == ["04-bottleneck.html"])
        #expect(report.extraPages == ["appendix.html"])
        #expect(report.text.contains("stale: 01-tensors.html"))
    }

    @Test("check notices a renderer change and edited prose as outdated pages, not stale results")
    func checkRenderer() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        var builder = try builder()
        builder.rendererHash = "renderer-1"
        try builder.write(results: results, to: site)
        let current = results.map { SiteExpectation(lesson: $0.lesson, inputHash: $0.inputHash) }
        #expect(try builder.check(expected: current, siteDirectory: site).isUpToDate)

        var newRenderer = builder
        newRenderer.rendererHash = "renderer-2"
        let report = try newRenderer.check(expected: current, siteDirectory: site)
        #expect(report.outdatedPages == results.map(\.lesson.pageFileName))
        #expect(report.stalePages.isEmpty)
        #expect(report.text.contains("outdated: 01-tensors.html (its prose or the renderer changed)"))

        var edited = current
        edited[0].lesson.title = "Tensors, retitled"
        #expect(try builder.check(expected: edited, siteDirectory: site).outdatedPages == ["01-tensors.html"])
    }

    @Test("check notices hand edits, stray files, reordering and a missing site")
    func checkIntegrity() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        let builder = try builder()
        try builder.write(results: results, to: site)
        try Data("edited".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data("stray".utf8).write(to: site.appendingPathComponent("notes.txt"))
        let reordered = results.reversed().map { SiteExpectation(lesson: $0.lesson, inputHash: $0.inputHash) }
        let report = try builder.check(expected: reordered, siteDirectory: site)
        #expect(report.modifiedFiles == ["index.html"])
        #expect(report.unexpectedFiles == ["notes.txt"])
        #expect(report.orderChanged)
        let nowhere = try builder.check(expected: reordered, siteDirectory: site.appendingPathComponent("nothing"))
        #expect(nowhere.siteMissing && !nowhere.isUpToDate)
    }

    @Test("The change report names changed cells and flipped checks")
    func changeReport() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        let builder = try builder()
        let first = try builder.write(results: results, to: site)
        #expect(first.changes.changes.map(\.kind) == [.added, .added, .added])
        #expect(first.failingPages == ["03-basic-block.html"])

        var fixed = SiteFixtures.basicBlock
        fixed.inputHash = "hash-basic-block-2"
        fixed.cells[1].outputs[2] = .check(SiteFixtures.check(true, "gradient norm of block.conv1.weight in 0.001...10", "got 4.2", line: 22))
        fixed.cells[0].seconds = 12
        let second = try builder.write(results: [SiteFixtures.tensors, fixed], to: site)
        #expect(second.changes.changes.count == 2)
        let change = try #require(second.changes.changes.first)
        #expect(change.page == "03-basic-block.html" && change.kind == .changed)
        #expect(change.changedCells == [2])
        #expect(change.flippedChecks == [.init(cell: 2, line: 22, description: "gradient norm of block.conv1.weight in 0.001...10", nowPasses: true)])
        #expect(second.changes.changes.last?.kind == .removed)
        #expect(second.changes.text == """
            03-basic-block.html: output of cell 2 changed (cell 2: text, numbers by up to 9.0e-01)
              line 22 (cell 2): gradient norm of block.conv1.weight in 0.001...10 now passes
            appendix.html: removed (Appendix)
            """)

        let third = try builder.write(results: [SiteFixtures.tensors, fixed], to: site)
        #expect(third.changes.isEmpty)
        #expect(third.changes.text == "No lesson's results changed.")
    }

    @Test("Two lessons that would share a page are refused")
    func duplicatePages() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        #expect(throws: LessonBookError.duplicatePage("01-tensors.html")) {
            try builder().write(results: [SiteFixtures.tensors, SiteFixtures.tensors], to: site)
        }
    }

    @Test("A folder that is not a site is never replaced")
    func refusesForeignFolder() throws {
        let project = try SiteFixtures.temporaryDirectory()
        try Data("let x = 1".utf8).write(to: project.appendingPathComponent("main.swift"))
        #expect(throws: LessonBookError.notASite(path: project.standardizedFileURL.path)) {
            try builder().write(results: results, to: project)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.path) == ["main.swift"])
        let file = project.appendingPathComponent("main.swift")
        #expect(throws: LessonBookError.notASite(path: file.standardizedFileURL.path)) {
            try builder().write(results: results, to: file)
        }
        let empty = project.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        try builder().write(results: results, to: empty)
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("index.html").path))
    }
}
