/// The ImageNet ResNets of He et al. (2015) with torchvision's structure and parameter names:
/// a 7x7 stride-2 stem, 3x3 max pooling, four stages of residual blocks, global average
/// pooling and a fully connected classifier.
///
/// Input `[N, inputChannels, H, W]` (224x224 in the paper), output logits `[N, classCount]`.
/// Stage `k` has `64 · 2^(k-1)` channels (times 4 for bottleneck blocks); stages 2-4 halve
/// the resolution in their first block, whose shortcut is a 1x1 projection (option B).
public final class ResNet: Module, ResidualNetwork {
    /// Which residual block the stages are built from.
    public enum Block: String, Codable, Hashable, Sendable {
        /// Two 3x3 convolutions (ResNet-18/34).
        case basic
        /// 1x1, 3x3, 1x1 with expansion 4 (ResNet-50/101/152).
        case bottleneck

        var expansion: Int { self == .basic ? BasicBlock.expansion : Bottleneck.expansion }
    }

    /// The stem's 7x7 stride-2 convolution.
    public var conv1: Conv2d
    /// The stem's batch normalisation.
    public var bn1: BatchNorm2d?
    let relu = ReLU()
    let maxpool = MaxPool2d(kernelSize: 3, stride: 2, padding: 1)
    /// The four stages.
    public var layer1: Sequential, layer2: Sequential, layer3: Sequential, layer4: Sequential
    let avgpool = GlobalAvgPool2d()
    /// The classifier.
    public var fc: Linear
    /// The block type.
    public let block: Block
    /// Blocks per stage, e.g. `[2, 2, 2, 2]` for ResNet-18.
    public let blockCounts: [Int]

    /// Creates an ImageNet-style ResNet.
    ///
    /// - Parameters:
    ///   - width: channels of the first stage (64 in the paper); smaller values make narrow test models.
    ///   - strideOnFirstConvolution: put a bottleneck's stride on its first 1x1 (the paper's v1)
    ///     instead of the 3x3 (torchvision's v1.5).
    ///   - residual: `false` builds the plain twin, without shortcuts.
    public init(
        block: Block, blockCounts: [Int], classCount: Int = 1000, inputChannels: Int = 3, width: Int = 64,
        strideOnFirstConvolution: Bool = false, batchNorm: Bool = true, residual: Bool = true,
        generator: inout RandomGenerator
    ) {
        require(blockCounts.count == 4 && blockCounts.allSatisfy { $0 > 0 }, "ResNet needs four positive stage sizes, got \(blockCounts)")
        self.block = block
        self.blockCounts = blockCounts
        (conv1, bn1) = makeConvolutionStage(
            inputChannels, width, kernelSize: 7, stride: 2, padding: 3, batchNorm: batchNorm, generator: &generator)
        let (stages, channels) = makeResidualStages(
            blockCounts: blockCounts, width: width, expansion: block.expansion, generator: &generator
        ) { inputChannels, planes, stride, generator -> Module in
            switch block {
            case .basic:
                BasicBlock(
                    inputChannels: inputChannels, outputChannels: planes, stride: stride, shortcut: .projection,
                    batchNorm: batchNorm, residual: residual, generator: &generator)
            case .bottleneck:
                Bottleneck(
                    inputChannels: inputChannels, width: planes, stride: stride, shortcut: .projection,
                    strideOnFirstConvolution: strideOnFirstConvolution, batchNorm: batchNorm, residual: residual,
                    generator: &generator)
            }
        }
        (layer1, layer2, layer3, layer4) = (stages[0], stages[1], stages[2], stages[3])
        fc = Linear(inputFeatures: channels, outputFeatures: classCount, generator: &generator)
        super.init()
    }

    /// Creates an ImageNet-style ResNet whose weights are drawn from a generator seeded with `seed`.
    public convenience init(
        block: Block, blockCounts: [Int], classCount: Int = 1000, inputChannels: Int = 3, width: Int = 64,
        strideOnFirstConvolution: Bool = false, batchNorm: Bool = true, residual: Bool = true, seed: UInt64 = 0
    ) {
        var generator = RandomGenerator(seed: seed)
        self.init(
            block: block, blockCounts: blockCounts, classCount: classCount, inputChannels: inputChannels, width: width,
            strideOnFirstConvolution: strideOnFirstConvolution, batchNorm: batchNorm, residual: residual,
            generator: &generator)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        head(layer4(layer3(layer2(layer1(maxpool(stem(input)))))))
    }
}

extension ResNet {
    /// ResNet-18: basic blocks `[2, 2, 2, 2]`, 11,689,512 parameters with 1000 classes.
    public static func resnet18(classCount: Int = 1000, inputChannels: Int = 3, seed: UInt64 = 0) -> ResNet {
        ResNet(block: .basic, blockCounts: [2, 2, 2, 2], classCount: classCount, inputChannels: inputChannels, seed: seed)
    }

    /// ResNet-34: basic blocks `[3, 4, 6, 3]`.
    public static func resnet34(classCount: Int = 1000, inputChannels: Int = 3, seed: UInt64 = 0) -> ResNet {
        ResNet(block: .basic, blockCounts: [3, 4, 6, 3], classCount: classCount, inputChannels: inputChannels, seed: seed)
    }

    /// ResNet-50: bottleneck blocks `[3, 4, 6, 3]`.
    public static func resnet50(classCount: Int = 1000, inputChannels: Int = 3, seed: UInt64 = 0) -> ResNet {
        ResNet(block: .bottleneck, blockCounts: [3, 4, 6, 3], classCount: classCount, inputChannels: inputChannels, seed: seed)
    }

    /// ResNet-101: bottleneck blocks `[3, 4, 23, 3]`.
    public static func resnet101(classCount: Int = 1000, inputChannels: Int = 3, seed: UInt64 = 0) -> ResNet {
        ResNet(block: .bottleneck, blockCounts: [3, 4, 23, 3], classCount: classCount, inputChannels: inputChannels, seed: seed)
    }

    /// ResNet-152: bottleneck blocks `[3, 8, 36, 3]`.
    public static func resnet152(classCount: Int = 1000, inputChannels: Int = 3, seed: UInt64 = 0) -> ResNet {
        ResNet(block: .bottleneck, blockCounts: [3, 8, 36, 3], classCount: classCount, inputChannels: inputChannels, seed: seed)
    }
}
