/// What ``BasicBlock`` and ``Bottleneck`` share: convolutions, each followed by an optional
/// batch norm, with ReLU between them; the shortcut is added before the last ReLU.
protocol ResidualBlock: Module {
    /// The convolutions with the batch norm after each, in forward order.
    var convolutionStages: [(convolution: Conv2d, batchNorm: BatchNorm2d?)] { get }
    /// The shortcut when shapes change; `nil` for the identity or a plain block.
    var downsample: Module? { get }
    /// Whether the block adds its input back.
    var isResidual: Bool { get }
    /// The activation module, called after every stage but the last and after the sum.
    var relu: ReLU { get }
}

extension ResidualBlock {
    /// `relu(F(x) + shortcut(x))`, or `relu(F(x))` for a plain block; under inference each
    /// stage runs as one fused oneDNN call, the sum and last ReLU riding on the last.
    func residualForward(_ input: Tensor) -> Tensor {
        let stages = convolutionStages
        let shortcut = { self.isResidual ? (self.downsample.map { $0(input) } ?? input) : nil }
        if InferenceFusion.applies(to: [self, downsample] + stages.map(\.batchNorm)) {
            var out = input
            for stage in stages.dropLast() {
                out = stage.convolution.fusedForInference(out, batchNorm: stage.batchNorm, relu: true)
            }
            let last = stages[stages.count - 1]
            return last.convolution.fusedForInference(out, batchNorm: last.batchNorm, adding: shortcut(), relu: true)
        }
        var out = input
        for (index, stage) in stages.enumerated() {
            if index > 0 { out = relu(out) }
            out = stage.convolution(out)
            if let batchNorm = stage.batchNorm { out = batchNorm(out) }
        }
        if let residual = shortcut() { out = out + residual }
        return relu(out)
    }

    /// The batch norm `name` of a block built with BN; stops with a message naming the block
    /// when it was built with `batchNorm: false`.
    func requireBatchNorm(_ batchNorm: BatchNorm2d?, _ name: String) -> BatchNorm2d {
        guard let batchNorm else {
            requirementFailure("\(typeName)\(displayName) was built with batchNorm: false and has no \(name)")
        }
        return batchNorm
    }
}

/// A block's convolution and the batch norm after it; without BN the convolution carries a
/// bias instead.
func makeConvolutionStage(
    _ inputChannels: Int, _ outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, batchNorm: Bool,
    generator: inout RandomGenerator
) -> (Conv2d, BatchNorm2d?) {
    let conv = Conv2d(
        inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: kernelSize, stride: stride,
        padding: padding, bias: !batchNorm, generator: &generator)
    return (conv, batchNorm ? BatchNorm2d(features: outputChannels) : nil)
}

/// The shortcut branch of a block: `nil` for a plain block or the identity, else option A or B.
func makeShortcut(
    inputChannels: Int, outputChannels: Int, stride: Int, option: ShortcutOption, batchNorm: Bool, residual: Bool,
    generator: inout RandomGenerator
) -> Module? {
    guard residual, stride != 1 || inputChannels != outputChannels else { return nil }
    switch option {
    case .zeroPadding:
        return ZeroPaddingShortcut(outputChannels: outputChannels, stride: stride)
    case .projection:
        let (conv, norm) = makeConvolutionStage(
            inputChannels, outputChannels, kernelSize: 1, stride: stride, batchNorm: batchNorm, generator: &generator)
        return Sequential([conv] + (norm.map { [$0] } ?? []))
    }
}
