/// The ImageNet ResNets of He et al. (2015) with torchvision's structure and parameter names:
/// a 7x7 stride-2 stem, 3x3 max pooling, four stages of residual blocks, global average
/// pooling and a fully connected classifier.
///
/// Input `[N, inputChannels, H, W]` (224x224 in the paper), output logits `[N, classCount]`.
/// Stage `k` has `64 · 2^(k-1)` channels (times 4 for bottleneck blocks); stages 2-4 halve
/// the resolution in their first block, whose shortcut is a 1x1 projection (option B).
public final class ResNet: Module {
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
    /// The four stages.
    public var layer1: Sequential, layer2: Sequential, layer3: Sequential, layer4: Sequential
    /// The classifier.
    public var fc: Linear
    /// The block type.
    public let block: Block
    /// Blocks per stage, e.g. `[2, 2, 2, 2]` for ResNet-18.
    public let blockCounts: [Int]
    private let relu = ReLU()
    private let maxpool = MaxPool2d(kernelSize: 3, stride: 2, padding: 1)
    private let avgpool = GlobalAvgPool2d()

    /// Creates an ImageNet-style ResNet.
    ///
    /// - Parameters:
    ///   - width: channels of the first stage (64 in the paper); smaller values make narrow test models.
    ///   - strideOnFirstConvolution: put a bottleneck's stride on its first 1x1 (the paper's v1)
    ///     instead of the 3x3 (torchvision's v1.5).
    ///   - residual: `false` builds the plain twin, without shortcuts.
    public init(
        block: Block, blockCounts: [Int], classCount: Int = 1000, inputChannels: Int = 3, width: Int = 64,
        strideOnFirstConvolution: Bool = false, batchNorm: Bool = true, residual: Bool = true, seed: UInt64 = 0
    ) {
        require(blockCounts.count == 4 && blockCounts.allSatisfy { $0 > 0 }, "ResNet needs four positive stage sizes, got \(blockCounts)")
        var generator = RandomGenerator(seed: seed)
        self.block = block
        self.blockCounts = blockCounts
        conv1 = Conv2d(
            inputChannels: inputChannels, outputChannels: width, kernelSize: 7, stride: 2, padding: 3,
            bias: !batchNorm, generator: &generator)
        bn1 = batchNorm ? BatchNorm2d(features: width) : nil
        var channels = width
        var stages: [Sequential] = []
        for (stage, count) in blockCounts.enumerated() {
            let planes = width << stage
            var blocks: [Module] = []
            for index in 0..<count {
                let stride = (stage > 0 && index == 0) ? 2 : 1
                switch block {
                case .basic:
                    blocks.append(BasicBlock(
                        inputChannels: channels, outputChannels: planes, stride: stride, shortcut: .projection,
                        batchNorm: batchNorm, residual: residual, generator: &generator))
                case .bottleneck:
                    blocks.append(Bottleneck(
                        inputChannels: channels, width: planes, stride: stride, shortcut: .projection,
                        strideOnFirstConvolution: strideOnFirstConvolution, batchNorm: batchNorm, residual: residual,
                        generator: &generator))
                }
                channels = planes * block.expansion
            }
            stages.append(Sequential(blocks))
        }
        (layer1, layer2, layer3, layer4) = (stages[0], stages[1], stages[2], stages[3])
        fc = Linear(inputFeatures: channels, outputFeatures: classCount, generator: &generator)
        super.init()
        assignPaths()
    }

    public override var children: [(name: String, module: Module)] {
        var result: [(String, Module)] = [("conv1", conv1)]
        if let bn1 { result.append(("bn1", bn1)) }
        result += [
            ("relu", relu), ("maxpool", maxpool), ("layer1", layer1), ("layer2", layer2), ("layer3", layer3),
            ("layer4", layer4), ("avgpool", avgpool), ("fc", fc),
        ]
        return result
    }

    public override func forward(_ input: Tensor) -> Tensor {
        var x: Tensor
        if InferenceFusion.applies(to: [self, bn1]) {
            x = maxpool(conv1.fusedForInference(input, batchNorm: bn1, relu: true))
        } else {
            x = conv1(input)
            if let bn1 { x = bn1(x) }
            x = maxpool(relu(x))
        }
        x = layer4(layer3(layer2(layer1(x))))
        return fc(avgpool(x).flattened(fromAxis: 1))
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
