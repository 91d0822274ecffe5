import Foundation
import Testing

@testable import LessonBook

/// `lesson build` killed at any moment leaves the output folder holding either the previous site
/// or the new one, each whole.
@Suite("Replacing the site under SIGKILL", .enabled(if: TestSupport.compilerAvailable, "swiftc is not available"))
struct SiteSwapTests {
    /// A small seeded generator (SplitMix64), so the kill moments are the same on every run.
    private struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func lessonText(version: Int) -> String {
        "---\ntitle: Swap\n---\n\nThis is version \(version) of the page.\n"
    }

    /// The version the site in `directory` shows, after checking that every file the manifest
    /// lists is there with its digest.
    private func wholeSiteVersion(in directory: URL) throws -> Int? {
        let manifest = try #require(try SiteManifest.read(siteDirectory: directory), "no site manifest: the folder is not a site")
        for (path, digest) in manifest.files {
            let data = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path)
            #expect(data.map { SHA256.hex($0) } == digest, "\(path) is missing or partly written")
        }
        let page = try String(contentsOf: directory.appendingPathComponent("01-swap.html"), encoding: .utf8)
        guard let range = page.range(of: "This is version ") else { return nil }
        return Int(page[range.upperBound...].prefix { $0.isNumber })
    }

    private func startBuild(_ executable: String, lessons: String, output: String, cache: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "build", "--force", "--lessons", lessons, "--output", output,
            "--package-root", TestSupport.packageRoot, "--cache-directory", cache,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("a build SIGKILLed at random moments always leaves the old or the new site, whole")
    func killedBuilds() throws {
        let executable = "\(TestSupport.packageRoot)/.build/debug/lesson"
        try #require(FileManager.default.isExecutableFile(atPath: executable), "build the lesson product first")
        let root = try TestSupport.temporaryDirectory()
        let lessons = "\(root)/Lessons"
        let output = URL(fileURLWithPath: "\(root)/site")
        try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
        let lessonPath = "\(lessons)/01-swap.md"

        try lessonText(version: 0).write(toFile: lessonPath, atomically: true, encoding: .utf8)
        let started = Date()
        let first = try startBuild(executable, lessons: lessons, output: output.path, cache: "\(root)/cache")
        first.waitUntilExit()
        try #require(first.terminationStatus == 0)
        // How long a whole build takes here sets the range the kill moments are drawn from.
        let span = max(0.05, Date().timeIntervalSince(started))
        #expect(try wholeSiteVersion(in: output) == 0)

        var generator = SeededGenerator(state: 13)
        var newest = 0
        for version in 1...16 {
            try lessonText(version: version).write(toFile: lessonPath, atomically: true, encoding: .utf8)
            let build = try startBuild(executable, lessons: lessons, output: output.path, cache: "\(root)/cache")
            Thread.sleep(forTimeInterval: Double.random(in: 0...(span * 1.2), using: &generator))
            kill(build.processIdentifier, SIGKILL)
            build.waitUntilExit()
            let shown = try #require(try wholeSiteVersion(in: output))
            #expect(shown == newest || shown == version, "version \(shown) after the build of version \(version)")
            newest = max(newest, shown)
        }
        try? FileManager.default.removeItem(atPath: root)
    }
}
