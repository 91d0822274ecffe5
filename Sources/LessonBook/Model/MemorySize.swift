import Foundation

/// An amount of memory, as a lesson's front matter (`memory: 12GiB`) and `--memory-limit` write it.
public struct MemorySize: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The amount in bytes.
    public var bytes: Int

    /// Creates a size of `bytes` bytes.
    public init(bytes: Int) {
        self.bytes = bytes
    }

    private static let units: [(suffix: String, factor: Int)] = [
        ("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10),
        ("TB", 1_000_000_000_000), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000),
        ("T", 1 << 40), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1),
    ]

    /// Reads `12GiB`, `1.5 GiB`, `512MiB`, `2G` (binary, like `ulimit`), `3GB` (decimal) or a
    /// plain number of bytes; nil for anything else, zero, or more than fits.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let unit = Self.units.first { trimmed.hasSuffix($0.suffix) }
        let number = String(trimmed.dropLast(unit?.suffix.count ?? 0)).trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(number), value > 0
        else { return nil }
        let bytes = (value * Double(unit?.factor ?? 1)).rounded()
        guard bytes >= 1, bytes < 0x1p62 else { return nil }
        self.bytes = Int(bytes)
    }

    /// The size in the largest binary unit that keeps it readable: `8 GiB`, `200 MiB`, `1.5 GiB`.
    public var description: String {
        for (suffix, factor) in [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= factor {
            let value = Double(bytes) / Double(factor)
            let tenths = (value * 10).rounded() / 10
            return tenths == tenths.rounded() ? "\(Int(tenths)) \(suffix)" : "\(tenths) \(suffix)"
        }
        return "\(bytes) bytes"
    }

    public static func < (lhs: MemorySize, rhs: MemorySize) -> Bool {
        lhs.bytes < rhs.bytes
    }
}
