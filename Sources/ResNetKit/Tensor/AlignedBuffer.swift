#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A block of `count` floats aligned to a cache line, not initialised, freed with its owner.
///
/// Tensors used to live in `[Float]`, which zero-fills every new buffer only for the kernel to
/// overwrite it at once; on a ResNet-18 forward pass that fill was a visible share of the time.
/// 64-byte alignment is what oneDNN's vector kernels load best from.
final class AlignedBuffer: @unchecked Sendable {
    // @unchecked: the buffer is written only by the code that created it, before the tensor that
    // owns it is published; afterwards it is read-only (copy-on-write happens one level up).

    /// The first element.
    let base: UnsafeMutablePointer<Float>
    /// The number of floats.
    let count: Int

    /// Allocates `count` uninitialised floats.
    init(count: Int) {
        self.count = count
        var raw = BufferPool.take(count: count)
        if raw == nil {
            let status = posix_memalign(&raw, 64, Swift.max(1, count) * MemoryLayout<Float>.stride)
            guard status == 0, raw != nil else {
                fatalError("Out of memory: could not allocate \(count) floats (\(count * 4) bytes) for a tensor")
            }
        }
        base = raw!.bindMemory(to: Float.self, capacity: Swift.max(1, count))
    }

    /// Allocates a buffer holding a copy of `values`.
    convenience init(copying values: UnsafeBufferPointer<Float>) {
        self.init(count: values.count)
        if let source = values.baseAddress { base.update(from: source, count: values.count) }
    }

    deinit {
        if !BufferPool.give(UnsafeMutableRawPointer(base), count: count) { free(base) }
    }

    /// The elements as a buffer pointer.
    var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: base, count: count) }
}
