internal import CDNNL

private struct ElementwiseKey: Hashable, Sendable {
    let format: MemoryFormat
    let recording: Bool
}

private enum ElementwisePrimitives {
    static let reluForward = PrimitiveCache<ElementwiseKey, Primitive>()
    static let reluBackward = PrimitiveCache<ElementwiseKey, Primitive>()
    static let sum = PrimitiveCache<MemoryFormat, Primitive>()

    // The "use destination" ReLU computes its gradient from the output (`y > 0` is `x > 0`), so
    // the input need not be kept alive for the backward pass: with batch norm before it, that
    // frees one activation per layer during training.
    static func reluForward(_ key: ElementwiseKey) -> Primitive {
        reluForward.value(for: key) {
            var data = key.format.descriptor
            var operation = dnnl_eltwise_desc_t()
            DNNL.check(
                dnnl_eltwise_forward_desc_init(
                    &operation, key.recording ? dnnl_forward_training : dnnl_forward_inference,
                    dnnl_eltwise_relu_use_dst_for_bwd, &data, 0, 0),
                "describing ReLU over \(key.format)")
            return Primitive(name: "ReLU \(key.format.dimensions)", operation: &operation)
        }
    }

    static func reluBackward(_ key: ElementwiseKey) -> Primitive {
        reluBackward.value(for: key) {
            var data = key.format.descriptor
            var diffData = key.format.descriptor
            var operation = dnnl_eltwise_desc_t()
            DNNL.check(
                dnnl_eltwise_backward_desc_init(&operation, dnnl_eltwise_relu_use_dst_for_bwd, &diffData, &data, 0, 0),
                "describing ReLU's gradient over \(key.format)")
            return Primitive(name: "ReLU gradient \(key.format.dimensions)", operation: &operation, hint: reluForward(key))
        }
    }

    static func sum(_ format: MemoryFormat) -> Primitive {
        sum.value(for: format) {
            var data = format.descriptor
            var operation = dnnl_binary_desc_t()
            DNNL.check(dnnl_binary_desc_init(&operation, dnnl_binary_add, &data, &data, &data), "describing a sum over \(format)")
            return Primitive(name: "sum \(format.dimensions)", operation: &operation)
        }
    }
}

extension Tensor {
    /// The rectified linear unit, `max(x, 0)`, elementwise, in the input's layout.
    ///
    /// The gradient at exactly 0 is 0, as in PyTorch.
    public func relu() -> Tensor {
        guard count > 0 else { return self }
        let recording = Tensor.needsGradient([self])
        let format = currentFormat
        let key = ElementwiseKey(format: format, recording: recording)
        let destination = AlignedBuffer(count: format.storageCount)
        ElementwisePrimitives.reluForward(key).execute([
            .init(index: DNNL_ARG_SRC, buffer: buffer(in: format), format: format),
            .init(index: DNNL_ARG_DST, buffer: destination, format: format),
        ])
        let storage = TensorStorage(destination, format: format)
        guard recording else { return Tensor(shape: shape, storage: storage) }
        let output = Tensor(shape: shape, storage: storage)
        return Tensor.result(of: "relu", shape: shape, storage: storage, inputs: [self]) { gradient in
            let diffSource = AlignedBuffer(count: format.storageCount)
            ElementwisePrimitives.reluBackward(key).execute([
                .init(index: DNNL_ARG_DST, buffer: output.buffer(in: format), format: format),
                .init(index: DNNL_ARG_DIFF_DST, buffer: gradient.buffer(in: format), format: format),
                .init(index: DNNL_ARG_DIFF_SRC, buffer: diffSource, format: format),
            ])
            return [Tensor(shape: output.shape, buffer: diffSource, format: format)]
        }
    }

    /// The elementwise sum of two tensors of the same shape held in a blocked layout, in that
    /// layout (the residual sum of a ResNet block), or `nil` when both are plain and Swift's
    /// broadcasting loop serves as well.
    static func blockedSum(_ lhs: Tensor, _ rhs: Tensor) -> Tensor? {
        guard lhs.shape == rhs.shape, lhs.count > 0 else { return nil }
        let format: MemoryFormat
        if let left = lhs.storage.format, left.dimensions == lhs.shape {
            format = left
        } else if let right = rhs.storage.format, right.dimensions == rhs.shape {
            format = right
        } else {
            return nil
        }
        let destination = AlignedBuffer(count: format.storageCount)
        ElementwisePrimitives.sum(format).execute([
            .init(index: DNNL_ARG_SRC_0, buffer: lhs.buffer(in: format), format: format),
            .init(index: DNNL_ARG_SRC_1, buffer: rhs.buffer(in: format), format: format),
            .init(index: DNNL_ARG_DST, buffer: destination, format: format),
        ])
        return Tensor(shape: lhs.shape, buffer: destination, format: format)
    }
}
