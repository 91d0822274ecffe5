import Foundation

/// The engine's front door: finds lessons, reports their status, runs one or many.
///
/// The library products are built at most once per `Book` (see ``prepare()``), and results are
/// cached under the package's `.build/lesson-cache/`.
public final class Book: @unchecked Sendable {
    /// One lesson file and, if it parsed, the lesson in it.
    public struct Entry: Sendable {
        /// The file.
        public var path: String
        /// The parsed lesson, or nil if it did not parse.
        public var lesson: Lesson?
        /// The parse error, if any.
        public var error: LessonBookError?
    }

    /// The directory holding `NN-slug.md` lessons.
    public let lessonsDirectory: String
    /// The package the cells link against.
    public let package: PackageLocation
    /// Limits for running.
    public let options: RunOptions
    /// The result cache.
    public let cache: ResultCache

    private let lock = NSLock()
    private var prepared: (toolchain: Toolchain, libraryHash: String, built: Bool)?

    /// Creates a book over `lessonsDirectory`, building against `package`.
    public init(lessonsDirectory: String, package: PackageLocation, options: RunOptions = RunOptions()) {
        self.lessonsDirectory = lessonsDirectory
        self.package = package
        self.options = options
        self.cache = ResultCache(directory: "\(package.cacheDirectory)/results")
    }

    /// The lesson files (`*.md`) in the lessons directory, by number then name.
    public func lessonFiles() throws(LessonBookError) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: lessonsDirectory) else {
            throw .lessonsDirectoryNotFound(path: lessonsDirectory)
        }
        return names.filter { $0.hasSuffix(".md") }
            .sorted { lhs, rhs in
                let (left, right) = (LessonParser.numberAndSlug(fromFileName: lhs).0, LessonParser.numberAndSlug(fromFileName: rhs).0)
                return (left ?? .max, lhs) < (right ?? .max, rhs)
            }
            .map { lessonsDirectory.hasSuffix("/") ? lessonsDirectory + $0 : "\(lessonsDirectory)/\($0)" }
    }

    /// Every lesson file, parsed where possible.
    public func entries() throws(LessonBookError) -> [Entry] {
        try lessonFiles().map { path in
            do throws(LessonBookError) {
                return Entry(path: path, lesson: try LessonParser.parse(contentsOf: path), error: nil)
            } catch {
                return Entry(path: path, lesson: nil, error: error)
            }
        }
    }

    /// The file of lesson `number`; an unknown number names the numbers that exist.
    public func lessonFile(number: Int) throws(LessonBookError) -> String {
        let files = try lessonFiles()
        let numbered = files.map { ($0, LessonParser.numberAndSlug(fromFileName: ($0 as NSString).lastPathComponent).0) }
        guard let match = numbered.first(where: { $0.1 == number }) else {
            throw .unknownLessonNumber(number, available: numbered.compactMap(\.1))
        }
        return match.0
    }

    /// The cached status of the lesson at `path`, without running or building anything.
    public func status(of path: String) throws(LessonBookError) -> LessonStatus {
        guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw .fileNotFound(path: path)
        }
        guard (try? LessonParser.parse(text, path: path)) != nil else { return .invalid }
        guard let latest = cache.latest(for: path) else { return .notRunYet }
        guard latest.inputHash == (try inputHash(text: text, path: path)) else { return .stale }
        return latest.succeeded ? .passed : .failing
    }

    /// Runs the lesson at `path`, or returns its cached result when `useCache` and the inputs
    /// are unchanged. Every fresh result is stored.
    public func run(
        _ path: String, useCache: Bool, progress: @escaping (RunProgress) -> Void = { _ in }
    ) throws(LessonBookError) -> (result: LessonResult, fromCache: Bool) {
        guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw .fileNotFound(path: path)
        }
        let lesson = try LessonParser.parse(text, path: path)
        let hash = try inputHash(text: text, path: path)
        if useCache, let cached = cache.result(for: path, inputHash: hash) {
            return (cached, true)
        }
        let (toolchain, libraryHash) = try prepare(progress: progress)
        let runner = LessonRunner(
            compiler: Compiler(package: package, toolchain: toolchain, librarySourceHash: libraryHash), options: options)
        let result = try runner.run(lesson, text: text, inputHash: hash, progress: progress)
        if ChildProcessRegistry.shared.isInterrupted { throw .interrupted }
        // The memory limit is not part of the input hash; a run it stopped is not kept, so a
        // higher limit runs the lesson again.
        if !result.hitMemoryLimit { try cache.store(result, for: path) }
        return (result, false)
    }

    /// Runs many lessons, as many at once as there are cores; `finished` is called (serially)
    /// as each ends. One lesson's failure never stops the others.
    public func runAll(
        _ paths: [String], useCache: Bool,
        finished: @escaping @Sendable (String, Result<(result: LessonResult, fromCache: Bool), LessonBookError>) -> Void
    ) {
        let queue = WorkQueue(paths)
        let report = NSLock()
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, paths.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let path = queue.next() {
                let outcome: Result<(result: LessonResult, fromCache: Bool), LessonBookError>
                do throws(LessonBookError) {
                    outcome = .success(try run(path, useCache: useCache))
                } catch {
                    outcome = .failure(error)
                }
                report.withLock { finished(path, outcome) }
            }
        }
    }

    /// Detects the toolchain and builds the library products, once.
    @discardableResult
    public func prepare(progress: (RunProgress) -> Void = { _ in }) throws(LessonBookError) -> (Toolchain, String) {
        lock.lock()
        defer { lock.unlock() }
        let (toolchain, libraryHash) = try identity()
        if prepared?.built != true {
            CacheFile.removeAbandoned(in: "\(package.cacheDirectory)/programs")
            CacheFile.removeAbandoned(in: cache.directory)
            progress(.phase("building the library"))
            try LibraryBuilder(package: package, toolchain: toolchain).ensureBuilt(sourceHash: libraryHash)
            prepared?.built = true
        }
        return (toolchain, libraryHash)
    }

    /// The hash of every input of the lesson at `path` as the sources stand now, without
    /// building or running anything; `lesson build --check` compares it with the site's.
    public func currentInputHash(of path: String) throws(LessonBookError) -> String {
        guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw .fileNotFound(path: path)
        }
        return try inputHash(text: text, path: path)
    }

    private func inputHash(text: String, path: String) throws(LessonBookError) -> String {
        lock.lock()
        defer { lock.unlock() }
        let (toolchain, libraryHash) = try identity()
        return InputHasher.lessonHash(
            lessonText: text, lessonPath: path, librarySourceHash: libraryHash, toolchainVersion: toolchain.version,
            options: options)
    }

    /// The toolchain and library hash, computed once; call with `lock` held.
    private func identity() throws(LessonBookError) -> (Toolchain, String) {
        if let prepared { return (prepared.toolchain, prepared.libraryHash) }
        let toolchain = try Toolchain.detect(cacheDirectory: package.cacheDirectory)
        let libraryHash = InputHasher.librarySourceHash(of: package)
        prepared = (toolchain, libraryHash, false)
        return (toolchain, libraryHash)
    }
}

/// Hands out paths to parallel workers, each once.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var remaining: ArraySlice<String>

    init(_ paths: [String]) {
        remaining = paths[...]
    }

    func next() -> String? {
        lock.withLock { remaining.popFirst() }
    }
}
