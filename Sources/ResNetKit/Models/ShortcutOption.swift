/// How a residual block matches dimensions when it changes resolution or width
/// (He et al. 2015, section 3.3).
public enum ShortcutOption: String, Codable, Hashable, Sendable, CaseIterable {
    /// Option A: subsample the input and pad the new channels with zeros; no parameters.
    case zeroPadding
    /// Option B: a strided 1x1 convolution followed by batch normalisation.
    case projection
}

/// Builds the shortcut branch of a block: `nil` for the identity, else option A or B.
func makeShortcut(
    inputChannels: Int, outputChannels: Int, stride: Int, option: ShortcutOption, batchNorm: Bool,
    generator: inout RandomGenerator
) -> Module? {
    guard stride != 1 || inputChannels != outputChannels else { return nil }
    switch option {
    case .zeroPadding:
        return ZeroPaddingShortcut(outputChannels: outputChannels, stride: stride)
    case .projection:
        let conv = Conv2d(
            inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: 1, stride: stride,
            bias: !batchNorm, generator: &generator)
        return Sequential(batchNorm ? [conv, BatchNorm2d(features: outputChannels)] : [conv])
    }
}
