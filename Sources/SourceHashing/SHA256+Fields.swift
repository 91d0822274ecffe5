import Crypto
import Foundation

extension SHA256 {
    /// Adds a string's UTF-8 bytes, preceded by their length so that consecutive fields cannot
    /// run into one another ("ab" + "c" hashes differently from "a" + "bc").
    package mutating func update(field: String) {
        let bytes = Array(field.utf8)
        withUnsafeBytes(of: UInt64(bytes.count).bigEndian) { update(bufferPointer: $0) }
        update(data: bytes)
    }

    /// The digest of everything added so far, as 64 lowercase hex digits.
    package func hexDigest() -> String {
        Self.hex(finalize())
    }

    /// The hex digest of `text`'s UTF-8 bytes.
    package static func hex(_ text: String) -> String {
        hex(hash(data: Array(text.utf8)))
    }

    /// The hex digest of `data`.
    package static func hex(_ data: Data) -> String {
        hex(hash(data: data))
    }

    private static func hex(_ digest: SHA256Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
