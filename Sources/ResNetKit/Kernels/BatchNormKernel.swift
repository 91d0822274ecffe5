internal import CDNNL

private struct BatchNormKey: Hashable, Sendable {
    /// The layout of the input, which the output and the gradients share.
    let format: MemoryFormat
    let epsilonBits: UInt32
    /// Whether the batch's own statistics normalise (training) or given ones (evaluation).
    let usesBatchStatistics: Bool
    /// Whether a backward pass will follow (oneDNN's training propagation kind).
    let recording: Bool

    var flags: UInt32 {
        var flags = dnnl_use_scale.rawValue | dnnl_use_shift.rawValue
        if !usesBatchStatistics { flags |= dnnl_use_global_stats.rawValue }
        return flags
    }
}

private enum BatchNormPrimitives {
    static let forward = PrimitiveCache<BatchNormKey, Primitive>()
    static let backward = PrimitiveCache<BatchNormKey, Primitive>()

    static func forward(_ key: BatchNormKey) -> Primitive {
        forward.value(for: key) {
            var data = key.format.descriptor
            var operation = dnnl_batch_normalization_desc_t()
            DNNL.check(
                dnnl_batch_normalization_forward_desc_init(
                    &operation, key.recording ? dnnl_forward_training : dnnl_forward_inference, &data,
                    Float(bitPattern: key.epsilonBits), key.flags),
                "describing batch norm over \(key.format)")
            return Primitive(name: "batch norm \(key.format.dimensions)", operation: &operation)
        }
    }

    static func backward(_ key: BatchNormKey) -> Primitive {
        backward.value(for: key) {
            var data = key.format.descriptor
            var diffData = key.format.descriptor
            var operation = dnnl_batch_normalization_desc_t()
            DNNL.check(
                dnnl_batch_normalization_backward_desc_init(
                    &operation, dnnl_backward, &diffData, &data, Float(bitPattern: key.epsilonBits), key.flags),
                "describing batch norm's gradient over \(key.format)")
            return Primitive(name: "batch norm gradient \(key.format.dimensions)", operation: &operation, hint: forward(key))
        }
    }
}

extension Tensor {
    /// Batch normalisation over the channels of `[N, C, H, W]` (or `[N, C]`) input.
    ///
    /// With `statistics == nil` it normalises with the batch's own mean and biased variance
    /// (training mode); otherwise with the given running mean and variance (evaluation mode).
    /// The output keeps the input's memory layout.
    /// - Returns: the output, shaped like `input`, and the statistics it normalised with
    ///   (the batch's in training mode) with the number of values per channel.
    public static func batchNorm(
        _ input: Tensor, weight: Tensor, bias: Tensor, runningStatistics statistics: (mean: Tensor, variance: Tensor)?,
        epsilon: Float, layerName: String = "batchNorm"
    ) -> (output: Tensor, batchMean: [Double], batchVariance: [Double], count: Int) {
        require(input.rank >= 2 && input.rank <= 5, "\(layerName) expects input [N, C, ...], got shape \(input.shape)")
        let channels = input.shape[1]
        require(
            weight.shape == [channels] && bias.shape == [channels],
            "\(layerName) has \(weight.shape.first ?? 0) channels, got input of shape \(input.shape)")
        let count = input.count / channels
        if statistics == nil {
            require(count > 1, "\(layerName) in training mode needs more than one value per channel, got input of shape \(input.shape)")
        }
        let inputs = [input, weight, bias]
        let recording = needsGradient(inputs)
        let format = input.currentFormat
        let key = BatchNormKey(
            format: format, epsilonBits: epsilon.bitPattern, usesBatchStatistics: statistics == nil, recording: recording)
        let primitive = BatchNormPrimitives.forward(key)
        let vector = MemoryFormat.plain([channels])
        // Copies of given statistics, so the backward pass sees them even if they change later.
        let mean = statistics.map { AlignedBuffer(copying: UnsafeBufferPointer($0.mean.storage.plain.buffer)) }
            ?? AlignedBuffer(count: channels)
        let variance = statistics.map { AlignedBuffer(copying: UnsafeBufferPointer($0.variance.storage.plain.buffer)) }
            ?? AlignedBuffer(count: channels)
        let destination = AlignedBuffer(count: format.storageCount)
        let source = input.buffer(in: format)
        let scale = weight.storage.plain
        let shift = bias.storage.plain
        primitive.execute([
            .init(index: DNNL_ARG_SRC, buffer: source, format: format),
            .init(index: DNNL_ARG_DST, buffer: destination, format: format),
            .init(index: DNNL_ARG_SCALE, buffer: scale, format: vector),
            .init(index: DNNL_ARG_SHIFT, buffer: shift, format: vector),
            .init(index: DNNL_ARG_MEAN, buffer: mean, format: vector),
            .init(index: DNNL_ARG_VARIANCE, buffer: variance, format: vector),
        ])
        let meanValues = mean.buffer.map(Double.init)
        let varianceValues = variance.buffer.map(Double.init)
        let storage = TensorStorage(destination, format: format)
        guard recording else {
            return (Tensor(shape: input.shape, storage: storage), meanValues, varianceValues, count)
        }
        let shape = input.shape
        // Saved as tensors, not buffers: an in-place change to the input or the weight after
        // this call copies their storage, so the backward pass still sees these values.
        let (savedInput, savedWeight, savedBias) = (input.detached(), weight.detached(), bias.detached())
        let output = result(of: layerName, shape: shape, storage: storage, inputs: inputs) { gradient in
            let backward = BatchNormPrimitives.backward(key)
            let diffSource = AlignedBuffer(count: format.storageCount)
            let diffScale = AlignedBuffer(count: channels)
            let diffShift = AlignedBuffer(count: channels)
            backward.execute([
                .init(index: DNNL_ARG_SRC, buffer: savedInput.buffer(in: format), format: format),
                .init(index: DNNL_ARG_MEAN, buffer: mean, format: vector),
                .init(index: DNNL_ARG_VARIANCE, buffer: variance, format: vector),
                .init(index: DNNL_ARG_SCALE, buffer: savedWeight.storage.plain, format: vector),
                // Unused by the gradient, but oneDNN 2.6 checks that a shift is passed.
                .init(index: DNNL_ARG_SHIFT, buffer: savedBias.storage.plain, format: vector),
                .init(index: DNNL_ARG_DIFF_DST, buffer: gradient.buffer(in: format), format: format),
                .init(index: DNNL_ARG_DIFF_SRC, buffer: diffSource, format: format),
                .init(index: DNNL_ARG_DIFF_SCALE, buffer: diffScale, format: vector),
                .init(index: DNNL_ARG_DIFF_SHIFT, buffer: diffShift, format: vector),
            ])
            return [
                Tensor(shape: shape, buffer: diffSource, format: format),
                Tensor(shape: [channels], buffer: diffScale, format: vector),
                Tensor(shape: [channels], buffer: diffShift, format: vector),
            ]
        }
        return (output, meanValues, varianceValues, count)
    }
}
