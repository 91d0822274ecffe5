/// The CIFAR-10 networks of He et al. (2015, section 4.2): `6n + 2` layers in three stages of
/// `n` basic blocks with 16, 32 and 64 channels, on 32x32 (or 28x28) images.
///
/// Input `[N, inputChannels, H, W]`, output logits `[N, classCount]`. Stages 2 and 3 halve the
/// resolution in their first block. With `residual: false` it is the paper's plain net of the
/// same depth; with `batchNorm: false`, convolutions carry a bias instead of BN.
/// Parameter names follow torchvision's ResNet (`conv1`, `bn1`, `layer1.0.conv1`, …, `fc`).
public final class CIFARResNet: Module, ResidualNetwork {
    /// The 3x3 stem convolution.
    public var conv1: Conv2d
    /// The stem's batch normalisation.
    public var bn1: BatchNorm2d?
    let relu = ReLU()
    /// The three stages.
    public var layer1: Sequential, layer2: Sequential, layer3: Sequential
    let avgpool = GlobalAvgPool2d()
    /// The classifier.
    public var fc: Linear
    /// Total weighted layers, `6n + 2`.
    public let depth: Int
    /// How downsampling blocks match dimensions.
    public let shortcut: ShortcutOption

    /// Creates a CIFAR-style ResNet (or its plain twin) of depth `6n + 2`.
    ///
    /// - Parameter width: channels of the first stage (16 in the paper).
    public init(
        depth: Int, classCount: Int = 10, inputChannels: Int = 3, shortcut: ShortcutOption = .zeroPadding,
        batchNorm: Bool = true, residual: Bool = true, width: Int = 16, generator: inout RandomGenerator
    ) {
        require(depth >= 8 && (depth - 2) % 6 == 0, "A CIFAR ResNet has depth 6n + 2 (20, 32, 44, 56, 110), got \(depth)")
        self.depth = depth
        self.shortcut = shortcut
        (conv1, bn1) = makeConvolutionStage(
            inputChannels, width, kernelSize: 3, padding: 1, batchNorm: batchNorm, generator: &generator)
        let n = (depth - 2) / 6
        let (stages, channels) = makeResidualStages(
            blockCounts: [n, n, n], width: width, expansion: BasicBlock.expansion, generator: &generator
        ) { inputChannels, planes, stride, generator in
            BasicBlock(
                inputChannels: inputChannels, outputChannels: planes, stride: stride, shortcut: shortcut,
                batchNorm: batchNorm, residual: residual, generator: &generator)
        }
        (layer1, layer2, layer3) = (stages[0], stages[1], stages[2])
        fc = Linear(inputFeatures: channels, outputFeatures: classCount, generator: &generator)
        super.init()
    }

    /// Creates a CIFAR-style ResNet whose weights are drawn from a generator seeded with `seed`.
    public convenience init(
        depth: Int, classCount: Int = 10, inputChannels: Int = 3, shortcut: ShortcutOption = .zeroPadding,
        batchNorm: Bool = true, residual: Bool = true, width: Int = 16, seed: UInt64 = 0
    ) {
        var generator = RandomGenerator(seed: seed)
        self.init(
            depth: depth, classCount: classCount, inputChannels: inputChannels, shortcut: shortcut,
            batchNorm: batchNorm, residual: residual, width: width, generator: &generator)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        head(layer3(layer2(layer1(stem(input)))))
    }

    /// The convolutions in forward order, with their paths: the `6n + 1` weighted layers
    /// before the classifier, which lessons plot gradient norms over.
    public var convolutionLayers: [(name: String, layer: Conv2d)] {
        namedModules().compactMap { entry in
            guard let conv = entry.module as? Conv2d, !entry.name.hasSuffix("downsample.0") else { return nil }
            return (entry.name, conv)
        }
    }
}
