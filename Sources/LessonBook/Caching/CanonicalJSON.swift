import Foundation

/// The engine's one JSON writer: Foundation's encoder with sorted keys and unescaped slashes,
/// so the same value always gives the same bytes, whether it keys a cache, is stored in one or
/// is committed with the site.
///
/// A plot may hold NaN or an infinity (a point a log axis cannot draw); JSON has no such numbers,
/// so they are written as the strings `"nan"`, `"inf"` and `"-inf"`, and ``decoder()`` reads them back.
enum CanonicalJSON {
    private static let nonConformingNames = (positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    /// `value` as JSON; `pretty` indents it for files people read and diff.
    static func data(_ value: some Encodable, pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: nonConformingNames.positiveInfinity, negativeInfinity: nonConformingNames.negativeInfinity,
            nan: nonConformingNames.nan)
        return try encoder.encode(value)
    }

    /// A decoder that reads what ``data(_:pretty:)`` writes, non-finite numbers included.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: nonConformingNames.positiveInfinity, negativeInfinity: nonConformingNames.negativeInfinity,
            nan: nonConformingNames.nan)
        return decoder
    }

    /// `value` as compact JSON text, or the empty string for a value that cannot be encoded
    /// (a non-finite number), which then keys nothing it should not.
    static func text(_ value: some Encodable) -> String {
        (try? data(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
