import Foundation

/// An array of unsigned bytes read from an IDX file, the format of MNIST and Fashion-MNIST.
///
/// An IDX file starts with a big-endian magic number `0x000008DD` (8: unsigned bytes, `DD`: the
/// number of dimensions), then each dimension as a big-endian 32-bit integer, then the values in
/// row-major order. Images files have magic `0x00000803` (`[count, rows, columns]`), label files
/// `0x00000801` (`[count]`).
public struct IDXArray: Sendable, Equatable {
    /// The size of each dimension.
    public let dimensions: [Int]
    /// The values, row-major.
    public let bytes: [UInt8]

    /// The magic number of an IDX file of unsigned bytes with `rank` dimensions.
    public static func magic(rank: Int) -> UInt32 { 0x0000_0800 | UInt32(rank) }

    /// Creates an array from its parts.
    ///
    /// - Precondition: `bytes.count` is the product of `dimensions`.
    public init(dimensions: [Int], bytes: [UInt8]) {
        require(
            dimensions.reduce(1, *) == bytes.count,
            "IDXArray: dimensions \(dimensions) hold \(dimensions.reduce(1, *)) values, got \(bytes.count)")
        self.dimensions = dimensions
        self.bytes = bytes
    }

    /// Parses the bytes of an IDX file, decompressing them first if they are gzip
    /// (recognised by the magic `1f 8b`, not by the file name).
    ///
    /// - Parameters:
    ///   - expectedRank: when given, the number of dimensions the file must have.
    ///   - source: named in errors, usually the path.
    /// - Throws: ``ResNetKitError/malformedDataset(path:reason:)`` if the header or length is wrong.
    public init(parsing raw: [UInt8], expectedRank: Int? = nil, source: String = "IDX data") throws {
        var data = Gzip.isCompressed(raw) ? try Gzip.decompress(raw, source: source) : raw
        guard data.count >= 4 else {
            throw ResNetKitError.malformedDataset(path: source, reason: "IDX data has \(data.count) bytes, too short for a header")
        }
        guard data[0] == 0, data[1] == 0 else {
            throw ResNetKitError.malformedDataset(path: source, reason: "not an IDX file (magic \(IDXArray.hex(data, count: 4)))")
        }
        guard data[2] == 0x08 else {
            throw ResNetKitError.malformedDataset(
                path: source, reason: "IDX element type 0x\(String(data[2], radix: 16)) is not unsigned byte (0x08)")
        }
        let rank = Int(data[3])
        if let expectedRank, rank != expectedRank {
            throw ResNetKitError.malformedDataset(
                path: source,
                reason: "expected IDX magic 0x\(String(IDXArray.magic(rank: expectedRank), radix: 16)), found \(IDXArray.hex(data, count: 4))")
        }
        let headerSize = 4 + 4 * rank
        guard data.count >= headerSize else {
            throw ResNetKitError.malformedDataset(path: source, reason: "IDX header for \(rank) dimensions is truncated")
        }
        var dimensions: [Int] = []
        for axis in 0..<rank {
            let o = 4 + 4 * axis
            dimensions.append(Int(data[o]) << 24 | Int(data[o + 1]) << 16 | Int(data[o + 2]) << 8 | Int(data[o + 3]))
        }
        let expected = dimensions.reduce(1, *)
        guard data.count - headerSize == expected else {
            throw ResNetKitError.malformedDataset(
                path: source,
                reason: "IDX dimensions \(dimensions) need \(expected) bytes of data, the file has \(data.count - headerSize)")
        }
        self.dimensions = dimensions
        // Shifting in place reuses the decompressed buffer instead of allocating a second 47 MB.
        data.removeFirst(headerSize)
        self.bytes = data
    }

    /// Reads and parses an IDX file, gzip-compressed or not.
    ///
    /// - Throws: ``ResNetKitError/fileAccess(path:reason:)`` if the file cannot be read, or
    ///   ``ResNetKitError/malformedDataset(path:reason:)`` if it is not valid IDX.
    public init(contentsOf path: String, expectedRank: Int? = nil) throws {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw ResNetKitError.fileAccess(path: path, reason: "cannot read the file")
        }
        try self.init(parsing: [UInt8](contents), expectedRank: expectedRank, source: path)
    }

    /// The IDX encoding of this array, uncompressed (wrap it in ``Gzip/compress(_:level:)``
    /// for a `.gz` file).
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4 + 4 * dimensions.count + bytes.count)
        out += [0, 0, 0x08, UInt8(dimensions.count)]
        for d in dimensions {
            out += [UInt8(truncatingIfNeeded: d >> 24), UInt8(truncatingIfNeeded: d >> 16), UInt8(truncatingIfNeeded: d >> 8), UInt8(truncatingIfNeeded: d)]
        }
        out += bytes
        return out
    }

    private static func hex(_ data: [UInt8], count: Int) -> String {
        "0x" + data.prefix(count).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
