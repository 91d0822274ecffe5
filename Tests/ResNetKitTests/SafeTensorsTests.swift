import Foundation
import ResNetKit
import ResNetKitTestSupport
import Testing

/// The bytes of a `.safetensors` file with the given header text and data, unpadded.
private func rawFile(header: String, data: [UInt8] = []) -> Data {
    let headerBytes = Array(header.utf8)
    var bytes: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(headerBytes.count) >> (8 * UInt64($0))) }
    bytes += headerBytes
    bytes += data
    return Data(bytes)
}

private func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
    values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
}

/// The reason of a `malformedSafeTensors` error thrown by `body`, or `nil` for anything else.
private func malformedReason(_ body: () throws -> Void) -> String? {
    do {
        try body()
    } catch let ResNetKitError.malformedSafeTensors(_, reason) {
        return reason
    } catch {
        return nil
    }
    return nil
}

private func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("resnetkit-\(UUID().uuidString)-\(name)")
}

@Suite("SafeTensors")
struct SafeTensorsTests {
    @Test("Tensors, metadata and header order survive a round trip through a file")
    func roundTrip() throws {
        let tensors: [(name: String, tensor: Tensor)] = [
            ("z.weight", Tensor.normal([3, 2, 3, 3], seed: 1)),
            ("a.bias", Tensor([1.5, -2.25, 0, .infinity])),
            ("bn.num_batches_tracked", Tensor(7)),
            ("empty", Tensor.zeros([0, 3])),
            ("scalar", Tensor(-0.125)),
        ]
        let url = temporaryURL("round-trip.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try SafeTensors.write(tensors, to: url, metadata: ["format": "pt", "note": "quote \" and \\ and \n"])
        let file = try SafeTensors.readFile(contentsOf: url)
        #expect(file.names == tensors.map(\.name))
        for (name, tensor) in tensors {
            #expect(file[name] == tensor, "\(name)")
        }
        #expect(file.metadata == ["format": "pt", "note": "quote \" and \\ and \n"])
        #expect(file.elementTypes["bn.num_batches_tracked"] == .int64)
        #expect(file.elementTypes["z.weight"] == .float32)
        #expect(try SafeTensors.read(contentsOf: url).count == tensors.count)
    }

    @Test("Encoding gives the same bytes every time, with a compact header padded to 8 bytes")
    func deterministicBytes() throws {
        let tensors: [(name: String, tensor: Tensor)] = [("w", Tensor([1, 2])), ("num_batches_tracked", Tensor(3))]
        let data = SafeTensors.encode(tensors, metadata: ["b": "2", "a": "1"])
        #expect(data == SafeTensors.encode(tensors, metadata: ["a": "1", "b": "2"]))
        let headerLength = Int(data[0]) | Int(data[1]) << 8
        #expect(headerLength % 8 == 0)
        let header = String(decoding: data[8..<(8 + headerLength)], as: UTF8.self)
        let expected = #"{"__metadata__":{"a":"1","b":"2"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
            + #""num_batches_tracked":{"dtype":"I64","shape":[],"data_offsets":[8,16]}}"#
        #expect(header.trimmingCharacters(in: .whitespaces) == expected)
        let payload = Array(data[(8 + headerLength)...])
        #expect(payload == littleEndianBytes([Float(1).bitPattern, Float(2).bitPattern]) + littleEndianBytes([Int64(3)]))
    }

    @Test("A file written by PyTorch reads with its metadata and element types")
    func readsTorchFile() throws {
        let fixture = try FixtureDirectory.sourceTree.safeTensors("layers.safetensors")
        #expect(fixture.file.elementTypes["cross_entropy.labels"] == .int64)
        #expect(try fixture.tensor("relu.input").shape == [2, 3, 4, 5])
        let settings = try fixture.settings()
        #expect(settings["generator"] as? String == "Tools/fixtures/generate.py")
    }

    @Test("F64, F16, BF16 and integer types are converted to Float")
    func otherElementTypes() throws {
        let f64 = littleEndianBytes([(2.5 as Double).bitPattern, (-1e-3 as Double).bitPattern])
        // 1.0, -2.0, 65504 (largest half), 2^-24 (smallest subnormal half)
        let f16 = littleEndianBytes([UInt16(0x3C00), 0xC000, 0x7BFF, 0x0001])
        let bf16 = littleEndianBytes([UInt16(0x3F80), 0xC0A0])  // 1.0, -5.0
        let i64 = littleEndianBytes([Int64(-3), 1 << 40])
        let i32 = littleEndianBytes([Int32(-7)])
        let u8: [UInt8] = [255, 0]
        var offset = 0
        var fields: [String] = []
        for (name, type, shape, bytes) in [
            ("d", "F64", "[2]", f64), ("h", "F16", "[2,2]", f16), ("b", "BF16", "[2]", bf16),
            ("l", "I64", "[2]", i64), ("i", "I32", "[1]", i32), ("u", "U8", "[2]", u8),
        ] {
            fields.append(#""\#(name)":{"dtype":"\#(type)","shape":\#(shape),"data_offsets":[\#(offset),\#(offset + bytes.count)]}"#)
            offset += bytes.count
        }
        let data = rawFile(header: "{" + fields.joined(separator: ",") + "}", data: f64 + f16 + bf16 + i64 + i32 + u8)
        let file = try SafeTensors.decode(data)
        #expect(file["d"]?.values == [2.5, Float(-1e-3 as Double)])
        #expect(file["h"] == Tensor(shape: [2, 2], values: [1, -2, 65504, 0x1p-24]))
        #expect(file["b"]?.values == [1, -5])
        #expect(file["l"]?.values == [-3, Float(1 << 40)])
        #expect(file["i"]?.values == [-7])
        #expect(file["u"]?.values == [255, 0])
        #expect(file.elementTypes["h"] == .float16)
    }

    @Test("Tensors come back in the order of their data, whatever the order of the header's keys")
    func dataOrder() throws {
        let header = #"{"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        let file = try SafeTensors.decode(rawFile(header: header, data: littleEndianBytes([Float(1).bitPattern, Float(2).bitPattern])))
        #expect(file.names == ["a", "b"])
        #expect(file["b"]?.values == [2])
        #expect(file.metadata == ["k": "v"])
    }

    @Test("Decoding works on a slice of a larger buffer")
    func decodesSlice() throws {
        let encoded = SafeTensors.encode([("a", Tensor([1, 2, 3])), ("b", Tensor(shape: [2, 1], values: [4, 5]))])
        let slice = (Data([9, 9, 9]) + encoded).dropFirst(3)
        #expect(slice.startIndex == 3)
        let file = try SafeTensors.decode(slice)
        #expect(file["a"] == Tensor([1, 2, 3]))
        #expect(file["b"] == Tensor(shape: [2, 1], values: [4, 5]))
    }

    @Test("A model's weights save and load by state-dict name")
    func moduleWeights() throws {
        var generator = RandomGenerator(seed: 3)
        let model = Sequential([Conv2d(inputChannels: 2, outputChannels: 3, kernelSize: 3, bias: true, generator: &generator), BatchNorm2d(features: 3)])
        _ = model(Tensor.normal([2, 2, 5, 5], seed: 4))  // moves the running statistics off their defaults
        let url = temporaryURL("model.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.saveWeights(to: url)

        var other = RandomGenerator(seed: 99)
        let copy = Sequential([Conv2d(inputChannels: 2, outputChannels: 3, kernelSize: 3, bias: true, generator: &other), BatchNorm2d(features: 3)])
        try copy.loadWeights(from: url)
        #expect(copy.stateDict().map(\.name) == model.stateDict().map(\.name))
        for (mine, theirs) in zip(copy.stateDict(), model.stateDict()) {
            #expect(mine.tensor == theirs.tensor, "\(mine.name)")
        }
        #expect(try SafeTensors.readFile(contentsOf: url).names == model.stateDict().map(\.name))
        #expect(copy.namedParameters().allSatisfy { $0.tensor.requiresGradient })

        let wrong = Sequential([Conv2d(inputChannels: 2, outputChannels: 4, kernelSize: 3, generator: &other)])
        #expect(throws: ResNetKitError.self) { try wrong.loadWeights(from: url) }
    }

    @Test("Weights a trained model writes load into a fresh model that then computes the same outputs", arguments: [
        "narrow ResNet-50 layout", "CIFAR ResNet-8, option A",
    ])
    func trainedModelRoundTrip(model kind: String) throws {
        func makeModel(seed: UInt64) -> Module {
            kind.hasPrefix("CIFAR")
                ? CIFARResNet(depth: 8, classCount: 5, width: 4, seed: seed)
                : ResNet(block: .bottleneck, blockCounts: [1, 1, 1, 1], classCount: 5, width: 2, seed: seed)
        }
        let model = makeModel(seed: 1)
        let input = Tensor.normal([2, 3, 64, 64], seed: 2)
        // One step moves the weights off their initial values and the running statistics and
        // num_batches_tracked off their defaults, so every kind of entry has to survive the file.
        let optimizer = SGD(for: model, learningRate: 0.1, momentum: 0.9)
        Tensor.crossEntropy(logits: model(input), labels: [0, 3]).backward()
        optimizer.step()
        let url = temporaryURL("trained.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.saveWeights(to: url)

        let fresh = makeModel(seed: 99)
        model.eval()
        fresh.eval()
        let expected = withoutGradients { model(input) }
        // Without this the comparisons below could not fail.
        #expect(withoutGradients { fresh(input) } != expected)
        try fresh.loadWeights(from: url)
        #expect(fresh.stateDict().map(\.name) == model.stateDict().map(\.name))
        for (mine, theirs) in zip(fresh.stateDict(), model.stateDict()) {
            #expect(mine.tensor == theirs.tensor, "\(mine.name)")
        }
        // Same weights through the same kernels: equal to the bit, not merely close.
        #expect(withoutGradients { fresh(input) } == expected)
        // Training mode normalises with the batch's own statistics instead.
        model.train()
        fresh.train()
        #expect(withoutGradients { fresh(input) } == withoutGradients { model(input) })
    }

    @Test("A missing file is a file-access error naming the path")
    func missingFile() {
        let url = temporaryURL("does-not-exist.safetensors")
        #expect {
            _ = try SafeTensors.read(contentsOf: url)
        } throws: { error in
            guard case let ResNetKitError.fileAccess(path, _) = error else { return false }
            return path == url.path
        }
    }

    @Test("Malformed files give errors that say what is wrong", arguments: [
        ("empty file", Data(), "fewer than the 8-byte"),
        ("truncated header", rawFile(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#).dropLast(5), "truncated"),
        ("bad JSON", rawFile(header: #"{"a":{"dtype":"F32",}}"#), "invalid JSON"),
        ("not an object", rawFile(header: "[1,2]"), "not a JSON object"),
        ("unknown dtype", rawFile(header: #"{"a":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 8)), "unsupported dtype C64"),
        ("offsets out of range", rawFile(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0]), "out of range"),
        ("truncated data", Data(SafeTensors.encode([("a", Tensor([1, 2, 3]))]).dropLast(4)), "out of range"),
        ("size mismatch", rawFile(header: #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 8)), "needs 12"),
        ("reversed offsets", rawFile(header: #"{"a":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}"#, data: [UInt8](repeating: 0, count: 4)), "out of range"),
        ("overlap", rawFile(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: [UInt8](repeating: 0, count: 8)), "overlaps"),
        ("trailing bytes", rawFile(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: [UInt8](repeating: 0, count: 8)), "belong to no tensor"),
        ("duplicate name", rawFile(header: #"{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}"#), "appears twice"),
        ("negative shape", rawFile(header: #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}"#), "non-negative integer"),
        ("missing offsets", rawFile(header: #"{"a":{"dtype":"F32","shape":[1]}}"#), "has no data_offsets"),
        ("metadata not strings", rawFile(header: #"{"__metadata__":{"epoch":3}}"#), "not a string"),
        ("huge header length", Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]), "implausibly large"),
    ] as [(String, Data, String)])
    func malformed(description: String, data: Data, expectedReason: String) {
        let reason = malformedReason { _ = try SafeTensors.decode(data, path: "bad.safetensors") }
        #expect(reason?.contains(expectedReason) == true, "\(description): got \(reason ?? "no malformed-file error")")
    }

    @Test("The error message names the file and the problem")
    func errorMessage() {
        let error = ResNetKitError.malformedSafeTensors(path: "w.safetensors", reason: "the header is not a JSON object")
        #expect(error.localizedDescription.contains("w.safetensors"))
        #expect(error.localizedDescription.contains("not a JSON object"))
    }
}
