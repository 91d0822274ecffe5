internal import CDNNL

/// The oneDNN primitives of one convolution shape: forward, and the two backward passes made
/// on the first backward pass from the forward one.
private struct ConvolutionKey: Hashable, Sendable {
    let geometry: ConvolutionGeometry
    let outputChannels: Int
    let hasBias: Bool
    let training: Bool
    var postOperations: PostOperations = []
}

private enum ConvolutionPrimitives {
    static let forward = PrimitiveCache<ConvolutionKey, Primitive>()
    static let backwardData = PrimitiveCache<ConvolutionKey, Primitive>()
    static let backwardWeights = PrimitiveCache<ConvolutionKey, Primitive>()

    static func descriptors(_ key: ConvolutionKey) -> (source: [Int], weights: [Int], bias: [Int], destination: [Int]) {
        let g = key.geometry
        return (
            g.inputShape, [key.outputChannels, g.channels, g.kernelHeight, g.kernelWidth], [key.outputChannels],
            g.outputShape(channels: key.outputChannels)
        )
    }

    static func forward(_ key: ConvolutionKey) -> Primitive {
        forward.value(for: key) {
            let shapes = descriptors(key)
            // Layouts left to oneDNN: it picks blocked ones its vector kernels run fastest on,
            // and the next layer consumes the output in that layout without a reorder.
            var source = MemoryFormat.anyLayout(shapes.source)
            var weights = MemoryFormat.anyLayout(shapes.weights)
            var bias = MemoryFormat.plain(shapes.bias).descriptor
            var destination = MemoryFormat.anyLayout(shapes.destination)
            var operation = dnnl_convolution_desc_t()
            let status = withUnsafePointer(to: &bias) { bias in
                rnk_convolution_forward(
                    &operation, key.training ? dnnl_forward_training : dnnl_forward_inference, &source, &weights,
                    key.hasBias ? bias : nil, &destination, Int64(key.geometry.stride), Int64(key.geometry.padding))
            }
            DNNL.check(status, "describing a convolution \(shapes.source) * \(shapes.weights)")
            return Primitive(
                name: "convolution \(shapes.source) * \(shapes.weights)", operation: &operation,
                postOperations: key.postOperations)
        }
    }

    static func backwardData(_ key: ConvolutionKey) -> Primitive {
        backwardData.value(for: key) {
            let shapes = descriptors(key)
            var diffSource = MemoryFormat.anyLayout(shapes.source)
            var weights = MemoryFormat.anyLayout(shapes.weights)
            var diffDestination = MemoryFormat.anyLayout(shapes.destination)
            var operation = dnnl_convolution_desc_t()
            DNNL.check(
                rnk_convolution_backward_data(
                    &operation, &diffSource, &weights, &diffDestination, Int64(key.geometry.stride),
                    Int64(key.geometry.padding)),
                "describing a convolution's input gradient \(shapes.source) * \(shapes.weights)")
            return Primitive(
                name: "convolution input gradient \(shapes.source) * \(shapes.weights)", operation: &operation,
                hint: forward(key))
        }
    }

    static func backwardWeights(_ key: ConvolutionKey) -> Primitive {
        backwardWeights.value(for: key) {
            let shapes = descriptors(key)
            var source = MemoryFormat.anyLayout(shapes.source)
            var diffWeights = MemoryFormat.anyLayout(shapes.weights)
            var diffBias = MemoryFormat.plain(shapes.bias).descriptor
            var diffDestination = MemoryFormat.anyLayout(shapes.destination)
            var operation = dnnl_convolution_desc_t()
            let status = withUnsafePointer(to: &diffBias) { diffBias in
                rnk_convolution_backward_weights(
                    &operation, &source, &diffWeights, key.hasBias ? diffBias : nil, &diffDestination,
                    Int64(key.geometry.stride), Int64(key.geometry.padding))
            }
            DNNL.check(status, "describing a convolution's weight gradient \(shapes.source) * \(shapes.weights)")
            return Primitive(
                name: "convolution weight gradient \(shapes.source) * \(shapes.weights)", operation: &operation,
                hint: forward(key))
        }
    }
}

extension Tensor {
    /// 2-D cross-correlation, like `torch.nn.functional.conv2d`.
    ///
    /// - Parameters:
    ///   - input: `[N, C, H, W]`.
    ///   - weight: `[O, C, kH, kW]`.
    ///   - bias: `[O]`, or `nil`.
    /// - Returns: `[N, O, (H + 2p - kH) / s + 1, (W + 2p - kW) / s + 1]`.
    ///
    /// Computed by oneDNN in the blocked layouts it prefers; the output stays in its layout
    /// until Swift code reads its values.
    public static func conv2d(
        _ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
        layerName: String = "conv2d"
    ) -> Tensor {
        require(input.rank == 4, "\(layerName) expects input [N, C, H, W], got shape \(input.shape)")
        require(weight.rank == 4, "\(layerName) expects weight [O, C, kH, kW], got shape \(weight.shape)")
        require(
            input.shape[1] == weight.shape[1],
            "\(layerName) expects \(weight.shape[1]) input channels, got input of shape \(input.shape) (weight shape \(weight.shape))")
        require(stride >= 1 && padding >= 0, "\(layerName) needs stride >= 1 and padding >= 0, got stride \(stride), padding \(padding)")
        let geometry = ConvolutionGeometry(
            images: input.shape[0], channels: input.shape[1], height: input.shape[2], width: input.shape[3],
            kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], stride: stride, padding: padding)
        require(
            geometry.outputHeight >= 1 && geometry.outputWidth >= 1,
            "\(layerName): input \(input.shape) is too small for kernel \(weight.shape[2])x\(weight.shape[3]) with stride \(stride) and padding \(padding)")
        let outputChannels = weight.shape[0]
        if let bias {
            require(bias.shape == [outputChannels], "\(layerName) expects bias of shape [\(outputChannels)], got \(bias.shape)")
        }
        let inputs = [input, weight] + (bias.map { [$0] } ?? [])
        let recording = needsGradient(inputs)
        let key = ConvolutionKey(geometry: geometry, outputChannels: outputChannels, hasBias: bias != nil, training: recording)
        let (destination, destinationFormat) = runForward(key, input: input, weight: weight, bias: bias, residual: nil)
        let outputShape = geometry.outputShape(channels: outputChannels)
        let storage = TensorStorage(destination, format: destinationFormat)
        guard recording else { return Tensor(shape: outputShape, storage: storage) }
        let savedInput = input.detached()
        let savedWeight = weight.detached()
        let (needsInput, needsWeight, needsBias) = (input.node != nil, weight.node != nil, bias?.node != nil)
        return result(of: layerName, shape: outputShape, storage: storage, inputs: inputs) { gradient in
            let inputGradient = needsInput ? convolutionInputGradient(gradient, weight: savedWeight, key: key) : nil
            let (weightGradient, biasGradient) = needsWeight || needsBias
                ? convolutionWeightGradient(gradient, input: savedInput, key: key)
                : (nil, nil)
            let gradients = [inputGradient, needsWeight ? weightGradient : nil]
            return key.hasBias ? gradients + [needsBias ? biasGradient : nil] : gradients
        }
    }

    private static func convolutionInputGradient(_ gradient: Tensor, weight: Tensor, key: ConvolutionKey) -> Tensor {
        let primitive = ConvolutionPrimitives.backwardData(key)
        let diffDestinationFormat = primitive.requiredFormat(dnnl_query_diff_dst_md)
        let weightsFormat = primitive.requiredFormat(dnnl_query_weights_md)
        let diffSourceFormat = primitive.requiredFormat(dnnl_query_diff_src_md)
        let diffSource = AlignedBuffer(count: diffSourceFormat.storageCount)
        primitive.execute([
            .init(index: DNNL_ARG_DIFF_DST, buffer: gradient.buffer(in: diffDestinationFormat), format: diffDestinationFormat),
            .init(index: DNNL_ARG_WEIGHTS, buffer: weight.buffer(in: weightsFormat), format: weightsFormat),
            .init(index: DNNL_ARG_DIFF_SRC, buffer: diffSource, format: diffSourceFormat),
        ])
        return Tensor(shape: key.geometry.inputShape, buffer: diffSource, format: diffSourceFormat)
    }

    private static func convolutionWeightGradient(_ gradient: Tensor, input: Tensor, key: ConvolutionKey) -> (Tensor, Tensor?) {
        let primitive = ConvolutionPrimitives.backwardWeights(key)
        let diffDestinationFormat = primitive.requiredFormat(dnnl_query_diff_dst_md)
        let sourceFormat = primitive.requiredFormat(dnnl_query_src_md)
        let diffWeightsFormat = primitive.requiredFormat(dnnl_query_diff_weights_md)
        let diffWeights = AlignedBuffer(count: diffWeightsFormat.storageCount)
        var arguments: [Primitive.Argument] = [
            .init(index: DNNL_ARG_DIFF_DST, buffer: gradient.buffer(in: diffDestinationFormat), format: diffDestinationFormat),
            .init(index: DNNL_ARG_SRC, buffer: input.buffer(in: sourceFormat), format: sourceFormat),
            .init(index: DNNL_ARG_DIFF_WEIGHTS, buffer: diffWeights, format: diffWeightsFormat),
        ]
        let biasFormat = MemoryFormat.plain([key.outputChannels])
        let diffBias = key.hasBias ? AlignedBuffer(count: key.outputChannels) : nil
        if let diffBias { arguments.append(.init(index: DNNL_ARG_DIFF_BIAS, buffer: diffBias, format: biasFormat)) }
        primitive.execute(arguments)
        let g = key.geometry
        let weights = Tensor(
            shape: [key.outputChannels, g.channels, g.kernelHeight, g.kernelWidth], buffer: diffWeights, format: diffWeightsFormat)
        return (weights, diffBias.map { Tensor(shape: [key.outputChannels], buffer: $0, format: biasFormat) })
    }
}

extension Tensor {
    /// A convolution with its bias, an optional residual sum and an optional ReLU in one pass,
    /// for inference: `relu(conv2d(input, weight) + bias + residual)`.
    ///
    /// Batch norm in evaluation mode is an affine map per channel, so a layer folds it into
    /// `weight` and `bias` before calling this; oneDNN then adds the residual and applies the
    /// ReLU while the convolution's output is still in registers. Records no gradients.
    ///
    /// - Parameters:
    ///   - input: `[N, C, H, W]`; `weight`: `[O, C, kH, kW]`; `bias`: `[O]`.
    ///   - residual: `nil`, or a tensor of the output's shape to add.
    /// - Returns: `[N, O, (H + 2p - kH) / s + 1, (W + 2p - kW) / s + 1]`.
    static func fusedConvolution(
        _ input: Tensor, weight: Tensor, bias: Tensor, stride: Int, padding: Int, adding residual: Tensor?, relu: Bool
    ) -> Tensor {
        let geometry = ConvolutionGeometry(
            images: input.shape[0], channels: input.shape[1], height: input.shape[2], width: input.shape[3],
            kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], stride: stride, padding: padding)
        let outputChannels = weight.shape[0]
        let outputShape = geometry.outputShape(channels: outputChannels)
        require(
            residual == nil || residual!.shape == outputShape,
            "A fused convolution producing \(outputShape) cannot add a residual of shape \(residual!.shape)")
        var postOperations: PostOperations = residual == nil ? [] : .sum
        if relu { postOperations.insert(.relu) }
        let key = ConvolutionKey(
            geometry: geometry, outputChannels: outputChannels, hasBias: true, training: false,
            postOperations: postOperations)
        let (destination, destinationFormat) = runForward(key, input: input, weight: weight, bias: bias, residual: residual)
        return Tensor(shape: outputShape, buffer: destination, format: destinationFormat)
    }

    /// Runs the forward primitive of `key` and returns its output in the layout it chose. With
    /// `residual`, the output buffer starts as the residual, which the sum post-operation adds.
    private static func runForward(
        _ key: ConvolutionKey, input: Tensor, weight: Tensor, bias: Tensor?, residual: Tensor?
    ) -> (AlignedBuffer, MemoryFormat) {
        let forward = ConvolutionPrimitives.forward(key)
        let sourceFormat = forward.requiredFormat(dnnl_query_src_md)
        let weightsFormat = forward.requiredFormat(dnnl_query_weights_md)
        let destinationFormat = forward.requiredFormat(dnnl_query_dst_md)
        let destination = AlignedBuffer(count: destinationFormat.storageCount)
        if let residual {
            destination.base.update(from: residual.buffer(in: destinationFormat).base, count: destinationFormat.storageCount)
        }
        var arguments: [Primitive.Argument] = [
            .init(index: DNNL_ARG_SRC, buffer: input.buffer(in: sourceFormat), format: sourceFormat),
            .init(index: DNNL_ARG_WEIGHTS, buffer: weight.buffer(in: weightsFormat), format: weightsFormat),
            .init(index: DNNL_ARG_DST, buffer: destination, format: destinationFormat),
        ]
        if let bias {
            arguments.append(.init(index: DNNL_ARG_BIAS, buffer: bias.storage.plain, format: .plain(bias.shape)))
        }
        forward.execute(arguments)
        return (destination, destinationFormat)
    }
}
