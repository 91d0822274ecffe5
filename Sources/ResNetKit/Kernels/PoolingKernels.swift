extension Tensor {
    /// Max pooling over square windows, like `torch.nn.functional.max_pool2d`.
    ///
    /// - Parameter input: `[N, C, H, W]`.
    /// - Returns: `[N, C, (H + 2p - k) / s + 1, (W + 2p - k) / s + 1]`; padding never wins.
    public static func maxPool2d(_ input: Tensor, kernelSize: Int, stride: Int, padding: Int = 0) -> Tensor {
        require(input.rank == 4, "maxPool2d expects input [N, C, H, W], got shape \(input.shape)")
        require(padding * 2 <= kernelSize, "maxPool2d: padding \(padding) must be at most half of kernel size \(kernelSize)")
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let geometry = ConvolutionGeometry(
            channels: 1, height: h, width: w, kernelHeight: kernelSize, kernelWidth: kernelSize,
            stride: stride, padding: padding)
        let (oh, ow) = (geometry.outputHeight, geometry.outputWidth)
        require(oh >= 1 && ow >= 1, "maxPool2d: input \(input.shape) is too small for kernel \(kernelSize)")
        var out = [Float](repeating: 0, count: n * c * oh * ow)
        var winners = [Int32](repeating: 0, count: out.count)
        input.withValues { px in
            for plane in 0..<(n * c) {
                let source = plane * h * w
                for y in 0..<oh {
                    for x in 0..<ow {
                        var best = -Float.infinity
                        var bestIndex = -1
                        for ky in 0..<kernelSize {
                            let iy = y * stride - padding + ky
                            if iy < 0 || iy >= h { continue }
                            for kx in 0..<kernelSize {
                                let ix = x * stride - padding + kx
                                if ix < 0 || ix >= w { continue }
                                let v = px[source + iy * w + ix]
                                // NaN propagates, as in PyTorch.
                                if v > best || v.isNaN || bestIndex < 0 {
                                    best = v
                                    bestIndex = iy * w + ix
                                }
                            }
                        }
                        let o = (plane * oh + y) * ow + x
                        out[o] = best
                        winners[o] = Int32(bestIndex)
                    }
                }
            }
        }
        let shape = input.shape
        return result(of: "maxPool2d", shape: [n, c, oh, ow], values: out, inputs: [input]) { g in
            var dx = [Float](repeating: 0, count: shape.reduce(1, *))
            g.withValues { pg in
                for plane in 0..<(n * c) {
                    for i in 0..<(oh * ow) {
                        let o = plane * oh * ow + i
                        dx[plane * h * w + Int(winners[o])] += pg[o]
                    }
                }
            }
            return [Tensor(shape: shape, values: dx)]
        }
    }

    /// The mean of each channel over its height and width, like `AdaptiveAvgPool2d((1, 1))`.
    ///
    /// - Parameter input: `[N, C, H, W]`.
    /// - Returns: `[N, C, 1, 1]`.
    public static func globalAveragePool(_ input: Tensor) -> Tensor {
        require(input.rank == 4, "globalAveragePool expects input [N, C, H, W], got shape \(input.shape)")
        return input.mean(alongAxes: [2, 3], keepingDimensions: true)
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
