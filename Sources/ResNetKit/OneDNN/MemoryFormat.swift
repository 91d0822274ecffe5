internal import CDNNL

/// How the elements of a tensor are laid out in memory, as oneDNN describes it: the plain
/// row-major order of ``Tensor``, or a blocked layout a kernel chose.
///
/// Two formats are equal when they lay out the same dimensions the same way, so a format can
/// key the caches of primitives and decide whether a reorder is needed.
struct MemoryFormat: Hashable, CustomStringConvertible, @unchecked Sendable {
    // @unchecked: `descriptor` is a plain C struct of numbers, copied by value.

    /// oneDNN's descriptor.
    var descriptor: dnnl_memory_desc_t
    /// The logical dimensions, outermost first.
    let dimensions: [Int]
    /// The descriptor's identity: dimensions, padding and blocking.
    private let signature: [Int64]
    /// Whether this is the plain row-major layout.
    let isPlain: Bool

    init(_ descriptor: dnnl_memory_desc_t) {
        self.descriptor = descriptor
        var copy = descriptor
        let rank = Int(rnk_memory_desc_ndims(&copy))
        var values = [Int64](repeating: 0, count: 64)
        let written = values.withUnsafeMutableBufferPointer { rnk_memory_desc_signature(&copy, $0.baseAddress!) }
        signature = Array(values[..<Int(written)])
        dimensions = signature[3..<(3 + rank)].map { Int($0) }
        // Row-major and unpadded: blocked kind, no inner blocks, strides of a contiguous array.
        var expected: [Int64] = [Int64(rank), Int64(dnnl_blocked.rawValue), 0]
        expected += dimensions.map(Int64.init) + dimensions.map(Int64.init)
        expected += Tensor.contiguousStrides(for: dimensions).map(Int64.init) + [0, Int64(dnnl_f32.rawValue)]
        isPlain = signature == expected
    }

    /// The plain row-major layout of `dimensions` (`nchw` for images, `oihw` for weights).
    static func plain(_ dimensions: [Int]) -> MemoryFormat {
        MemoryFormat(descriptor(dimensions, tag: plainTag(rank: dimensions.count)))
    }

    /// A placeholder that lets a primitive choose the layout it computes fastest in.
    static func anyLayout(_ dimensions: [Int]) -> dnnl_memory_desc_t {
        descriptor(dimensions, tag: dnnl_format_tag_any)
    }

    private static func descriptor(_ dimensions: [Int], tag: dnnl_format_tag_t) -> dnnl_memory_desc_t {
        require(
            (1...6).contains(dimensions.count) && dimensions.allSatisfy { $0 > 0 },
            "oneDNN needs 1 to 6 positive dimensions, got \(dimensions)")
        var md = dnnl_memory_desc_t()
        let dims = dimensions.map(Int64.init)
        DNNL.check(rnk_memory_desc(&md, Int32(dims.count), dims, tag), "describing memory \(dimensions)")
        return md
    }

    private static func plainTag(rank: Int) -> dnnl_format_tag_t {
        switch rank {
        case 1: dnnl_a
        case 2: dnnl_ab
        case 3: dnnl_abc
        case 4: dnnl_abcd
        case 5: dnnl_abcde
        default: dnnl_abcdef
        }
    }

    /// The plain layout of the same dimensions.
    var plainEquivalent: MemoryFormat { .plain(dimensions) }

    /// The number of logical elements.
    var elementCount: Int { dimensions.reduce(1, *) }

    /// The number of floats the layout occupies, padding included (rounded up for the byte
    /// or integer memories some primitives keep, such as max pooling's workspace).
    var storageCount: Int {
        var copy = descriptor
        return (dnnl_memory_desc_get_size(&copy) + MemoryLayout<Float>.stride - 1) / MemoryLayout<Float>.stride
    }

    static func == (lhs: MemoryFormat, rhs: MemoryFormat) -> Bool { lhs.signature == rhs.signature }
    func hash(into hasher: inout Hasher) { hasher.combine(signature) }

    var description: String { "\(dimensions) layout \(signature.dropFirst(3 + 2 * dimensions.count))" }
}
