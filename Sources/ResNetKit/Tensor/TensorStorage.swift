import Synchronization

/// The reference-counted values behind a ``Tensor``; tensors copy it on write.
///
/// The values may be held twice: in the plain row-major order every Swift loop reads, and in
/// the blocked layout a oneDNN kernel chose for them (for example 16 channels interleaved per
/// pixel). A convolution's output starts out blocked only, so the next convolution, batch norm
/// or ReLU reads it without any reordering; the plain copy is made the first time Swift code
/// asks for the values. Parameters start out plain and keep their blocked copy between steps
/// until the optimiser writes to them. Both copies always hold the same numbers.
final class TensorStorage: @unchecked Sendable {
    // @unchecked: the mutable representations are only touched under `state`'s lock; the
    // buffers they point to are immutable once published (writes go to a uniquely referenced
    // storage through `Tensor.withMutableValues`, which drops the blocked copy first).

    struct Representations {
        var plain: AlignedBuffer?
        var formatted: (buffer: AlignedBuffer, format: MemoryFormat)?
    }

    /// The number of elements (the blocked copy may be larger: it pads channels to its block).
    let count: Int
    private let state: Mutex<Representations>
    private let generationCounter: Atomic<UInt64>

    /// A number no other storage, and no earlier state of this one, has had: it changes
    /// whenever the values are written, so caches derived from the values (a layer's folded
    /// inference weights) can tell when they are stale.
    var generation: UInt64 { generationCounter.load(ordering: .acquiring) }

    /// Storage holding the row-major `plain` values.
    init(plain: AlignedBuffer) {
        count = plain.count
        state = Mutex(Representations(plain: plain, formatted: nil))
        generationCounter = Atomic(TensorStorage.nextGeneration())
    }

    /// Storage holding values in oneDNN's `format` only.
    init(formatted buffer: AlignedBuffer, format: MemoryFormat) {
        count = format.elementCount
        state = Mutex(Representations(plain: nil, formatted: (buffer, format)))
        generationCounter = Atomic(TensorStorage.nextGeneration())
    }

    /// Storage for a kernel's output written in `format`, plain or blocked.
    convenience init(_ buffer: AlignedBuffer, format: MemoryFormat) {
        if format.isPlain {
            self.init(plain: buffer)
        } else {
            self.init(formatted: buffer, format: format)
        }
    }

    /// Storage holding a copy of `values`.
    convenience init(_ values: [Float]) {
        self.init(plain: values.withUnsafeBufferPointer { AlignedBuffer(copying: $0) })
    }

    /// Storage holding `count` copies of `value`.
    convenience init(repeating value: Float, count: Int) {
        let buffer = AlignedBuffer(count: count)
        buffer.base.initialize(repeating: value, count: count)
        self.init(plain: buffer)
    }

    /// The row-major values, reordered from the blocked copy the first time they are needed.
    var plain: AlignedBuffer {
        state.withLock { representations in
            if let plain = representations.plain { return plain }
            guard let (buffer, format) = representations.formatted else {
                requirementFailure("TensorStorage holds no values")
            }
            let plain = AlignedBuffer(count: count)
            Reorder.run(from: buffer, format: format, to: plain, format: format.plainEquivalent)
            representations.plain = plain
            return plain
        }
    }

    /// The values in `format`, reordered (once, then kept) if they are held otherwise.
    ///
    /// `format` must describe `count` elements; a format with the storage's own logical
    /// dimensions but another layout is reordered from the blocked copy directly.
    func buffer(in format: MemoryFormat) -> AlignedBuffer {
        require(format.elementCount == count, "A tensor of \(count) elements cannot be read as \(format)")
        if format.isPlain { return plain }
        if let cached = state.withLock({ $0.formatted }), cached.format == format { return cached.buffer }
        let source = plain
        let converted = AlignedBuffer(count: format.storageCount)
        Reorder.run(from: source, format: format.plainEquivalent, to: converted, format: format)
        state.withLock { representations in
            // Keep the newest blocked copy; the plain one stays, so nothing is lost.
            representations.formatted = (converted, format)
        }
        return converted
    }

    /// The blocked layout the values are held in, if any.
    var format: MemoryFormat? { state.withLock { $0.formatted?.format } }

    /// Makes the plain copy the only one, before the caller writes to it.
    func dropFormattedCopy() -> AlignedBuffer {
        let plain = self.plain
        state.withLock { $0.formatted = nil }
        generationCounter.store(TensorStorage.nextGeneration(), ordering: .releasing)
        return plain
    }

    private static let generations = Atomic<UInt64>(0)

    private static func nextGeneration() -> UInt64 {
        generations.wrappingAdd(1, ordering: .relaxed).newValue
    }
}
