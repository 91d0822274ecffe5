import Foundation
import Testing
@testable import LessonBook

/// Loads the fixture site in headless Chromium through `Tools/browser_test.py`.
@Suite("Site in a real browser")
struct SiteBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let katexInstalled = FileManager.default.fileExists(atPath: "/usr/share/javascript/katex/katex.min.js")

    @Test(
        "Pages load from disk with KaTeX typesetting the math, no outside request and no console error",
        .enabled(if: chromium != nil, "chromium is not installed (apt-get install chromium)"),
        .enabled(if: katexInstalled, "KaTeX is not installed (apt-get install libjs-katex fonts-katex)"),
        .timeLimit(.minutes(3)))
    func browser() throws {
        // SITE_PREVIEW_DIR keeps the built site (and screenshots next to it) for a person to look at.
        let preview = ProcessInfo.processInfo.environment["SITE_PREVIEW_DIR"]
        let site = try preview.map { URL(fileURLWithPath: $0) }
            ?? SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        let builder = SiteBuilder(proseRenderer: SiteFixtures.proseRenderer)
        try builder.write(results: [SiteFixtures.tensors, SiteFixtures.basicBlock, SiteFixtures.appendix], to: site)

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tools/browser_test.py")
        var arguments = [script.path, site.path]
        if let preview { arguments += ["--screenshots", preview + "-screenshots"] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("ok 03-basic-block.html: 3/3 math typeset"), "\(text)")
        #expect(text.contains("browser test: 4 of 4 pages passed"), "\(text)")
    }
}
