import Foundation
import SourceHashing
import Synchronization

/// The engine's front door: finds lessons, reports their status, runs one or many.
///
/// The library products are built at most once per `Book` (see ``prepare()``), and results are
/// cached under the package's `.build/lesson-cache/`.
package final class Book: Sendable {
    /// One lesson file and, if it parsed, the lesson in it.
    package struct Entry: Sendable {
        /// The file.
        package var path: String
        /// The parsed lesson, or nil if it did not parse.
        package var lesson: Lesson?
        /// The parse error, if any.
        package var error: LessonBookError?
    }

    /// The directory holding `NN-slug.md` lessons.
    let lessonsDirectory: String
    /// The directory students' exercise files are written to, `Exercises/` beside the lessons.
    let exercisesDirectory: String
    /// The package the cells link against.
    let package: PackageLocation
    /// Limits for running.
    let options: RunOptions
    /// The result cache.
    let cache: ResultCache

    /// What a book works out once: the toolchain, the hashes of the library and the renderer,
    /// and whether the library has been built.
    private struct Prepared {
        var toolchain: Toolchain?
        var libraryHash = ""
        var rendererHash: String?
        var artifactSources: ArtifactSources?
        var built = false
    }

    private let prepared = Mutex(Prepared())

    /// Creates a book over `lessonsDirectory`, building against `package`.
    package init(
        lessonsDirectory: String, package: PackageLocation, options: RunOptions = RunOptions(), exercisesDirectory: String? = nil
    ) {
        self.lessonsDirectory = lessonsDirectory
        self.exercisesDirectory = exercisesDirectory ?? {
            let parent = (lessonsDirectory as NSString).deletingLastPathComponent
            return parent.isEmpty ? "Exercises" : (parent as NSString).appendingPathComponent("Exercises")
        }()
        self.package = package
        self.options = options
        self.cache = ResultCache(directory: "\(package.cacheDirectory)/results")
    }

    /// The lesson files (`*.md`) in the lessons directory, by number then name.
    func lessonFiles() throws(LessonBookError) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: lessonsDirectory) else {
            throw .lessonsDirectoryNotFound(path: lessonsDirectory)
        }
        return names.filter { $0.hasSuffix(".md") }
            .sorted { lhs, rhs in
                let (left, right) = (LessonParser.numberAndSlug(ofPath: lhs).number, LessonParser.numberAndSlug(ofPath: rhs).number)
                return (left ?? .max, lhs) < (right ?? .max, rhs)
            }
            .map { lessonsDirectory.hasSuffix("/") ? lessonsDirectory + $0 : "\(lessonsDirectory)/\($0)" }
    }

    /// Every lesson file, parsed where possible.
    package func entries() throws(LessonBookError) -> [Entry] {
        try lessonFiles().map { path in
            do throws(LessonBookError) {
                return Entry(path: path, lesson: try LessonParser.parse(contentsOf: path), error: nil)
            } catch {
                return Entry(path: path, lesson: nil, error: error)
            }
        }
    }

    /// The file of lesson `number`; an unknown number names the numbers that exist.
    package func lessonFile(number: Int) throws(LessonBookError) -> String {
        let files = try lessonFiles()
        let numbered = files.map { ($0, LessonParser.numberAndSlug(ofPath: $0).number) }
        guard let match = numbered.first(where: { $0.1 == number }) else {
            throw .unknownLessonNumber(number, available: numbered.compactMap(\.1))
        }
        return match.0
    }

    /// The cached status of the lesson at `path`, without running or building anything.
    package func status(of path: String) throws(LessonBookError) -> LessonStatus {
        let text = try LessonParser.text(contentsOf: path)
        guard let lesson = try? LessonParser.parse(text, path: path) else { return .invalid }
        guard let latest = cache.latest(for: path) else { return .notRunYet }
        guard latest.inputHash == (try inputHash(of: lesson, text: text, path: path)) else { return .stale }
        return latest.succeeded ? .passed : .failing
    }

    /// Runs the lesson at `path`, or returns its cached result when `useCache` and the inputs
    /// are unchanged. Every fresh result is stored.
    package func run(
        _ path: String, useCache: Bool, progress: @escaping (RunProgress) -> Void = { _ in }
    ) throws(LessonBookError) -> (result: LessonResult, fromCache: Bool) {
        let text = try LessonParser.text(contentsOf: path)
        return try run(LessonParser.parse(text, path: path), text: text, useCache: useCache, progress: progress)
    }

    /// Runs `lesson`, already parsed from `text` (its file's contents), or returns its cached
    /// result when `useCache` and the inputs are unchanged. Every fresh result is stored.
    package func run(
        _ lesson: Lesson, text: String, useCache: Bool, progress: @escaping (RunProgress) -> Void = { _ in }
    ) throws(LessonBookError) -> (result: LessonResult, fromCache: Bool) {
        try run(lesson, text: text, useCache: useCache, cacheKey: lesson.path, progress: progress)
    }

    /// Runs `lesson` like ``run(_:text:useCache:progress:)``, keeping its result in the cache
    /// under `cacheKey` (a variant of a lesson, such as one with an exercise's stub, has its own).
    func run(
        _ lesson: Lesson, text: String, useCache: Bool, cacheKey: String, progress: @escaping (RunProgress) -> Void
    ) throws(LessonBookError) -> (result: LessonResult, fromCache: Bool) {
        let hash = try inputHash(of: lesson, text: text, path: lesson.path)
        if useCache, var cached = cache.result(for: cacheKey, inputHash: hash) {
            // The hash covers the cells, not the prose: the result stands, the prose is today's.
            cached.lesson = lesson
            return (cached, true)
        }
        let result = try execute(lesson, text: text, inputHash: hash, progress: progress)
        // The memory limit is not part of the input hash; a run it stopped is not kept, so a
        // higher limit runs the lesson again.
        if !result.hitMemoryLimit { try cache.store(result, for: cacheKey) }
        return (result, false)
    }

    /// Compiles and runs `lesson` now, storing nothing.
    func execute(
        _ lesson: Lesson, text: String, inputHash: String, progress: @escaping (RunProgress) -> Void
    ) throws(LessonBookError) -> LessonResult {
        let (toolchain, libraryHash) = try prepare(progress: progress)
        var runner = LessonRunner(
            compiler: Compiler(package: package, toolchain: toolchain, librarySourceHash: libraryHash), options: options)
        runner.artifactSources = artifactSources()
        let result = try runner.run(lesson, text: text, inputHash: inputHash, progress: progress)
        if ChildProcessRegistry.shared.isInterrupted { throw .interrupted }
        return result
    }

    /// Runs many lessons, as many at once as there are cores; `finished` is called (serially)
    /// as each ends. One lesson's failure never stops the others.
    package func runAll(
        _ paths: [String], useCache: Bool,
        finished: @escaping @Sendable (String, Result<(result: LessonResult, fromCache: Bool), LessonBookError>) -> Void
    ) {
        forEachInParallel(paths, work: { path throws(LessonBookError) in try self.run(path, useCache: useCache) }, finished: finished)
    }

    /// Runs many lessons like ``runAll(_:useCache:finished:)`` and proves each one's exercises
    /// (see ``proveExercises(of:text:result:)``) in the same worker.
    package func checkAll(
        _ paths: [String], useCache: Bool,
        finished: @escaping @Sendable (
            String, Result<(result: LessonResult, fromCache: Bool, proofs: [ExerciseProof]), LessonBookError>
        ) -> Void
    ) {
        forEachInParallel(
            paths,
            work: { path throws(LessonBookError) in
                let text = try LessonParser.text(contentsOf: path)
                let lesson = try LessonParser.parse(text, path: path)
                let (result, fromCache) = try self.run(lesson, text: text, useCache: useCache)
                return (result, fromCache, try self.proveExercises(of: lesson, text: text, result: result))
            },
            finished: finished)
    }

    /// Does `work` for each path, as many at once as there are cores; `finished` is called
    /// (serially) as each ends. One path's failure never stops the others.
    private func forEachInParallel<Output>(
        _ paths: [String], work: @escaping @Sendable (String) throws(LessonBookError) -> Output,
        finished: @escaping @Sendable (String, Result<Output, LessonBookError>) -> Void
    ) {
        let queue = WorkQueue(paths)
        let report = Mutex(())
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, paths.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let path = queue.next() {
                let outcome: Result<Output, LessonBookError>
                do throws(LessonBookError) {
                    outcome = .success(try work(path))
                } catch {
                    outcome = .failure(error)
                }
                report.withLock { _ in finished(path, outcome) }
            }
        }
    }

    /// Detects the toolchain and builds the library products, once.
    @discardableResult
    package func prepare(progress: (RunProgress) -> Void = { _ in }) throws(LessonBookError) -> (Toolchain, String) {
        try prepared.withLock { (prepared) throws(LessonBookError) -> (Toolchain, String) in
            let (toolchain, libraryHash) = try identity(&prepared)
            if !prepared.built {
                CacheFile.removeAbandoned(in: "\(package.cacheDirectory)/programs")
                CacheFile.removeAbandoned(in: cache.directory)
                progress(.phase("building the library"))
                try LibraryBuilder(package: package, toolchain: toolchain).ensureBuilt(sourceHash: libraryHash)
                prepared.built = true
            }
            return (toolchain, libraryHash)
        }
    }

    /// The hash of every input of the lesson at `path` as the sources stand now, without
    /// building or running anything; `lesson build --check` compares it with the site's.
    func currentInputHash(of path: String) throws(LessonBookError) -> String {
        let text = try LessonParser.text(contentsOf: path)
        return try inputHash(of: try? LessonParser.parse(text, path: path), text: text, path: path)
    }

    /// The hashes of the sources experiments' artifacts depend on, computed once.
    func artifactSources() -> ArtifactSources {
        prepared.withLock { prepared in
            if let sources = prepared.artifactSources { return sources }
            let sources = ArtifactSources(root: package.root)
            prepared.artifactSources = sources
            return sources
        }
    }

    /// The hash of the sources that turn results into pages, computed once.
    package func rendererHash() -> String {
        prepared.withLock { prepared in
            if let hash = prepared.rendererHash { return hash }
            let hash = InputHasher.rendererSourceHash(of: package)
            prepared.rendererHash = hash
            return hash
        }
    }

    /// The input hash of `lesson` (nil when its file does not parse) read from `text` at `path`.
    func inputHash(of lesson: Lesson?, text: String, path: String) throws(LessonBookError) -> String {
        let (toolchain, libraryHash) = try prepared.withLock { (prepared) throws(LessonBookError) in try identity(&prepared) }
        return InputHasher.lessonHash(
            lessonPath: path, cells: lesson?.cells, lessonText: text, librarySourceHash: libraryHash,
            toolchainVersion: toolchain.version, options: options, artifacts: artifactsFingerprint(of: lesson))
    }

    /// The toolchain and library hash, worked out on first use.
    private func identity(_ prepared: inout Prepared) throws(LessonBookError) -> (Toolchain, String) {
        if let toolchain = prepared.toolchain { return (toolchain, prepared.libraryHash) }
        let toolchain = try Toolchain.detect(cacheDirectory: package.cacheDirectory)
        prepared.toolchain = toolchain
        prepared.libraryHash = InputHasher.librarySourceHash(of: package)
        return (toolchain, prepared.libraryHash)
    }
}

/// Hands out paths to parallel workers, each once.
private final class WorkQueue: Sendable {
    private let remaining: Mutex<ArraySlice<String>>

    init(_ paths: [String]) {
        remaining = Mutex(paths[...])
    }

    func next() -> String? {
        remaining.withLock { $0.popFirst() }
    }
}
