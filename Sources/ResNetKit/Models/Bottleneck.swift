/// The three-layer residual block of ResNet-50/101/152: 1x1 conv reducing to `width`, 3x3 conv,
/// 1x1 conv expanding to `4 · width`, each with BN, then the shortcut is added and ReLU applied.
///
/// Input `[N, inputChannels, H, W]`, output `[N, 4 · width, ⌈H/stride⌉, ⌈W/stride⌉]`.
/// The stride sits on the 3x3 convolution as in torchvision ("ResNet v1.5"); pass
/// `strideOnFirstConvolution: true` for the original paper's placement on the first 1x1.
/// Children are named as in torchvision: `conv1`, `bn1`, `conv2`, `bn2`, `conv3`, `bn3`, `relu`,
/// `downsample`.
public final class Bottleneck: Module, ResidualBlock {
    /// Output channels per unit of the block's width.
    public static let expansion = 4

    /// The 1x1 reduction.
    public var conv1: Conv2d
    /// Normalises `conv1`'s output (see ``batchNorm1``).
    public var bn1: BatchNorm2d?
    /// The 3x3 convolution.
    public var conv2: Conv2d
    /// Normalises `conv2`'s output.
    public var bn2: BatchNorm2d?
    /// The 1x1 expansion.
    public var conv3: Conv2d
    /// Normalises `conv3`'s output.
    public var bn3: BatchNorm2d?
    let relu = ReLU()
    /// The shortcut when shapes change; `nil` for the identity or a plain block.
    public var downsample: Module?
    /// Whether the block adds its input back.
    public let isResidual: Bool

    /// Creates a bottleneck block whose output has `4 · width` channels.
    public init(
        inputChannels: Int, width: Int, stride: Int = 1, shortcut: ShortcutOption = .projection,
        strideOnFirstConvolution: Bool = false, batchNorm: Bool = true, residual: Bool = true,
        generator: inout RandomGenerator
    ) {
        let outputChannels = width * Bottleneck.expansion
        (conv1, bn1) = makeConvolutionStage(
            inputChannels, width, kernelSize: 1, stride: strideOnFirstConvolution ? stride : 1, batchNorm: batchNorm,
            generator: &generator)
        (conv2, bn2) = makeConvolutionStage(
            width, width, kernelSize: 3, stride: strideOnFirstConvolution ? 1 : stride, padding: 1, batchNorm: batchNorm,
            generator: &generator)
        (conv3, bn3) = makeConvolutionStage(width, outputChannels, kernelSize: 1, batchNorm: batchNorm, generator: &generator)
        isResidual = residual
        downsample = makeShortcut(
            inputChannels: inputChannels, outputChannels: outputChannels, stride: stride, option: shortcut,
            batchNorm: batchNorm, residual: residual, generator: &generator)
        super.init()
    }

    /// Creates a bottleneck block whose weights are drawn from a generator seeded with `seed`.
    public convenience init(
        inputChannels: Int, width: Int, stride: Int = 1, shortcut: ShortcutOption = .projection,
        strideOnFirstConvolution: Bool = false, batchNorm: Bool = true, residual: Bool = true, seed: UInt64 = 0
    ) {
        var generator = RandomGenerator(seed: seed)
        self.init(
            inputChannels: inputChannels, width: width, stride: stride, shortcut: shortcut,
            strideOnFirstConvolution: strideOnFirstConvolution, batchNorm: batchNorm, residual: residual,
            generator: &generator)
    }

    /// ``bn1`` of a block built with BN; stops with a message if it was built without.
    public var batchNorm1: BatchNorm2d { requireBatchNorm(bn1, "bn1") }
    /// ``bn2`` of a block built with BN; stops with a message if it was built without.
    public var batchNorm2: BatchNorm2d { requireBatchNorm(bn2, "bn2") }
    /// ``bn3`` of a block built with BN; stops with a message if it was built without.
    public var batchNorm3: BatchNorm2d { requireBatchNorm(bn3, "bn3") }

    var convolutionStages: [(convolution: Conv2d, batchNorm: BatchNorm2d?)] {
        [(conv1, bn1), (conv2, bn2), (conv3, bn3)]
    }

    public override func forward(_ input: Tensor) -> Tensor { residualForward(input) }
}
