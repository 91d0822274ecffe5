import Foundation

/// One JSON object on one line, with its fields in the order they were added: the tools' JSON
/// lines are read by people as much as by programs, and a keyed encoder would sort or shuffle
/// the fields. Every string is escaped by Foundation's `JSONEncoder`.
package struct JSONLine {
    private var fields: [(key: String, value: String)] = []

    /// An empty line.
    package init() {}

    /// Adds an integer field.
    package mutating func add(_ key: String, _ value: Int) {
        fields.append((key, String(value)))
    }

    /// Adds a number field, `null` when it is not finite.
    package mutating func add(_ key: String, _ value: Float) {
        fields.append((key, value.isFinite ? "\(value)" : "null"))
    }

    /// Adds a number field with exactly `decimals` digits after the point, `null` when it is
    /// not finite.
    package mutating func add(_ key: String, _ value: Double, decimals: Int) {
        fields.append((key, value.isFinite ? String(format: "%.\(decimals)f", value) : "null"))
    }

    /// Adds a Boolean field.
    package mutating func add(_ key: String, _ value: Bool) {
        fields.append((key, value ? "true" : "false"))
    }

    /// Adds a string field.
    package mutating func add(_ key: String, _ value: String) {
        fields.append((key, Self.quoted(value)))
    }

    /// `{"key": value, …}` in the order the fields were added.
    package var text: String {
        "{" + fields.map { "\(Self.quoted($0.key)): \($0.value)" }.joined(separator: ", ") + "}"
    }

    /// `text` as a JSON string literal, as Foundation's encoder writes it (slashes unescaped).
    package static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        // Encoding a String cannot fail.
        return String(decoding: try! encoder.encode(text), as: UTF8.self)
    }
}
