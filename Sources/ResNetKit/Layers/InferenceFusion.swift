/// Evaluation-mode fusion: a convolution, the batch norm after it, a residual sum and a ReLU
/// computed as one oneDNN convolution.
///
/// In evaluation mode batch norm multiplies each channel by `γ / √(running_var + ε)` and shifts
/// it, which is the same as scaling that output channel's convolution weights and adding a bias.
/// Folded once and cached, the layer pair costs one convolution; the residual sum and the ReLU
/// ride along as oneDNN post-operations, so a ResNet block's output is written to memory once
/// instead of five times. The results equal the unfused ones up to float rounding.
///
/// Fusion applies only where nothing could observe the difference: gradients off
/// (``withoutGradients(_:)``), every module involved in evaluation mode, and no summary or
/// hook recording the individual layers' calls.
enum InferenceFusion {
    /// Whether `modules` may run fused now.
    static func applies(to modules: [Module?]) -> Bool {
        guard !GradientMode.isEnabled, ModuleCallRecorder.current == nil else { return false }
        return modules.allSatisfy { module in
            guard let module else { return true }
            return !module.isTraining && !module.recordsOutputGradient
        }
    }
}

/// A convolution's weights and bias with a batch norm folded in, and the generations of the
/// tensors they were computed from.
struct FoldedConvolution {
    let sources: [UInt64]
    let weight: Tensor
    let bias: Tensor
}

extension Conv2d {
    /// `relu(bn(conv(input)) + residual)` in one oneDNN call, each part optional, for inference.
    ///
    /// Input `[N, inputChannels, H, W]`; `residual`, when given, has the output's shape.
    func fusedForInference(_ input: Tensor, batchNorm: BatchNorm2d?, adding residual: Tensor? = nil, relu: Bool) -> Tensor {
        require(
            input.rank == 4 && input.shape[1] == inputChannels,
            "Conv2d\(displayName) (\(hyperparameterDescription)) expects input [N, \(inputChannels), H, W], got \(input.shape)")
        let folded = foldedWeights(with: batchNorm)
        return Tensor.fusedConvolution(
            input, weight: folded.weight, bias: folded.bias, stride: stride, padding: padding, adding: residual, relu: relu)
    }

    private func foldedWeights(with batchNorm: BatchNorm2d?) -> FoldedConvolution {
        var sources = [weight.storage.generation, bias?.storage.generation ?? 0]
        if let batchNorm {
            sources += [batchNorm.weight, batchNorm.bias, batchNorm.runningMean, batchNorm.runningVariance]
                .map(\.storage.generation)
            sources.append(UInt64(batchNorm.epsilon.bitPattern))
        }
        if let cached = foldedInference, cached.sources == sources { return cached }
        let channels = outputChannels
        let perChannel = weight.count / channels
        var scale = [Double](repeating: 1, count: channels)
        var shift = bias?.values.map(Double.init) ?? [Double](repeating: 0, count: channels)
        if let batchNorm {
            let (gamma, beta) = (batchNorm.weight.values, batchNorm.bias.values)
            let (mean, variance) = (batchNorm.runningMean.values, batchNorm.runningVariance.values)
            for c in 0..<channels {
                scale[c] = Double(gamma[c]) / (Double(variance[c]) + Double(batchNorm.epsilon)).squareRoot()
                shift[c] = Double(beta[c]) + (shift[c] - Double(mean[c])) * scale[c]
            }
        }
        let foldedWeight = weight.withValues { w in
            Tensor(shape: weight.shape) { out in
                for c in 0..<channels {
                    for i in 0..<perChannel { out[c * perChannel + i] = Float(Double(w[c * perChannel + i]) * scale[c]) }
                }
            }
        }
        let folded = FoldedConvolution(
            sources: sources, weight: foldedWeight, bias: Tensor(shape: [channels], values: shift.map { Float($0) }))
        foldedInference = folded
        return folded
    }
}
