import Foundation
import ResNetKit
import Testing

/// A fresh directory under the system's temporary folder, removed by `cleanUp()`.
private struct ScratchDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "resnetkit-idx-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

@Suite("IDX files and gzip")
struct DataIDXTests {
    /// Three 2×3 "images" with easy-to-follow bytes.
    let images = IDXArray(dimensions: [3, 2, 3], bytes: Array(0..<18).map { UInt8($0 * 15) })
    let labels = IDXArray(dimensions: [3], bytes: [9, 0, 4])

    @Test("the header is big-endian with magic 0x00000803 for images and 0x00000801 for labels")
    func encoding() {
        let encoded = images.encoded()
        #expect(Array(encoded.prefix(16)) == [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 3])
        #expect(encoded.count == 16 + 18)
        #expect(Array(labels.encoded().prefix(8)) == [0, 0, 8, 1, 0, 0, 0, 3])
        #expect(IDXArray.magic(rank: 3) == 0x0000_0803)
    }

    @Test("gzip round trip, and the gzip magic 1f 8b decides whether to decompress")
    func gzipRoundTrip() throws {
        let raw = images.encoded()
        let compressed = Gzip.compress(raw)
        #expect(Array(compressed.prefix(2)) == [0x1F, 0x8B])
        #expect(try Gzip.decompress(compressed) == raw)
        #expect(try IDXArray(parsing: compressed) == images)
        #expect(try IDXArray(parsing: raw) == images)
        // Two concatenated members decompress to both payloads, as gzip(1) does.
        #expect(try Gzip.decompress(compressed + Gzip.compress([1, 2, 3])) == raw + [1, 2, 3])
    }

    @Test("a large payload decompresses when the output buffer must grow, and a bad trailer is caught")
    func largePayload() throws {
        var generator = RandomGenerator(seed: 5)
        let payload = (0..<300_000).map { _ in UInt8(generator.nextInt(below: 4)) }
        // The size hint comes from the last member, 3 bytes, so the buffer has to grow.
        #expect(try Gzip.decompress(Gzip.compress(payload) + Gzip.compress([1, 2, 3])) == payload + [1, 2, 3])
        var compressed = Gzip.compress(payload)
        compressed[compressed.count - 4] ^= 0xFF  // the stored length no longer matches
        #expect(throws: ResNetKitError.self) { try Gzip.decompress(compressed) }
    }

    @Test("files on disk, compressed and not")
    func readsFiles() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let plain = try scratch.write(images.encoded(), to: "images-idx3-ubyte")
        let zipped = try scratch.write(Gzip.compress(labels.encoded()), to: "labels-idx1-ubyte.gz")
        #expect(try IDXArray(contentsOf: plain, expectedRank: 3) == images)
        #expect(try IDXArray(contentsOf: zipped, expectedRank: 1) == labels)
        #expect(throws: ResNetKitError.self) { try IDXArray(contentsOf: scratch.path + "/absent") }
    }

    @Test("malformed input is reported, not trapped on")
    func malformed() {
        let raw = images.encoded()
        // Labels magic where images are expected.
        #expect(throws: ResNetKitError.self) { try IDXArray(parsing: labels.encoded(), expectedRank: 3) }
        // Missing last byte.
        #expect(throws: ResNetKitError.self) { try IDXArray(parsing: Array(raw.dropLast())) }
        // Not IDX at all.
        #expect(throws: ResNetKitError.self) { try IDXArray(parsing: Array("hello, world".utf8)) }
        // Element type float (0x0D) instead of unsigned byte.
        var floats = raw
        floats[2] = 0x0D
        #expect(throws: ResNetKitError.self) { try IDXArray(parsing: floats) }
        // Truncated and corrupted gzip streams.
        let compressed = Gzip.compress(raw)
        #expect(throws: ResNetKitError.self) { try Gzip.decompress(Array(compressed.prefix(compressed.count / 2))) }
        var corrupt = compressed
        corrupt[12] ^= 0x5A
        corrupt[13] ^= 0xA5
        #expect(throws: ResNetKitError.self) { try Gzip.decompress(corrupt) }
    }

    @Test("Fashion-MNIST loader on a tiny directory: normalisation, limit, missing files")
    func tinyFashionMNIST() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        #expect(throws: ResNetKitError.datasetMissing(directory: scratch.path, debianPackage: "dataset-fashion-mnist")) {
            try FashionMNIST.load(.train, directory: scratch.path)
        }
        let pixels = IDXArray(dimensions: [3, 2, 2], bytes: [0, 255, 51, 102, 0, 0, 0, 0, 255, 255, 255, 255])
        let classes = IDXArray(dimensions: [3], bytes: [2, 7, 9])
        _ = try scratch.write(Gzip.compress(pixels.encoded()), to: "t10k-images-idx3-ubyte.gz")
        _ = try scratch.write(Gzip.compress(classes.encoded()), to: "t10k-labels-idx1-ubyte.gz")

        let dataset = try FashionMNIST.load(.test, directory: scratch.path)
        #expect(dataset.images.shape == [3, 1, 2, 2])
        #expect(dataset.labels == [2, 7, 9])
        #expect(dataset.classNames[9] == "Ankle boot")
        let expected: [Float] = [0, 1, 0.2, 0.4].map { ($0 - 0.2860) / 0.3530 }
        for (a, e) in zip(dataset.images.values.prefix(4), expected) { #expect(abs(a - e) < 1e-6) }
        #expect(abs(dataset.images.values[0] - FashionMNIST.normalizedBlack) < 1e-7)

        let limited = try FashionMNIST.load(.test, limit: 2, directory: scratch.path)
        #expect(limited.images.shape == [2, 1, 2, 2])
        #expect(limited.labels == [2, 7])

        _ = try scratch.write(Gzip.compress(IDXArray(dimensions: [2], bytes: [1, 2]).encoded()), to: "t10k-labels-idx1-ubyte.gz")
        #expect(throws: ResNetKitError.self) { try FashionMNIST.load(.test, directory: scratch.path) }
    }
}
