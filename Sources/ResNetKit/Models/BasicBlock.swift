/// The two-layer residual block of ResNet-18/34 and the CIFAR ResNets:
/// 3x3 conv, BN, ReLU, 3x3 conv, BN, add the shortcut, ReLU.
///
/// Input `[N, inputChannels, H, W]`, output `[N, outputChannels, ⌈H/stride⌉, ⌈W/stride⌉]`.
/// With `residual: false` it is the plain twin: the same layers without the addition.
/// Children are named as in torchvision: `conv1`, `bn1`, `relu`, `conv2`, `bn2`, `downsample`.
public final class BasicBlock: Module, ResidualBlock {
    /// Output channels per input channel of the block's width: 1 for the basic block.
    public static let expansion = 1

    /// The first 3x3 convolution; it carries the stride.
    public var conv1: Conv2d
    /// Normalises `conv1`'s output; `nil` in a net without BN (see ``batchNorm1``).
    public var bn1: BatchNorm2d?
    let relu = ReLU()
    /// The second 3x3 convolution.
    public var conv2: Conv2d
    /// Normalises `conv2`'s output; its weight γ starts at 1 (zero it to make the block an identity).
    public var bn2: BatchNorm2d?
    /// The shortcut when shapes change (option A or B); `nil` for the identity or a plain block.
    public var downsample: Module?
    /// Whether the block adds its input back (`false` for the plain twin).
    public let isResidual: Bool

    /// Creates a basic block.
    public init(
        inputChannels: Int, outputChannels: Int, stride: Int = 1, shortcut: ShortcutOption = .projection,
        batchNorm: Bool = true, residual: Bool = true, generator: inout RandomGenerator
    ) {
        (conv1, bn1) = makeConvolutionStage(
            inputChannels, outputChannels, kernelSize: 3, stride: stride, padding: 1, batchNorm: batchNorm,
            generator: &generator)
        (conv2, bn2) = makeConvolutionStage(
            outputChannels, outputChannels, kernelSize: 3, padding: 1, batchNorm: batchNorm, generator: &generator)
        isResidual = residual
        downsample = makeShortcut(
            inputChannels: inputChannels, outputChannels: outputChannels, stride: stride, option: shortcut,
            batchNorm: batchNorm, residual: residual, generator: &generator)
        super.init()
    }

    /// Creates a basic block whose weights are drawn from a generator seeded with `seed`.
    public convenience init(
        inputChannels: Int, outputChannels: Int, stride: Int = 1, shortcut: ShortcutOption = .projection,
        batchNorm: Bool = true, residual: Bool = true, seed: UInt64 = 0
    ) {
        var generator = RandomGenerator(seed: seed)
        self.init(
            inputChannels: inputChannels, outputChannels: outputChannels, stride: stride, shortcut: shortcut,
            batchNorm: batchNorm, residual: residual, generator: &generator)
    }

    /// ``bn1`` of a block built with BN; stops with a message if it was built without.
    public var batchNorm1: BatchNorm2d { requireBatchNorm(bn1, "bn1") }
    /// ``bn2`` of a block built with BN; stops with a message if it was built without.
    public var batchNorm2: BatchNorm2d { requireBatchNorm(bn2, "bn2") }

    var convolutionStages: [(convolution: Conv2d, batchNorm: BatchNorm2d?)] { [(conv1, bn1), (conv2, bn2)] }

    public override func forward(_ input: Tensor) -> Tensor { residualForward(input) }
}
