import Foundation

/// Limits and switches for running lessons; part of every result's cache key, but for the
/// memory limit.
public struct RunOptions: Codable, Hashable, Sendable {
    /// Seconds a cell may run unless its `timeout=` says otherwise.
    public var defaultCellTimeout: Double
    /// Bytes of printed text kept per lesson; the rest is counted and cut.
    public var outputCap: Int
    /// The resident memory a lesson program may use, whatever its front matter says
    /// (`--memory-limit`); nil leaves it to the lesson's `memory:` or ``defaultMemoryLimit``.
    ///
    /// Not part of the cache key (its default depends on the machine, and `build --check` must
    /// agree across machines): a limit decides only whether a run is stopped, never what a run
    /// that finishes shows, and a run it stopped is not cached.
    public var memoryLimit: MemorySize?
    /// Variables added to the lesson program's environment, such as `ONEDNN_MAX_CPU_ISA` or
    /// `OMP_NUM_THREADS`.
    ///
    /// Not part of the cache key either: like the machine's own CPU, they choose kernels and
    /// thread counts, which move only the last digits of results, and the build treats such
    /// differences as noise (``NoiseTolerance``).
    public var environment: [String: String] = [:]

    private enum CodingKeys: String, CodingKey {
        case defaultCellTimeout, outputCap
    }

    /// Creates options; five minutes a cell and one megabyte of text by default.
    public init(
        defaultCellTimeout: Double = 300, outputCap: Int = 1_000_000, memoryLimit: MemorySize? = nil,
        environment: [String: String] = [:]
    ) {
        self.defaultCellTimeout = defaultCellTimeout
        self.outputCap = outputCap
        self.memoryLimit = memoryLimit
        self.environment = environment
    }

    /// The options as the cache key sees them: sorted-key JSON of everything but the memory limit.
    var hashKey: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// A third of the machine's memory: two lessons run at once on two cores, and the engine,
    /// the compiler and the desktop keep the rest.
    public static let defaultMemoryLimit = MemorySize(bytes: Int(ProcessInfo.processInfo.physicalMemory / 3))

    /// The limit for `lesson`: the command line's, else the lesson's own, else the default.
    public func memoryLimit(for lesson: Lesson) -> MemorySize {
        memoryLimit ?? lesson.memoryLimit ?? Self.defaultMemoryLimit
    }
}
