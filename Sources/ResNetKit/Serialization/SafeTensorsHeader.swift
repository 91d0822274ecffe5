import Foundation

/// The JSON header of a `.safetensors` file, read by Foundation's `JSONDecoder`.
///
/// JSON objects are unordered and so are the decoder's keys; the tensors' order is the order of
/// their data, which `decode` restores from `data_offsets` (it is the header order of every
/// writer, PyTorch's included). What is malformed is thrown as
/// ``ResNetKitError/malformedSafeTensors(path:reason:)`` naming the entry.
struct SafeTensorsHeader: Decodable {
    /// One tensor's entry.
    struct Entry {
        var elementType: SafeTensors.ElementType
        var shape: [Int]
        var begin: Int
        var end: Int
    }

    /// Where the decoder finds the file's path, for errors raised while decoding.
    private static let pathKey = CodingUserInfoKey(rawValue: "SafeTensorsHeader.path")!

    /// The tensors' entries by name.
    var entries: [String: Entry] = [:]
    /// The `__metadata__` strings.
    var metadata: [String: String] = [:]

    /// Decodes `bytes`, the header's JSON of the file at `path` (named in errors only).
    static func decode(_ bytes: Data, path: String) throws(ResNetKitError) -> SafeTensorsHeader {
        if let reason = strictnessProblem(in: Array(bytes)) { throw .malformedSafeTensors(path: path, reason: reason) }
        let decoder = JSONDecoder()
        decoder.userInfo[pathKey] = path
        do {
            return try decoder.decode(SafeTensorsHeader.self, from: bytes)
        } catch let error as ResNetKitError {
            throw error
        } catch DecodingError.dataCorrupted(let context) {
            let detail = (context.underlyingError as NSError?)?.debugDescription ?? context.debugDescription
            throw .malformedSafeTensors(path: path, reason: "the header is invalid JSON: \(detail)")
        } catch {
            throw .malformedSafeTensors(path: path, reason: "the header is invalid JSON: \(error)")
        }
    }

    init(from decoder: any Decoder) throws {
        let path = decoder.userInfo[Self.pathKey] as? String ?? "<memory>"
        func malformed(_ reason: String) -> ResNetKitError { .malformedSafeTensors(path: path, reason: reason) }
        guard let container = try? decoder.container(keyedBy: Key.self) else {
            throw malformed("the header is not a JSON object")
        }
        for key in container.allKeys {
            let name = key.stringValue
            if name == "__metadata__" {
                guard let pairs = try? container.nestedContainer(keyedBy: Key.self, forKey: key) else {
                    throw malformed("__metadata__ is not an object")
                }
                for item in pairs.allKeys {
                    guard let text = try? pairs.decode(String.self, forKey: item) else {
                        throw malformed("__metadata__ value of '\(item.stringValue)' is not a string")
                    }
                    metadata[item.stringValue] = text
                }
            } else {
                guard let fields = try? container.nestedContainer(keyedBy: Key.self, forKey: key) else {
                    throw malformed("'\(name)' is not an object")
                }
                entries[name] = try Self.entry(name, fields, malformed: malformed)
            }
        }
    }

    private static func entry(
        _ name: String, _ fields: KeyedDecodingContainer<Key>, malformed: (String) -> ResNetKitError
    ) throws -> Entry {
        func field(_ key: String) throws -> Key {
            let key = Key(key)
            guard fields.contains(key) else { throw malformed("'\(name)' has no \(key.stringValue)") }
            return key
        }
        func integers(_ key: String) throws -> [Int] {
            let codingKey = try field(key)
            guard let values = try? fields.decode([Int].self, forKey: codingKey), values.allSatisfy({ $0 >= 0 }) else {
                throw malformed("'\(name)': \(key) holds something other than a non-negative integer")
            }
            return values
        }
        let dtype = try field("dtype")
        guard let typeName = try? fields.decode(String.self, forKey: dtype) else {
            throw malformed("'\(name)': dtype is not a string")
        }
        guard let elementType = SafeTensors.ElementType(rawValue: typeName) else {
            let supported = SafeTensors.ElementType.allCases.map(\.rawValue).joined(separator: ", ")
            throw malformed("'\(name)': unsupported dtype \(typeName) (supported: \(supported))")
        }
        let shape = try integers("shape")
        let (count, overflow) = shape.reduce((1, false)) { partial, dimension in
            let (product, overflow) = partial.0.multipliedReportingOverflow(by: dimension)
            return (product, partial.1 || overflow)
        }
        guard !overflow, !count.multipliedReportingOverflow(by: elementType.size).overflow else {
            throw malformed("'\(name)': shape \(shape) is too large")
        }
        let offsets = try integers("data_offsets")
        guard offsets.count == 2 else { throw malformed("'\(name)': data_offsets has \(offsets.count) entries, not 2") }
        return Entry(elementType: elementType, shape: shape, begin: offsets[0], end: offsets[1])
    }

    /// What Foundation's decoder lets pass but the format does not: a name the top-level
    /// object has twice (the decoder silently keeps one) and a comma before a closing bracket
    /// (the decoder tolerates it). Only string and bracket boundaries are tracked here; each
    /// key's text is read by `JSONDecoder`, so escapes compare by what they mean.
    static func strictnessProblem(in bytes: [UInt8]) -> String? {
        var seen = Set<String>()
        var depth = 0
        var index = 0
        var lastSignificant: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if lastSignificant == UInt8(ascii: ",") {
                    return "the header is invalid JSON: a comma before '\(Character(Unicode.Scalar(byte)))' at byte \(index)"
                }
                depth -= 1
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                var next = index + 1
                while next < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
                if depth == 1, next < bytes.count, bytes[next] == UInt8(ascii: ":"),
                    let key = try? JSONDecoder().decode(String.self, from: Data(bytes[start...min(index, bytes.count - 1)])),
                    !seen.insert(key).inserted
                {
                    return "the name '\(key)' appears twice in the header"
                }
            default:
                break
            }
            if ![0x20, 0x09, 0x0A, 0x0D].contains(byte) { lastSignificant = byte }
            index += 1
        }
        return nil
    }

    /// A key of any name.
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
