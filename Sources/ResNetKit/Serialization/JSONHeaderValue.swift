/// A parsed JSON value that keeps the order of object keys, as a `.safetensors` header needs.
///
/// Foundation's `JSONSerialization` returns unordered dictionaries; the header order is the order
/// tensors were written in (and the state-dict order for files saved from a model), so the
/// header is parsed by this small reader instead.
enum JSONHeaderValue: Equatable {
    case object([(key: String, value: JSONHeaderValue)])
    case array([JSONHeaderValue])
    case string(String)
    /// A number without fraction or exponent that fits an `Int`.
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null

    static func == (lhs: JSONHeaderValue, rhs: JSONHeaderValue) -> Bool {
        switch (lhs, rhs) {
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(a), .array(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    /// Parses one JSON document from UTF-8 bytes.
    ///
    /// - Throws: ``JSONHeaderError`` naming the byte offset of the first problem.
    static func parse(_ bytes: [UInt8]) throws(JSONHeaderError) -> JSONHeaderValue {
        var reader = JSONHeaderReader(bytes: bytes)
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        guard reader.position == bytes.count else {
            throw JSONHeaderError(offset: reader.position, message: "unexpected characters after the JSON value")
        }
        return value
    }
}

/// Why a JSON header could not be parsed, with the byte offset inside the header.
struct JSONHeaderError: Error, Equatable {
    let offset: Int
    let message: String

    var description: String { "invalid JSON at header byte \(offset): \(message)" }
}

/// A recursive-descent reader over UTF-8 bytes.
private struct JSONHeaderReader {
    let bytes: [UInt8]
    var position = 0

    // A header nests at most three levels; the bound keeps a hostile file from exhausting the stack.
    private static let maximumDepth = 64

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private func fail(_ message: String) -> JSONHeaderError {
        JSONHeaderError(offset: position, message: message)
    }

    mutating func readValue(depth: Int) throws(JSONHeaderError) -> JSONHeaderValue {
        guard depth < Self.maximumDepth else { throw fail("nested too deeply") }
        skipWhitespace()
        guard position < bytes.count else { throw fail("unexpected end of header") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject(depth: depth)
        case UInt8(ascii: "["): return try readArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try readLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try readLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try readLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw fail("unexpected character '\(Character(Unicode.Scalar(bytes[position])))'")
        }
    }

    private mutating func expect(_ byte: UInt8) throws(JSONHeaderError) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else {
            throw fail("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        position += 1
    }

    private mutating func readObject(depth: Int) throws(JSONHeaderError) -> JSONHeaderValue {
        position += 1
        var members: [(key: String, value: JSONHeaderValue)] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            let key = try readString()
            try expect(UInt8(ascii: ":"))
            members.append((key, try readValue(depth: depth + 1)))
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of header inside an object") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            } else {
                throw fail("expected ',' or '}'")
            }
        }
    }

    private mutating func readArray(depth: Int) throws(JSONHeaderError) -> JSONHeaderValue {
        position += 1
        var elements: [JSONHeaderValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try readValue(depth: depth + 1))
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of header inside an array") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(elements)
            } else {
                throw fail("expected ',' or ']'")
            }
        }
    }

    private mutating func readLiteral(_ word: String) throws(JSONHeaderError) {
        let expected = Array(word.utf8)
        guard position + expected.count <= bytes.count, Array(bytes[position..<(position + expected.count)]) == expected else {
            throw fail("expected '\(word)'")
        }
        position += expected.count
    }

    private mutating func readNumber() throws(JSONHeaderError) -> JSONHeaderValue {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        while position < bytes.count {
            let b = bytes[position]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                position += 1
            } else if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
                        || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                isInteger = false
                position += 1
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger, let value = Int(text) { return .integer(value) }
        guard let value = Double(text) else {
            position = start
            throw fail("malformed number '\(text)'")
        }
        return .number(value)
    }

    private mutating func readHexQuad() throws(JSONHeaderError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        let text = String(decoding: bytes[position..<(position + 4)], as: UTF8.self)
        guard let value = UInt32(text, radix: 16) else { throw fail("malformed \\u escape") }
        position += 4
        return value
    }

    private mutating func readString() throws(JSONHeaderError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            run.removeAll(keepingCapacity: true)
        }
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                flush()
                return String(scalars)
            }
            if b < 0x20 { throw fail("control character inside a string") }
            if b != UInt8(ascii: "\\") {
                run.append(b)
                position += 1
                continue
            }
            flush()
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = try readHexQuad()
                // A character outside the Basic Multilingual Plane arrives as a surrogate pair.
                if (0xD800..<0xDC00).contains(code), position + 1 < bytes.count,
                   bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                    position += 2
                    let low = try readHexQuad()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("invalid surrogate pair") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape") }
                scalars.append(scalar)
            default:
                throw fail("unknown escape '\\\(Character(Unicode.Scalar(escape)))'")
            }
        }
        throw fail("unterminated string")
    }
}

extension JSONHeaderValue {
    /// Writes `text` as a JSON string literal, escaping what JSON requires and nothing else.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
