import Foundation
import Synchronization
import Testing

@testable import LessonBook

/// Results are reused only when every input is unchanged, and concurrent runs never corrupt them.
@Suite("Caching results", .enabled(if: TestSupport.compilerAvailable, "swiftc is not available"))
struct CacheTests {
    /// A book over a temporary copy of the tour, with its own cache.
    private func scratchBook(options: RunOptions = RunOptions()) throws -> (Book, String) {
        let directory = try TestSupport.temporaryDirectory()
        let path = "\(directory)/01-tour.md"
        try TestSupport.text("01-tour.md").write(toFile: path, atomically: true, encoding: .utf8)
        let package = PackageLocation(root: TestSupport.packageRoot, cacheDirectory: EngineFixture.shared.cacheDirectory)
        return (Book(lessonsDirectory: directory, package: package, options: options), path)
    }

    @Test("hit when unchanged or only prose after the cells changed; miss after editing a cell or changing an option")
    func hitsAndMisses() throws {
        let (book, path) = try scratchBook()
        #expect(try book.status(of: path) == .notRunYet)
        #expect(try book.run(path, useCache: true).fromCache == false)
        #expect(try book.status(of: path) == .failing)
        #expect(try book.run(path, useCache: true).fromCache == true)

        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "\nMore prose.\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try book.status(of: path) == .failing)
        let reused = try book.run(path, useCache: true)
        #expect(reused.fromCache == true)
        if case .prose(let prose)? = reused.result.lesson.blocks.last {
            #expect(prose.markdown == "More prose.\n", "a reused result carries today's prose")
        } else {
            Issue.record("the reused result's lesson does not end with the new prose")
        }

        try text.replacingOccurrences(of: "```swift\n", with: "```swift\nlet edited = 1\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try book.status(of: path) == .stale)
        #expect(try book.run(path, useCache: true).fromCache == false)

        let (other, _) = (Book(lessonsDirectory: book.lessonsDirectory, package: book.package, options: RunOptions(outputCap: 10)), 0)
        #expect(try other.status(of: path) == .stale)
        #expect(try other.run(path, useCache: true).fromCache == false)
    }

    @Test("touching a library source changes the library hash")
    func librarySource() throws {
        let package = PackageLocation(root: TestSupport.packageRoot)
        let files = package.librarySourceFiles()
        #expect(files.contains("Sources/LessonRuntime/Checks/Checks.swift"))
        #expect(files.contains { $0.hasPrefix("Sources/ResNetKit/") })
        #expect(!files.contains { $0.hasPrefix("Sources/LessonBook/") })
        let rendererFiles = package.rendererSourceFiles()
        #expect(rendererFiles.contains("Sources/LessonBook/Rendering/Plotting/SVGPlotRenderer.swift"))
        #expect(rendererFiles.contains("Sources/LessonBook/Resources/book.css"))
        #expect(rendererFiles.contains("Sources/LessonBook/Resources/book.js"))
        #expect(!rendererFiles.contains { $0.hasPrefix("Sources/LessonRuntime/") || $0.hasPrefix("Sources/LessonBook/Running/") })
        let copy = try TestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: "\(copy)/Sources/ResNetKit", withIntermediateDirectories: true)
        try "let a = 1\n".write(toFile: "\(copy)/Sources/ResNetKit/A.swift", atomically: true, encoding: .utf8)
        let scratch = PackageLocation(root: copy)
        let before = InputHasher.sourceHash(of: scratch, files: ["Sources/ResNetKit/A.swift"])
        try "let a = 2\n".write(toFile: "\(copy)/Sources/ResNetKit/A.swift", atomically: true, encoding: .utf8)
        #expect(InputHasher.sourceHash(of: scratch, files: ["Sources/ResNetKit/A.swift"]) != before)
        let lessonHash = { (library: String) in
            InputHasher.lessonHash(
                lessonPath: "p", cells: [], lessonText: "t", librarySourceHash: library, toolchainVersion: "v", options: RunOptions())
        }
        #expect(lessonHash(before) != lessonHash("other"))
    }

    @Test("a corrupt entry is ignored")
    func corruptEntry() throws {
        let (book, path) = try scratchBook()
        try FileManager.default.createDirectory(atPath: book.cache.directory, withIntermediateDirectories: true)
        try "{ not json".write(toFile: book.cache.file(for: path), atomically: true, encoding: .utf8)
        #expect(try book.status(of: path) == .notRunYet)
        #expect(try book.run(path, useCache: true).fromCache == false)
        #expect(book.cache.latest(for: path) != nil)
    }

    @Test("two runs of the same lessons at once both finish and leave whole results")
    func concurrentRuns() async throws {
        let (first, path) = try scratchBook()
        let second = Book(lessonsDirectory: first.lessonsDirectory, package: first.package, options: first.options)
        async let a = Task.detached { try first.run(path, useCache: false).result }.value
        async let b = Task.detached { try second.run(path, useCache: false).result }.value
        let (resultA, resultB) = try await (a, b)
        #expect(resultA.cells.map(\.status) == resultB.cells.map(\.status))
        #expect(first.cache.latest(for: path)?.inputHash == resultA.inputHash)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: first.cache.directory).filter { $0.hasPrefix(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("runAll runs lessons in parallel and one failure does not stop the others")
    func parallel() throws {
        let book = EngineFixture.shared.book
        let paths = ["01-tour.md", "03-crash.md", "07-bad-front-matter.md", "02-compile-error.md"].map { "\(TestSupport.inputs)/\($0)" }
        let outcomes = Outcomes()
        book.runAll(paths, useCache: true) { path, outcome in outcomes.add(path, outcome) }
        #expect(outcomes.all.count == 4)
        #expect(outcomes.all.filter { if case .success = $0.1 { true } else { false } }.count == 3)
    }
}

private final class Outcomes: Sendable {
    private let outcomes = Mutex<[(String, Result<(result: LessonResult, fromCache: Bool), LessonBookError>)]>([])

    var all: [(String, Result<(result: LessonResult, fromCache: Bool), LessonBookError>)] { outcomes.withLock { $0 } }

    func add(_ path: String, _ outcome: Result<(result: LessonResult, fromCache: Bool), LessonBookError>) {
        outcomes.withLock { $0.append((path, outcome)) }
    }
}
