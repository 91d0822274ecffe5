extension Tensor {
    /// The layout this tensor's values are already held in: the blocked one a kernel left them
    /// in, or plain. Element-wise kernels compute in it, so they never reorder.
    var currentFormat: MemoryFormat {
        if let format = storage.format, format.dimensions == shape { return format }
        return .plain(shape)
    }

    /// The values laid out as `format`, reordered (once, then cached on the storage) if needed.
    func buffer(in format: MemoryFormat) -> AlignedBuffer {
        storage.buffer(in: format)
    }

    /// A tensor of `shape` whose values a kernel wrote into `buffer` as `format`.
    init(shape: [Int], buffer: AlignedBuffer, format: MemoryFormat) {
        self.init(shape: shape, storage: TensorStorage(buffer, format: format))
    }
}
