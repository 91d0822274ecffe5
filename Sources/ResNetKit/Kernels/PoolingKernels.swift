internal import CDNNL

private struct PoolingKey: Hashable, Sendable {
    let format: MemoryFormat
    let algorithm: UInt32
    let kernelHeight: Int
    let kernelWidth: Int
    let stride: Int
    let padding: Int
    let outputShape: [Int]
    let recording: Bool
}

private enum PoolingPrimitives {
    static let forward = PrimitiveCache<PoolingKey, Primitive>()
    static let backward = PrimitiveCache<PoolingKey, Primitive>()

    static func forward(_ key: PoolingKey) -> Primitive {
        forward.value(for: key) {
            var source = key.format.descriptor
            var destination = MemoryFormat.anyLayout(key.outputShape)
            var operation = dnnl_pooling_v2_desc_t()
            let p = Int64(key.padding)
            DNNL.check(
                rnk_pooling_forward(
                    &operation, key.recording ? dnnl_forward_training : dnnl_forward_inference,
                    dnnl_alg_kind_t(key.algorithm), &source, &destination, Int64(key.kernelHeight),
                    Int64(key.kernelWidth), Int64(key.stride), p, p, p, p),
                "describing pooling over \(key.format)")
            return Primitive(name: "pooling \(key.format.dimensions)", operation: &operation)
        }
    }

    static func backward(_ key: PoolingKey, destinationFormat: MemoryFormat) -> Primitive {
        backward.value(for: key) {
            var diffSource = key.format.descriptor
            var diffDestination = destinationFormat.descriptor
            var operation = dnnl_pooling_v2_desc_t()
            let p = Int64(key.padding)
            DNNL.check(
                rnk_pooling_backward(
                    &operation, dnnl_alg_kind_t(key.algorithm), &diffSource, &diffDestination,
                    Int64(key.kernelHeight), Int64(key.kernelWidth), Int64(key.stride), p, p, p, p),
                "describing pooling's gradient over \(key.format)")
            return Primitive(name: "pooling gradient \(key.format.dimensions)", operation: &operation, hint: forward(key))
        }
    }
}

extension Tensor {
    /// Pools windows of `input` with oneDNN, keeping its layout; `windowHeight x windowWidth`
    /// windows `stride` apart over an image padded by `padding` on every side.
    private static func pooled(
        _ input: Tensor, algorithm: dnnl_alg_kind_t, windowHeight: Int, windowWidth: Int, stride: Int, padding: Int,
        name: String
    ) -> Tensor {
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let geometry = ConvolutionGeometry(
            images: n, channels: c, height: h, width: w, kernelHeight: windowHeight, kernelWidth: windowWidth,
            stride: stride, padding: padding)
        let outputShape = geometry.outputShape(channels: c)
        require(
            geometry.outputHeight >= 1 && geometry.outputWidth >= 1,
            "\(name): input \(input.shape) is too small for a \(windowHeight)x\(windowWidth) window")
        let recording = needsGradient([input])
        let format = input.currentFormat
        let key = PoolingKey(
            format: format, algorithm: algorithm.rawValue, kernelHeight: windowHeight, kernelWidth: windowWidth,
            stride: stride, padding: padding, outputShape: outputShape, recording: recording)
        let primitive = PoolingPrimitives.forward(key)
        let destinationFormat = primitive.requiredFormat(dnnl_query_dst_md)
        let destination = AlignedBuffer(count: destinationFormat.storageCount)
        let workspaceFormat = primitive.format(dnnl_query_workspace_md)
        // The workspace records which input won each max window, for the backward pass.
        let workspace = workspaceFormat.map { AlignedBuffer(count: $0.storageCount) }
        var arguments: [Primitive.Argument] = [
            .init(index: DNNL_ARG_SRC, buffer: input.buffer(in: format), format: format),
            .init(index: DNNL_ARG_DST, buffer: destination, format: destinationFormat),
        ]
        if let workspace, let workspaceFormat {
            arguments.append(.init(index: DNNL_ARG_WORKSPACE, buffer: workspace, format: workspaceFormat))
        }
        primitive.execute(arguments)
        let storage = TensorStorage(destination, format: destinationFormat)
        guard recording else { return Tensor(shape: outputShape, storage: storage) }
        let inputShape = input.shape
        return result(of: name, shape: outputShape, storage: storage, inputs: [input]) { gradient in
            let backward = PoolingPrimitives.backward(key, destinationFormat: destinationFormat)
            let diffSource = AlignedBuffer(count: format.storageCount)
            var arguments: [Primitive.Argument] = [
                .init(index: DNNL_ARG_DIFF_DST, buffer: gradient.buffer(in: destinationFormat), format: destinationFormat),
                .init(index: DNNL_ARG_DIFF_SRC, buffer: diffSource, format: format),
            ]
            if let workspace, let workspaceFormat {
                arguments.append(.init(index: DNNL_ARG_WORKSPACE, buffer: workspace, format: workspaceFormat))
            }
            backward.execute(arguments)
            return [Tensor(shape: inputShape, buffer: diffSource, format: format)]
        }
    }

    /// Max pooling over square windows, like `torch.nn.functional.max_pool2d`.
    ///
    /// - Parameter input: `[N, C, H, W]`.
    /// - Returns: `[N, C, (H + 2p - k) / s + 1, (W + 2p - k) / s + 1]`; padding never wins.
    public static func maxPool2d(_ input: Tensor, kernelSize: Int, stride: Int, padding: Int = 0) -> Tensor {
        require(input.rank == 4, "maxPool2d expects input [N, C, H, W], got shape \(input.shape)")
        require(kernelSize >= 1 && stride >= 1, "maxPool2d needs a positive kernel size and stride, got \(kernelSize) and \(stride)")
        require(padding >= 0 && padding * 2 <= kernelSize, "maxPool2d: padding \(padding) must be at most half of kernel size \(kernelSize)")
        return pooled(
            input, algorithm: dnnl_pooling_max, windowHeight: kernelSize, windowWidth: kernelSize, stride: stride,
            padding: padding, name: "maxPool2d")
    }

    /// The mean of each channel over its height and width, like `AdaptiveAvgPool2d((1, 1))`.
    ///
    /// - Parameter input: `[N, C, H, W]`.
    /// - Returns: `[N, C, 1, 1]`.
    public static func globalAveragePool(_ input: Tensor) -> Tensor {
        require(input.rank == 4, "globalAveragePool expects input [N, C, H, W], got shape \(input.shape)")
        return pooled(
            input, algorithm: dnnl_pooling_avg_exclude_padding, windowHeight: input.shape[2], windowWidth: input.shape[3],
            stride: 1, padding: 0, name: "globalAveragePool")
    }

    /// The option-A shortcut of He et al. (2015): every `stride`-th pixel, then zero channels
    /// added equally before and after to reach `outputChannels`. It has no parameters.
    ///
    /// - Parameter input: `[N, C, H, W]`.
    /// - Returns: `[N, outputChannels, ceil(H / stride), ceil(W / stride)]`.
    public static func zeroPaddingShortcut(_ input: Tensor, outputChannels: Int, stride: Int) -> Tensor {
        require(input.rank == 4, "zeroPaddingShortcut expects input [N, C, H, W], got shape \(input.shape)")
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        require(outputChannels >= c, "zeroPaddingShortcut cannot shrink \(c) channels to \(outputChannels)")
        let before = (outputChannels - c) / 2
        let (oh, ow) = ((h + stride - 1) / stride, (w + stride - 1) / stride)
        var out = [Float](repeating: 0, count: n * outputChannels * oh * ow)
        input.withValues { px in
            for image in 0..<n {
                for channel in 0..<c {
                    let source = (image * c + channel) * h * w
                    let target = (image * outputChannels + channel + before) * oh * ow
                    for y in 0..<oh {
                        for x in 0..<ow { out[target + y * ow + x] = px[source + y * stride * w + x * stride] }
                    }
                }
            }
        }
        let shape = input.shape
        return result(of: "zeroPaddingShortcut", shape: [n, outputChannels, oh, ow], values: out, inputs: [input]) { g in
            var dx = [Float](repeating: 0, count: shape.reduce(1, *))
            g.withValues { pg in
                for image in 0..<n {
                    for channel in 0..<c {
                        let target = (image * c + channel) * h * w
                        let source = (image * outputChannels + channel + before) * oh * ow
                        for y in 0..<oh {
                            for x in 0..<ow { dx[target + y * stride * w + x * stride] = pg[source + y * ow + x] }
                        }
                    }
                }
            }
            return [Tensor(shape: shape, values: dx)]
        }
    }
}
