import Foundation

/// The engine's one JSON writer: Foundation's encoder with sorted keys and unescaped slashes,
/// so the same value always gives the same bytes, whether it keys a cache, is stored in one or
/// is committed with the site.
enum CanonicalJSON {
    /// `value` as JSON; `pretty` indents it for files people read and diff.
    static func data(_ value: some Encodable, pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// `value` as compact JSON text, or the empty string for a value that cannot be encoded
    /// (a non-finite number), which then keys nothing it should not.
    static func text(_ value: some Encodable) -> String {
        (try? data(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
