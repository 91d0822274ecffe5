import Foundation

/// One JSON object on one line, with its fields in the order they were added (a keyed encoder
/// would not keep the order, and the lines are read by people as much as by tools).
struct JSONLine {
    private var fields: [(key: String, value: String)] = []

    mutating func add(_ key: String, _ value: Int) {
        fields.append((key, String(value)))
    }

    mutating func add(_ key: String, _ value: Float) {
        fields.append((key, value.isFinite ? "\(value)" : "null"))
    }

    mutating func add(_ key: String, _ value: Double, decimals: Int) {
        fields.append((key, value.isFinite ? String(format: "%.\(decimals)f", value) : "null"))
    }

    mutating func add(_ key: String, _ value: Bool) {
        fields.append((key, value ? "true" : "false"))
    }

    mutating func add(_ key: String, _ value: String) {
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        fields.append((key, "\"\(escaped)\""))
    }

    var text: String {
        "{" + fields.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
    }
}
