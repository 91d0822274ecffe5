/// The CIFAR-10 networks of He et al. (2015, section 4.2): `6n + 2` layers in three stages of
/// `n` basic blocks with 16, 32 and 64 channels, on 32x32 (or 28x28) images.
///
/// Input `[N, inputChannels, H, W]`, output logits `[N, classCount]`. Stages 2 and 3 halve the
/// resolution in their first block. With `residual: false` it is the paper's plain net of the
/// same depth; with `batchNorm: false`, convolutions carry a bias instead of BN.
/// Parameter names follow torchvision's ResNet (`conv1`, `bn1`, `layer1.0.conv1`, …, `fc`).
public final class CIFARResNet: Module {
    /// The 3x3 stem convolution.
    public var conv1: Conv2d
    /// The stem's batch normalisation.
    public var bn1: BatchNorm2d?
    /// The three stages.
    public var layer1: Sequential, layer2: Sequential, layer3: Sequential
    /// The classifier.
    public var fc: Linear
    /// Total weighted layers, `6n + 2`.
    public let depth: Int
    /// How downsampling blocks match dimensions.
    public let shortcut: ShortcutOption
    private let relu = ReLU()
    private let avgpool = GlobalAvgPool2d()

    /// Creates a CIFAR-style ResNet (or its plain twin) of depth `6n + 2`.
    ///
    /// - Parameter width: channels of the first stage (16 in the paper).
    public init(
        depth: Int, classCount: Int = 10, inputChannels: Int = 3, shortcut: ShortcutOption = .zeroPadding,
        batchNorm: Bool = true, residual: Bool = true, width: Int = 16, seed: UInt64 = 0
    ) {
        require(depth >= 8 && (depth - 2) % 6 == 0, "A CIFAR ResNet has depth 6n + 2 (20, 32, 44, 56, 110), got \(depth)")
        let n = (depth - 2) / 6
        var generator = RandomGenerator(seed: seed)
        self.depth = depth
        self.shortcut = shortcut
        conv1 = Conv2d(
            inputChannels: inputChannels, outputChannels: width, kernelSize: 3, padding: 1, bias: !batchNorm,
            generator: &generator)
        bn1 = batchNorm ? BatchNorm2d(features: width) : nil
        var channels = width
        var stages: [Sequential] = []
        for stage in 0..<3 {
            let planes = width << stage
            var blocks: [Module] = []
            for index in 0..<n {
                blocks.append(BasicBlock(
                    inputChannels: channels, outputChannels: planes, stride: (stage > 0 && index == 0) ? 2 : 1,
                    shortcut: shortcut, batchNorm: batchNorm, residual: residual, generator: &generator))
                channels = planes
            }
            stages.append(Sequential(blocks))
        }
        (layer1, layer2, layer3) = (stages[0], stages[1], stages[2])
        fc = Linear(inputFeatures: channels, outputFeatures: classCount, generator: &generator)
        super.init()
        assignPaths()
    }

    public override var children: [(name: String, module: Module)] {
        var result: [(String, Module)] = [("conv1", conv1)]
        if let bn1 { result.append(("bn1", bn1)) }
        result += [("relu", relu), ("layer1", layer1), ("layer2", layer2), ("layer3", layer3), ("avgpool", avgpool), ("fc", fc)]
        return result
    }

    public override func forward(_ input: Tensor) -> Tensor {
        var x: Tensor
        if InferenceFusion.applies(to: [self, bn1]) {
            x = conv1.fusedForInference(input, batchNorm: bn1, relu: true)
        } else {
            x = conv1(input)
            if let bn1 { x = bn1(x) }
            x = relu(x)
        }
        x = layer3(layer2(layer1(x)))
        return fc(avgpool(x).flattened(fromAxis: 1))
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
