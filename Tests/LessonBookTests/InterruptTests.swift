import Foundation
import Testing

@testable import LessonBook

/// Ctrl-C on `lesson run` stops the cell program and everything it started and caches nothing.
@Suite("Interrupting a run", .enabled(if: TestSupport.compilerAvailable, "swiftc is not available"))
struct InterruptTests {
    /// Process ids whose parent is `parent`, read from /proc.
    private func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == parent
        }
    }

    private func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    @Test("SIGINT kills the cell program's process group and leaves no cache entry")
    func interrupt() throws {
        let executable = "\(TestSupport.packageRoot)/.build/debug/lesson"
        try #require(FileManager.default.isExecutableFile(atPath: executable), "build the lesson product first")
        let directory = try TestSupport.temporaryDirectory()
        let path = "\(directory)/11-endless.md"
        try TestSupport.text("11-endless.md").write(toFile: path, atomically: true, encoding: .utf8)
        let cache = EngineFixture.shared.cacheDirectory

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["run", path, "--package-root", TestSupport.packageRoot, "--cache-directory", cache]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()

        var seen = ""
        let deadline = Date().addingTimeInterval(120)
        while !seen.contains("spinning"), Date() < deadline, process.isRunning {
            seen += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(seen.contains("spinning"))
        let program = children(of: process.processIdentifier)
        #expect(!program.isEmpty)

        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        Thread.sleep(forTimeInterval: 0.2)
        for pid in program { #expect(!isAlive(pid), "cell program \(pid) outlived the interrupt") }
        let results = ResultCache(directory: "\(cache)/results")
        #expect(results.latest(for: path) == nil)
    }
}
