/// The three-layer residual block of ResNet-50/101/152: 1x1 conv reducing to `width`, 3x3 conv,
/// 1x1 conv expanding to `4 · width`, each with BN, then the shortcut is added and ReLU applied.
///
/// Input `[N, inputChannels, H, W]`, output `[N, 4 · width, ⌈H/stride⌉, ⌈W/stride⌉]`.
/// The stride sits on the 3x3 convolution as in torchvision ("ResNet v1.5"); pass
/// `strideOnFirstConvolution: true` for the original paper's placement on the first 1x1.
/// Children are named as in torchvision: `conv1`, `bn1`, `conv2`, `bn2`, `conv3`, `bn3`, `relu`,
/// `downsample`.
public final class Bottleneck: Module {
    /// Output channels per unit of the block's width.
    public static let expansion = 4

    /// The 1x1 reduction.
    public var conv1: Conv2d
    /// Normalises `conv1`'s output.
    public var bn1: BatchNorm2d?
    /// The 3x3 convolution.
    public var conv2: Conv2d
    /// Normalises `conv2`'s output.
    public var bn2: BatchNorm2d?
    /// The 1x1 expansion.
    public var conv3: Conv2d
    /// Normalises `conv3`'s output.
    public var bn3: BatchNorm2d?
    /// The shortcut when shapes change; `nil` for the identity or a plain block.
    public var downsample: Module?
    /// Whether the block adds its input back.
    public let isResidual: Bool
    private let relu = ReLU()

    /// Creates a bottleneck block whose output has `4 · width` channels.
    public init(
        inputChannels: Int, width: Int, stride: Int = 1, shortcut: ShortcutOption = .projection,
        strideOnFirstConvolution: Bool = false, batchNorm: Bool = true, residual: Bool = true,
        generator: inout RandomGenerator
    ) {
        let outputChannels = width * Bottleneck.expansion
        conv1 = Conv2d(
            inputChannels: inputChannels, outputChannels: width, kernelSize: 1,
            stride: strideOnFirstConvolution ? stride : 1, bias: !batchNorm, generator: &generator)
        bn1 = batchNorm ? BatchNorm2d(features: width) : nil
        conv2 = Conv2d(
            inputChannels: width, outputChannels: width, kernelSize: 3, stride: strideOnFirstConvolution ? 1 : stride,
            padding: 1, bias: !batchNorm, generator: &generator)
        bn2 = batchNorm ? BatchNorm2d(features: width) : nil
        conv3 = Conv2d(inputChannels: width, outputChannels: outputChannels, kernelSize: 1, bias: !batchNorm, generator: &generator)
        bn3 = batchNorm ? BatchNorm2d(features: outputChannels) : nil
        isResidual = residual
        downsample = residual
            ? makeShortcut(
                inputChannels: inputChannels, outputChannels: outputChannels, stride: stride, option: shortcut,
                batchNorm: batchNorm, generator: &generator)
            : nil
        super.init()
    }

    public override var children: [(name: String, module: Module)] {
        var result: [(String, Module)] = [("conv1", conv1)]
        if let bn1 { result.append(("bn1", bn1)) }
        result.append(("conv2", conv2))
        if let bn2 { result.append(("bn2", bn2)) }
        result.append(("conv3", conv3))
        if let bn3 { result.append(("bn3", bn3)) }
        result.append(("relu", relu))
        if let downsample { result.append(("downsample", downsample)) }
        return result
    }

    public override func forward(_ input: Tensor) -> Tensor {
        if InferenceFusion.applies(to: [self, bn1, bn2, bn3, downsample]) {
            var out = conv1.fusedForInference(input, batchNorm: bn1, relu: true)
            out = conv2.fusedForInference(out, batchNorm: bn2, relu: true)
            let shortcut = isResidual ? (downsample.map { $0(input) } ?? input) : nil
            return conv3.fusedForInference(out, batchNorm: bn3, adding: shortcut, relu: true)
        }
        var out = conv1(input)
        if let bn1 { out = bn1(out) }
        out = relu(out)
        out = conv2(out)
        if let bn2 { out = bn2(out) }
        out = relu(out)
        out = conv3(out)
        if let bn3 { out = bn3(out) }
        if isResidual {
            out = out + (downsample.map { $0(input) } ?? input)
        }
        return relu(out)
    }
}
