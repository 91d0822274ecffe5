/// The geometry of a 2-D convolution or pooling window over one image.
struct ConvolutionGeometry: Equatable {
    let channels: Int
    let height: Int
    let width: Int
    let kernelHeight: Int
    let kernelWidth: Int
    let stride: Int
    let padding: Int

    var outputHeight: Int { (height + 2 * padding - kernelHeight) / stride + 1 }
    var outputWidth: Int { (width + 2 * padding - kernelWidth) / stride + 1 }
    /// Rows of the im2col matrix: one per input channel and kernel position.
    var patchSize: Int { channels * kernelHeight * kernelWidth }
    var outputPlane: Int { outputHeight * outputWidth }
    var inputPlane: Int { height * width }

    /// A 1x1, stride-1, unpadded convolution reads its input as the im2col matrix unchanged.
    var isPointwise: Bool { kernelHeight == 1 && kernelWidth == 1 && stride == 1 && padding == 0 }

    /// The output columns `x` whose input column `x · stride − padding + offset` is inside the
    /// image; outside them the kernel reads padding.
    @inline(__always)
    func validColumns(offset: Int, outputWidth ow: Int) -> Range<Int> {
        // Smallest x with x·s − p + offset ≥ 0, and the first x with x·s − p + offset ≥ width.
        let low = Swift.max(0, (padding - offset + stride - 1) / stride)
        let high = Swift.min(ow, (width + padding - offset + stride - 1) / stride)
        return low..<Swift.max(low, high)
    }

    /// Unfolds one `[channels, height, width]` image into `[patchSize, outputPlane]` columns whose
    /// rows start `rowStride` floats apart (several images side by side share one matrix).
    func im2col(_ image: UnsafePointer<Float>, into columns: UnsafeMutablePointer<Float>, rowStride: Int? = nil) {
        let rowStride = rowStride ?? outputPlane
        let (oh, ow) = (outputHeight, outputWidth)
        if preservesSize {
            im2colPreservingSize(image, into: columns, rowStride: rowStride)
            return
        }
        for c in 0..<channels {
            let plane = image + c * inputPlane
            for ki in 0..<kernelHeight {
                for kj in 0..<kernelWidth {
                    let row = columns + ((c * kernelHeight + ki) * kernelWidth + kj) * rowStride
                    let valid = validColumns(offset: kj, outputWidth: ow)
                    for y in 0..<oh {
                        let iy = y * stride - padding + ki
                        let out = row + y * ow
                        if iy < 0 || iy >= height || valid.isEmpty {
                            out.update(repeating: 0, count: ow)
                            continue
                        }
                        if valid.lowerBound > 0 { out.update(repeating: 0, count: valid.lowerBound) }
                        if valid.upperBound < ow { (out + valid.upperBound).update(repeating: 0, count: ow - valid.upperBound) }
                        let source = plane + iy * width - padding + kj
                        if stride == 1 {
                            (out + valid.lowerBound).update(from: source + valid.lowerBound, count: valid.count)
                        } else {
                            for x in valid { out[x] = source[x * stride] }
                        }
                    }
                }
            }
        }
    }

    /// Folds `[patchSize, outputPlane]` columns (rows `rowStride` apart) back onto one image,
    /// adding overlapping entries.
    func col2imAdding(_ columns: UnsafePointer<Float>, into image: UnsafeMutablePointer<Float>, rowStride: Int? = nil) {
        let rowStride = rowStride ?? outputPlane
        let (oh, ow) = (outputHeight, outputWidth)
        if preservesSize {
            col2imPreservingSize(columns, into: image, rowStride: rowStride)
            return
        }
        for c in 0..<channels {
            let plane = image + c * inputPlane
            for ki in 0..<kernelHeight {
                for kj in 0..<kernelWidth {
                    let row = columns + ((c * kernelHeight + ki) * kernelWidth + kj) * rowStride
                    let valid = validColumns(offset: kj, outputWidth: ow)
                    if valid.isEmpty { continue }
                    for y in 0..<oh {
                        let iy = y * stride - padding + ki
                        if iy < 0 || iy >= height { continue }
                        let target = plane + iy * width - padding + kj
                        let source = row + y * ow
                        if stride == 1 {
                            for x in valid { target[x] += source[x] }
                        } else {
                            for x in valid { target[x * stride] += source[x] }
                        }
                    }
                }
            }
        }
    }
}

extension Tensor {
    /// 2-D cross-correlation, like `torch.nn.functional.conv2d` with square kernels.
    ///
    /// - Parameters:
    ///   - input: `[N, C, H, W]`.
    ///   - weight: `[O, C, kH, kW]`.
    ///   - bias: `[O]`, or `nil`.
    /// - Returns: `[N, O, (H + 2p - kH) / s + 1, (W + 2p - kW) / s + 1]`.
    ///
    /// Implemented as im2col and one `sgemm` per image; a 1x1 stride-1 convolution is a plain GEMM.
    public static func conv2d(
        _ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
        layerName: String = "conv2d"
    ) -> Tensor {
        require(input.rank == 4, "\(layerName) expects input [N, C, H, W], got shape \(input.shape)")
        require(weight.rank == 4, "\(layerName) expects weight [O, C, kH, kW], got shape \(weight.shape)")
        require(
            input.shape[1] == weight.shape[1],
            "\(layerName) expects \(weight.shape[1]) input channels, got input of shape \(input.shape) (weight shape \(weight.shape))")
        let (n, o) = (input.shape[0], weight.shape[0])
        let geometry = ConvolutionGeometry(
            channels: input.shape[1], height: input.shape[2], width: input.shape[3],
            kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], stride: stride, padding: padding)
        require(
            stride >= 1 && geometry.outputHeight >= 1 && geometry.outputWidth >= 1,
            "\(layerName): input \(input.shape) is too small for kernel \(weight.shape[2])x\(weight.shape[3]) with stride \(stride) and padding \(padding)")
        if let bias {
            require(bias.shape == [o], "\(layerName) expects bias of shape [\(o)], got \(bias.shape)")
        }
        var out = [Float](repeating: 0, count: n * o * geometry.outputPlane)
        input.withValues { px in
            weight.withValues { pw in
                out.withUnsafeMutableBufferPointer { po in
                    geometry.forward(images: n, outputChannels: o, input: px.baseAddress!, weight: pw.baseAddress!, output: po.baseAddress!)
                    if let bias {
                        bias.withValues { pb in
                            let outPlane = geometry.outputPlane
                            for image in 0..<n {
                                for channel in 0..<o {
                                    let base = (image * o + channel) * outPlane
                                    let b = pb[channel]
                                    for i in 0..<outPlane { po[base + i] += b }
                                }
                            }
                        }
                    }
                }
            }
        }
        let savedInput = input.detached()
        let savedWeight = weight.detached()
        let needsInput = input.node != nil
        let needsWeight = weight.node != nil
        let needsBias = bias?.node != nil
        let outShape = [n, o, geometry.outputHeight, geometry.outputWidth]
        var inputs = [input, weight]
        if let bias { inputs.append(bias) }
        return result(of: layerName, shape: outShape, values: out, inputs: inputs) { g in
            let grads = convolutionBackward(
                gradient: g, input: savedInput, weight: savedWeight, geometry: geometry,
                needsInput: needsInput, needsWeight: needsWeight, needsBias: needsBias)
            return inputs.count == 3 ? [grads.input, grads.weight, grads.bias] : [grads.input, grads.weight]
        }
    }

    static func convolutionBackward(
        gradient g: Tensor, input: Tensor, weight: Tensor, geometry: ConvolutionGeometry,
        needsInput: Bool, needsWeight: Bool, needsBias: Bool
    ) -> (input: Tensor?, weight: Tensor?, bias: Tensor?) {
        let (n, o) = (input.shape[0], weight.shape[0])
        var dInput = [Float](repeating: 0, count: needsInput ? input.count : 0)
        var dWeight = [Float](repeating: 0, count: needsWeight ? weight.count : 0)
        var dBias = [Float](repeating: 0, count: needsBias ? o : 0)
        input.withValues { px in
            weight.withValues { pw in
                g.withValues { pg in
                    dInput.withUnsafeMutableBufferPointer { pdi in
                        dWeight.withUnsafeMutableBufferPointer { pdw in
                            geometry.backward(
                                images: n, outputChannels: o, input: px.baseAddress!, weight: pw.baseAddress!,
                                outputGradient: pg.baseAddress!,
                                inputGradient: needsInput ? pdi.baseAddress! : nil,
                                weightGradient: needsWeight ? pdw.baseAddress! : nil)
                        }
                    }
                    if needsBias {
                        let outPlane = geometry.outputPlane
                        for image in 0..<n {
                            for channel in 0..<o {
                                let row = pg.baseAddress! + (image * o + channel) * outPlane
                                var acc: Float = 0
                                for i in 0..<outPlane { acc += row[i] }
                                dBias[channel] += acc
                            }
                        }
                    }
                }
            }
        }
        return (
            needsInput ? Tensor(shape: input.shape, values: dInput) : nil,
            needsWeight ? Tensor(shape: weight.shape, values: dWeight) : nil,
            needsBias ? Tensor(shape: [o], values: dBias) : nil
        )
    }
}
