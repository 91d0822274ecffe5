internal import CZlib

/// Gzip compression and decompression through the system's zlib.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic number `1f 8b`.
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Decompresses a gzip (or zlib) stream; several concatenated gzip members are joined.
    ///
    /// - Parameter source: named in errors, usually the file the bytes came from.
    /// - Throws: ``ResNetKitError/malformedDataset(path:reason:)`` if the stream is corrupt or
    ///   truncated.
    public static func decompress(_ bytes: [UInt8], source: String = "gzip data") throws -> [UInt8] {
        guard bytes.count <= Int(UInt32.max) else {
            throw ResNetKitError.malformedDataset(path: source, reason: "compressed data larger than 4 GiB is not supported")
        }
        var output = [UInt8](repeating: 0, count: initialCapacity(for: bytes))
        var produced = 0
        var stream = z_stream()
        // 15 + 32: the largest window, and detect a gzip or zlib header automatically.
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ResNetKitError.malformedDataset(path: source, reason: "zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        try bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            while true {
                if produced == output.count {
                    output.append(contentsOf: repeatElement(0, count: Swift.max(output.count, 1 << 16)))
                }
                let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = UInt32(Swift.min(out.count - produced, Int(UInt32.max)))
                    let before = stream.avail_out
                    let status = inflate(&stream, Z_NO_FLUSH)
                    produced += Int(before - stream.avail_out)
                    return status
                }
                switch status {
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_out == 0:
                    continue  // only the output was full; the loop grows it
                case Z_STREAM_END:
                    let consumed = input.count - Int(stream.avail_in)
                    // Another gzip member may follow (as `cat a.gz b.gz` produces).
                    if stream.avail_in >= 2 && input[consumed] == 0x1F && input[consumed + 1] == 0x8B {
                        guard inflateReset(&stream) == Z_OK else {
                            throw ResNetKitError.malformedDataset(path: source, reason: "zlib could not restart for the next gzip member")
                        }
                        continue
                    }
                    return
                case Z_BUF_ERROR:
                    throw ResNetKitError.malformedDataset(path: source, reason: "gzip data is truncated")
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw ResNetKitError.malformedDataset(path: source, reason: "gzip data is corrupt (\(message))")
                }
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    /// Compresses `bytes` into a gzip stream (tests and tools write small IDX files with it).
    public static func compress(_ bytes: [UInt8], level: Int = 6) -> [UInt8] {
        require((0...9).contains(level), "Gzip.compress needs a level in 0...9, got \(level)")
        require(bytes.count <= Int(UInt32.max), "Gzip.compress handles at most 4 GiB, got \(bytes.count) bytes")
        var stream = z_stream()
        // 15 + 16: the largest window, with a gzip header and trailer instead of zlib's.
        let started = deflateInit2_(
            &stream, Int32(level), Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        require(started == Z_OK, "zlib could not start compressing (status \(started))")
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))))
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        // deflateBound promises room for everything, so one call must finish the stream.
        require(status == Z_STREAM_END, "zlib did not finish compressing (status \(status))")
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// A first guess at the decompressed size: gzip's trailer stores it modulo 2³².
    private static func initialCapacity(for bytes: [UInt8]) -> Int {
        guard isCompressed(bytes), bytes.count >= 18 else { return Swift.max(4 * bytes.count, 1 << 16) }
        let n = bytes.count
        let stored = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
        // One byte more than stored, so inflate sees room left after the end of a single member
        // and reports Z_STREAM_END without another round.
        return Swift.max(stored + 1, 1 << 16)
    }
}
