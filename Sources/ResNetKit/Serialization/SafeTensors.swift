import Foundation

/// Reads and writes the `.safetensors` format, so weights move between ResNetKit and PyTorch.
///
/// A file is an 8-byte little-endian header length, a JSON header
/// `{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ...}` with an
/// optional `"__metadata__"` object of strings, then the raw little-endian tensor data; offsets
/// count from the start of the data.
public enum SafeTensors {
    /// An element type of the format. ResNetKit reads them all into `Float`.
    public enum ElementType: String, Sendable, CaseIterable {
        /// IEEE double precision.
        case float64 = "F64"
        /// IEEE single precision, ResNetKit's own type and what it writes.
        case float32 = "F32"
        /// IEEE half precision.
        case float16 = "F16"
        /// bfloat16: the upper half of a single-precision float.
        case bfloat16 = "BF16"
        /// Signed 64-bit integers, PyTorch's type for `num_batches_tracked` and labels.
        case int64 = "I64"
        /// Signed 32-bit integers.
        case int32 = "I32"
        /// Signed 16-bit integers.
        case int16 = "I16"
        /// Signed bytes.
        case int8 = "I8"
        /// Unsigned bytes.
        case uint8 = "U8"
        /// Booleans, one byte each, read as 0 or 1.
        case bool = "BOOL"

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .float64, .int64: return 8
            case .float32, .int32: return 4
            case .float16, .bfloat16, .int16: return 2
            case .int8, .uint8, .bool: return 1
            }
        }
    }

    // Real headers are kilobytes; the cap turns a corrupt length into an error, not a huge allocation.
    static let maximumHeaderLength = 100_000_000

    // MARK: Reading

    /// The tensors of the file at `url`, by name.
    ///
    /// - Throws: ``ResNetKitError/fileAccess(path:reason:)`` if the file cannot be read,
    ///   ``ResNetKitError/malformedSafeTensors(path:reason:)`` if it is not valid.
    public static func read(contentsOf url: URL) throws -> [String: Tensor] {
        try readFile(contentsOf: url).tensors
    }

    /// The whole file at `url`: tensors in the order of their data, their stored types and the
    /// metadata.
    public static func readFile(contentsOf url: URL) throws -> SafeTensorsFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ResNetKitError.fileAccess(path: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try decode(data, path: url.path)
    }

    /// Decodes the bytes of a `.safetensors` file; `path` only names the file in errors.
    public static func decode(_ data: Data, path: String = "<memory>") throws -> SafeTensorsFile {
        func malformed(_ reason: String) -> ResNetKitError {
            .malformedSafeTensors(path: path, reason: reason)
        }
        // Only the header is copied; tensors convert straight from the file's bytes.
        let size = data.count
        guard size >= 8 else {
            throw malformed("the file has \(size) bytes, fewer than the 8-byte header length")
        }
        let headerLength = (0..<8).reduce(UInt64(0)) { $0 | UInt64(data[data.startIndex + $1]) << (8 * UInt64($1)) }
        guard headerLength <= UInt64(maximumHeaderLength) else {
            throw malformed("the header length \(headerLength) is implausibly large")
        }
        guard 8 + Int(headerLength) <= size else {
            throw malformed("the header claims \(headerLength) bytes but the file has only \(size - 8) after the length (truncated?)")
        }
        let dataStart = 8 + Int(headerLength)
        let dataLength = size - dataStart
        let header = try SafeTensorsHeader.decode(data[(data.startIndex + 8)..<(data.startIndex + dataStart)], path: path)

        // Data order is the writer's order; among tensors of no bytes at one offset, names decide.
        let ordered = header.entries.sorted { ($0.value.begin, $0.value.end, $0.key) < ($1.value.begin, $1.value.end, $1.key) }
        var entries: [(name: String, tensor: Tensor)] = []
        var elementTypes: [String: ElementType] = [:]
        var ranges: [(name: String, range: Range<Int>)] = []
        for (name, info) in ordered {
            let expectedBytes = info.shape.reduce(1, *) * info.elementType.size
            guard info.begin <= info.end, info.end <= dataLength else {
                throw malformed("'\(name)': data_offsets [\(info.begin), \(info.end)] are out of range for \(dataLength) data bytes")
            }
            guard info.end - info.begin == expectedBytes else {
                throw malformed("'\(name)': data_offsets [\(info.begin), \(info.end)] span \(info.end - info.begin) bytes, but \(info.elementType.rawValue) \(info.shape) needs \(expectedBytes)")
            }
            let values = data.withUnsafeBytes { raw in
                convert(UnsafeRawBufferPointer(rebasing: raw[(dataStart + info.begin)..<(dataStart + info.end)]), from: info.elementType)
            }
            entries.append((name, Tensor(shape: info.shape, values: values)))
            elementTypes[name] = info.elementType
            ranges.append((name, info.begin..<info.end))
        }
        // The format requires the tensors to tile the data exactly: no overlap, no gaps.
        var expectedBegin = 0
        for (name, range) in ranges {
            guard range.lowerBound == expectedBegin else {
                throw malformed(range.lowerBound < expectedBegin
                    ? "'\(name)' overlaps the tensor before it (data_offsets start at \(range.lowerBound), expected \(expectedBegin))"
                    : "there is a gap of \(range.lowerBound - expectedBegin) bytes before '\(name)'")
            }
            expectedBegin = range.upperBound
        }
        guard expectedBegin == dataLength else {
            throw malformed("\(dataLength - expectedBegin) data bytes after the last tensor belong to no tensor")
        }
        return SafeTensorsFile(entries: entries, elementTypes: elementTypes, metadata: header.metadata)
    }

    /// Little-endian elements of `type` as floats.
    private static func convert(_ raw: UnsafeRawBufferPointer, from type: ElementType) -> [Float] {
        // One loop per type, so the element type is not switched on for every element.
        func each<Stored: FixedWidthInteger>(_: Stored.Type, _ transform: (Stored) -> Float) -> [Float] {
            let size = MemoryLayout<Stored>.size
            return (0..<(raw.count / size)).map { i in
                transform(Stored(littleEndian: raw.loadUnaligned(fromByteOffset: i * size, as: Stored.self)))
            }
        }
        switch type {
        case .float32: return each(UInt32.self) { Float(bitPattern: $0) }
        case .float64: return each(UInt64.self) { Float(Double(bitPattern: $0)) }
        case .float16: return each(UInt16.self, halfToFloat)
        case .bfloat16: return each(UInt16.self) { Float(bitPattern: UInt32($0) << 16) }
        case .int64: return each(Int64.self) { Float($0) }
        case .int32: return each(Int32.self) { Float($0) }
        case .int16: return each(Int16.self) { Float($0) }
        case .int8: return each(Int8.self) { Float($0) }
        case .uint8: return each(UInt8.self) { Float($0) }
        case .bool: return each(UInt8.self) { $0 == 0 ? 0 : 1 }
        }
    }

    /// IEEE half precision bits as a `Float`, by hand so no platform `Float16` support is needed.
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Float(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 0x1F: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }

    // MARK: Writing

    /// The element type a tensor is written as: `I64` for BN's `num_batches_tracked` (PyTorch
    /// refuses to load it as a float), `F32` for everything else.
    public static func elementType(forName name: String) -> ElementType {
        name.hasSuffix("num_batches_tracked") ? .int64 : .float32
    }

    /// The bytes of a `.safetensors` file holding `tensors` in the given order.
    ///
    /// The output depends only on the arguments: header keys in the given order (metadata first,
    /// its keys sorted), no spaces, the header padded with spaces to a multiple of 8 bytes so the
    /// data is aligned, as PyTorch's writer does.
    public static func encode(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) -> Data {
        var names = Set<String>()
        for (name, _) in tensors {
            require(name != "__metadata__", "SafeTensors: '__metadata__' is reserved and cannot name a tensor")
            require(names.insert(name).inserted, "SafeTensors: the name '\(name)' is used twice")
        }
        var header = "{"
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { JSONLine.quoted($0) + ":" + JSONLine.quoted(metadata[$0]!) }
            fields.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for (name, tensor) in tensors {
            let type = elementType(forName: name)
            let length = tensor.count * type.size
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            fields.append("\(JSONLine.quoted(name)):{\"dtype\":\"\(type.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + length)]}")
            offset += length
        }
        header += fields.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }

        var out = [UInt8]()
        out.reserveCapacity(8 + headerBytes.count + offset)
        let length = UInt64(headerBytes.count)
        for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: length >> (8 * UInt64(i)))) }
        out += headerBytes
        for (name, tensor) in tensors {
            switch elementType(forName: name) {
            case .int64:
                for v in tensor.values { appendLittleEndian(UInt64(bitPattern: Int64(v.rounded())), to: &out) }
            default:
                for v in tensor.values { appendLittleEndian(v.bitPattern, to: &out) }
            }
        }
        return Data(out)
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    /// Writes `tensors` in the given order to `url` (see ``encode(_:metadata:)``), replacing any
    /// file there atomically.
    ///
    /// - Throws: ``ResNetKitError/fileAccess(path:reason:)`` if the file cannot be written.
    public static func write(_ tensors: [(name: String, tensor: Tensor)], to url: URL, metadata: [String: String] = [:]) throws {
        let data = encode(tensors, metadata: metadata)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw ResNetKitError.fileAccess(path: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
}
