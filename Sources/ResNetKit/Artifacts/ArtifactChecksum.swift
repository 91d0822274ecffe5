import Foundation

/// The checksum an artifact's provenance records for each of its files: the 64-bit FNV-1a hash
/// of the bytes, as 16 hex digits.
///
/// It guards against truncated or damaged files, not against tampering; it needs no
/// cryptography library, so the lesson runtime can verify what it loads.
public enum ArtifactChecksum {
    /// The checksum of `data`.
    public static func of(_ data: Data) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        data.withUnsafeBytes { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
