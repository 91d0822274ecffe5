import Foundation
import Testing

@testable import LessonBook

/// A lesson that takes too much memory or recurses without end is stopped and told so in plain
/// words, on the cell that did it; the runner and the other lessons carry on.
@Suite("Memory limits and stack overflows", .enabled(if: TestSupport.compilerAvailable, "swiftc is not available"))
struct ResourceLimitTests {
    private func diagnostics(_ result: CellResult) -> [Diagnostic] {
        result.outputs.compactMap { if case .diagnostic(let diagnostic) = $0 { diagnostic } else { nil } }
    }

    @Test("a cell that allocates without end is stopped at the lesson's limit and the stop is reported on it")
    func memoryLimit() throws {
        let book = EngineFixture.shared.book
        let path = "\(TestSupport.inputs)/14-memory-hog.md"
        let (result, fromCache) = try book.run(path, useCache: true)
        #expect(!fromCache)
        #expect(result.cells.map(\.status) == [.completed, .crashed, .notRun])
        let stop = try #require(diagnostics(result.cells[1]).first)
        #expect(stop.message.hasPrefix("the lesson used more than 300 MiB of memory"))
        #expect(stop.location?.line == 10)
        #expect(result.hitMemoryLimit)
        // Not cached: a higher limit (or a fixed lesson) runs it again.
        #expect(try book.run(path, useCache: true).fromCache == false)
        // The runner is unharmed: the next lesson runs as usual.
        #expect(try EngineFixture.shared.run("01-tour.md").cells.map(\.status) == [.completed, .completed, .skipped])
    }

    @Test("the command line's limit wins over the front matter's, which wins over the default")
    func precedence() throws {
        let lesson = try LessonParser.parse(try TestSupport.text("14-memory-hog.md"), path: "14-memory-hog.md")
        #expect(lesson.memoryLimit == MemorySize(bytes: 300 << 20))
        #expect(RunOptions().memoryLimit(for: lesson) == MemorySize(bytes: 300 << 20))
        #expect(RunOptions(memoryLimit: MemorySize(bytes: 1 << 30)).memoryLimit(for: lesson).description == "1 GiB")
        let plain = try LessonParser.parse(try TestSupport.text("01-tour.md"), path: "01-tour.md")
        #expect(RunOptions().memoryLimit(for: plain) == RunOptions.defaultMemoryLimit)
        #expect(RunOptions.defaultMemoryLimit.bytes > 0)
        // The limit is not part of the cache key: its default differs between machines.
        #expect(RunOptions(memoryLimit: MemorySize(bytes: 1)).hashKey == RunOptions().hashKey)
    }

    @Test("sizes read as front matter and --memory-limit write them", arguments: [
        ("12GiB", 12 << 30), ("1.5 GiB", 3 << 29), ("512MiB", 512 << 20), ("2G", 2 << 30), ("3GB", 3_000_000_000),
        ("4096", 4096), ("64 KiB", 64 << 10),
    ])
    func sizes(text: String, bytes: Int) {
        #expect(MemorySize(parsing: text)?.bytes == bytes)
    }

    @Test("what is not a size", arguments: ["", "GiB", "-1GiB", "0", "12 parsecs", "1e3", "12GiB!"])
    func notSizes(text: String) {
        #expect(MemorySize(parsing: text) == nil)
    }

    @Test("a bad memory value in the front matter is an error at its line")
    func badFrontMatter() {
        #expect(throws: LessonBookError.invalidLesson([
            Diagnostic(file: "x.md", location: LessonBook.SourceLocation(line: 3, column: 8), severity: .error,
                message: "memory must be a size such as 12GiB or 512MiB, not 'lots'")
        ])) {
            try LessonParser.parse("---\ntitle: T\nmemory: lots\n---\n", path: "x.md")
        }
    }

    @Test("endless recursion is named a stack overflow, on the line that recursed; later cells do not run")
    func stackOverflow() throws {
        let result = try EngineFixture.shared.run("15-recursion.md")
        #expect(result.cells.map(\.status) == [.completed, .crashed, .notRun])
        let crash = try #require(diagnostics(result.cells[1]).first { $0.severity == .error })
        #expect(crash.message == "stack overflow (infinite recursion?)")
        #expect(crash.location?.line == 11)
    }

    @Test("a bad access far from the stack pointer is not a stack overflow")
    func notAStackOverflow() throws {
        let report = { (fault: String) in
            CrashReport(
                standardError: """
                    *** Signal 11: Backtracing from 0x1... done ***
                    *** Program crashed: Bad pointer dereference at \(fault) ***
                      0      0x0000000000001000 f() + 8 in program at Lessons/03-x.md:4:1
                    rsp 0x00007ffff8690fe0  140737361022944
                    Backtrace took 0.01s
                    """,
                lessonPath: "Lessons/03-x.md")
        }
        #expect(try #require(report("0x00007ffff8690fe8")).isStackOverflow)
        #expect(try #require(report("0x00007ffff8600000")).isStackOverflow)
        #expect(try #require(report("0x0000000000000000")).isStackOverflow == false)
        #expect(try #require(report("0x0000000000000000")).message == nil)
    }
}
