/// Limits and switches for running lessons; part of every result's cache key.
public struct RunOptions: Codable, Hashable, Sendable {
    /// Seconds a cell may run unless its `timeout=` says otherwise.
    public var defaultCellTimeout: Double
    /// Bytes of printed text kept per lesson; the rest is counted and cut.
    public var outputCap: Int

    /// Creates options; five minutes a cell and one megabyte of text by default.
    public init(defaultCellTimeout: Double = 300, outputCap: Int = 1_000_000) {
        self.defaultCellTimeout = defaultCellTimeout
        self.outputCap = outputCap
    }
}
