/// Per-channel statistics of an `[N, C, H, W]` batch, in double precision.
struct ChannelStatistics {
    var mean: [Double]
    /// The biased variance (divided by the count), used to normalise.
    var variance: [Double]
    /// Values per channel: `N * H * W`.
    var count: Int

    init(of x: Tensor) {
        let (n, c) = (x.shape[0], x.shape[1])
        let plane = x.shape[2...].reduce(1, *)
        mean = [Double](repeating: 0, count: c)
        variance = [Double](repeating: 0, count: c)
        count = n * plane
        x.withValues { px in
            for channel in 0..<c {
                var sum = 0.0
                for image in 0..<n {
                    let base = (image * c + channel) * plane
                    for i in 0..<plane { sum += Double(px[base + i]) }
                }
                let m = sum / Double(n * plane)
                var squares = 0.0
                for image in 0..<n {
                    let base = (image * c + channel) * plane
                    for i in 0..<plane {
                        let d = Double(px[base + i]) - m
                        squares += d * d
                    }
                }
                mean[channel] = m
                variance[channel] = squares / Double(n * plane)
            }
        }
    }
}

extension Tensor {
    /// Batch normalisation over the channels of `[N, C, H, W]` (or `[N, C]`) input.
    ///
    /// With `statistics == nil` it normalises with the batch's own mean and biased variance
    /// (training mode); otherwise with the given running mean and variance (evaluation mode).
    /// - Returns: the output, shaped like `input`, and in training mode the batch statistics.
    public static func batchNorm(
        _ input: Tensor, weight: Tensor, bias: Tensor, runningStatistics statistics: (mean: Tensor, variance: Tensor)?,
        epsilon: Float, layerName: String = "batchNorm"
    ) -> (output: Tensor, batchMean: [Double], batchVariance: [Double], count: Int) {
        require(input.rank >= 2, "\(layerName) expects input [N, C, ...], got shape \(input.shape)")
        let (n, c) = (input.shape[0], input.shape[1])
        require(
            weight.shape == [c] && bias.shape == [c],
            "\(layerName) has \(weight.shape.first ?? 0) channels, got input of shape \(input.shape)")
        let plane = input.shape[2...].reduce(1, *)
        var mean = [Double](repeating: 0, count: c)
        var variance = [Double](repeating: 0, count: c)
        var count = n * plane
        if let statistics {
            mean = statistics.mean.values.map(Double.init)
            variance = statistics.variance.values.map(Double.init)
        } else {
            require(n * plane > 1, "\(layerName) in training mode needs more than one value per channel, got input of shape \(input.shape)")
            let batch = ChannelStatistics(of: input)
            (mean, variance, count) = (batch.mean, batch.variance, batch.count)
        }
        let invStd = variance.map { Float(1 / ($0 + Double(epsilon)).squareRoot()) }
        let meanF = mean.map { Float($0) }
        var normalized = [Float](repeating: 0, count: input.count)
        var out = [Float](repeating: 0, count: input.count)
        input.withValues { px in
            weight.withValues { pw in
                bias.withValues { pb in
                    for image in 0..<n {
                        for channel in 0..<c {
                            let base = (image * c + channel) * plane
                            let (m, s, w, b) = (meanF[channel], invStd[channel], pw[channel], pb[channel])
                            for i in 0..<plane {
                                let xhat = (px[base + i] - m) * s
                                normalized[base + i] = xhat
                                out[base + i] = xhat * w + b
                            }
                        }
                    }
                }
            }
        }
        let training = statistics == nil
        let savedWeight = weight.detached()
        let shape = input.shape
        let output = result(of: layerName, shape: shape, values: out, inputs: [input, weight, bias]) { g in
            var dWeight = [Float](repeating: 0, count: c)
            var dBias = [Float](repeating: 0, count: c)
            var dInput = [Float](repeating: 0, count: g.count)
            g.withValues { pg in
                savedWeight.withValues { pw in
                    for channel in 0..<c {
                        var sumG = 0.0
                        var sumGX = 0.0
                        for image in 0..<n {
                            let base = (image * c + channel) * plane
                            for i in 0..<plane {
                                sumG += Double(pg[base + i])
                                sumGX += Double(pg[base + i]) * Double(normalized[base + i])
                            }
                        }
                        dWeight[channel] = Float(sumGX)
                        dBias[channel] = Float(sumG)
                        let scale = pw[channel] * invStd[channel]
                        if training {
                            // d/dx of w * (x - mean) / std with the batch's own mean and std.
                            let m = Float(n * plane)
                            let meanG = Float(sumG) / m
                            let meanGX = Float(sumGX) / m
                            for image in 0..<n {
                                let base = (image * c + channel) * plane
                                for i in 0..<plane {
                                    dInput[base + i] = scale * (pg[base + i] - meanG - normalized[base + i] * meanGX)
                                }
                            }
                        } else {
                            for image in 0..<n {
                                let base = (image * c + channel) * plane
                                for i in 0..<plane { dInput[base + i] = scale * pg[base + i] }
                            }
                        }
                    }
                }
            }
            return [Tensor(shape: shape, values: dInput), Tensor(shape: [c], values: dWeight), Tensor(shape: [c], values: dBias)]
        }
        return (output, mean, variance, count)
    }
}
