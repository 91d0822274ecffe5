/// The two-layer residual block of ResNet-18/34 and the CIFAR ResNets:
/// 3x3 conv, BN, ReLU, 3x3 conv, BN, add the shortcut, ReLU.
///
/// Input `[N, inputChannels, H, W]`, output `[N, outputChannels, ⌈H/stride⌉, ⌈W/stride⌉]`.
/// With `residual: false` it is the plain twin: the same layers without the addition.
/// Children are named as in torchvision: `conv1`, `bn1`, `relu`, `conv2`, `bn2`, `downsample`.
public final class BasicBlock: Module {
    /// Output channels per input channel of the block's width: 1 for the basic block.
    public static let expansion = 1

    /// The first 3x3 convolution; it carries the stride.
    public var conv1: Conv2d
    /// Normalises `conv1`'s output; `nil` in a net without BN.
    public var bn1: BatchNorm2d?
    /// The second 3x3 convolution.
    public var conv2: Conv2d
    /// Normalises `conv2`'s output; its weight γ starts at 1 (zero it to make the block an identity).
    public var bn2: BatchNorm2d?
    /// The shortcut when shapes change (option A or B); `nil` for the identity or a plain block.
    public var downsample: Module?
    /// Whether the block adds its input back (`false` for the plain twin).
    public let isResidual: Bool
    private let relu = ReLU()

    /// Creates a basic block.
    public init(
        inputChannels: Int, outputChannels: Int, stride: Int = 1, shortcut: ShortcutOption = .projection,
        batchNorm: Bool = true, residual: Bool = true, generator: inout RandomGenerator
    ) {
        conv1 = Conv2d(
            inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: 3, stride: stride, padding: 1,
            bias: !batchNorm, generator: &generator)
        bn1 = batchNorm ? BatchNorm2d(features: outputChannels) : nil
        conv2 = Conv2d(
            inputChannels: outputChannels, outputChannels: outputChannels, kernelSize: 3, padding: 1,
            bias: !batchNorm, generator: &generator)
        bn2 = batchNorm ? BatchNorm2d(features: outputChannels) : nil
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
        result.append(("relu", relu))
        result.append(("conv2", conv2))
        if let bn2 { result.append(("bn2", bn2)) }
        if let downsample { result.append(("downsample", downsample)) }
        return result
    }

    public override func forward(_ input: Tensor) -> Tensor {
        if InferenceFusion.applies(to: [self, bn1, bn2, downsample]) {
            let out = conv1.fusedForInference(input, batchNorm: bn1, relu: true)
            let shortcut = isResidual ? (downsample.map { $0(input) } ?? input) : nil
            return conv2.fusedForInference(out, batchNorm: bn2, adding: shortcut, relu: true)
        }
        var out = conv1(input)
        if let bn1 { out = bn1(out) }
        out = relu(out)
        out = conv2(out)
        if let bn2 { out = bn2(out) }
        if isResidual {
            out = out + (downsample.map { $0(input) } ?? input)
        }
        return relu(out)
    }
}
