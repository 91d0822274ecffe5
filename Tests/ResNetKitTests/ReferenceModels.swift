import ResNetKit

// Test-only twins of torchvision's BasicBlock, Bottleneck and ResNet, built from the library's
// layers with torchvision's state-dict names, so the fixtures check the layers as they compose
// in a real network independently of the library's own model classes.

/// A residual block of the reference networks.
protocol ReferenceBlock: Module {
    /// Output channels per `planes`.
    static var expansion: Int { get }
    init(inPlanes: Int, planes: Int, stride: Int, downsample: Sequential?, generator: inout RandomGenerator)
}

/// torchvision's `conv1x1` + `BatchNorm2d` projection shortcut (option B).
func referenceDownsample(inPlanes: Int, outPlanes: Int, stride: Int, generator: inout RandomGenerator) -> Sequential {
    Sequential([
        Conv2d(inputChannels: inPlanes, outputChannels: outPlanes, kernelSize: 1, stride: stride, generator: &generator),
        BatchNorm2d(features: outPlanes),
    ])
}

/// torchvision's `BasicBlock`: two 3x3 convolutions, the first with the stride.
final class ReferenceBasicBlock: Module, ReferenceBlock {
    static let expansion = 1
    let conv1: Conv2d
    let bn1: BatchNorm2d
    let conv2: Conv2d
    let bn2: BatchNorm2d
    let downsample: Sequential?

    init(inPlanes: Int, planes: Int, stride: Int, downsample: Sequential?, generator: inout RandomGenerator) {
        conv1 = Conv2d(inputChannels: inPlanes, outputChannels: planes, kernelSize: 3, stride: stride, padding: 1, generator: &generator)
        bn1 = BatchNorm2d(features: planes)
        conv2 = Conv2d(inputChannels: planes, outputChannels: planes, kernelSize: 3, padding: 1, generator: &generator)
        bn2 = BatchNorm2d(features: planes)
        self.downsample = downsample
        super.init()
    }

    override var children: [(name: String, module: Module)] {
        [("conv1", conv1), ("bn1", bn1), ("conv2", conv2), ("bn2", bn2)] + (downsample.map { [("downsample", $0)] } ?? [])
    }

    override func forward(_ input: Tensor) -> Tensor {
        let out = bn2(conv2(bn1(conv1(input)).relu()))
        let identity = downsample?(input) ?? input
        return (out + identity).relu()
    }
}

/// torchvision's `Bottleneck` (v1.5): 1x1, 3x3 with the stride, 1x1 expanding by four.
final class ReferenceBottleneck: Module, ReferenceBlock {
    static let expansion = 4
    let conv1: Conv2d
    let bn1: BatchNorm2d
    let conv2: Conv2d
    let bn2: BatchNorm2d
    let conv3: Conv2d
    let bn3: BatchNorm2d
    let downsample: Sequential?

    init(inPlanes: Int, planes: Int, stride: Int, downsample: Sequential?, generator: inout RandomGenerator) {
        conv1 = Conv2d(inputChannels: inPlanes, outputChannels: planes, kernelSize: 1, generator: &generator)
        bn1 = BatchNorm2d(features: planes)
        conv2 = Conv2d(inputChannels: planes, outputChannels: planes, kernelSize: 3, stride: stride, padding: 1, generator: &generator)
        bn2 = BatchNorm2d(features: planes)
        conv3 = Conv2d(inputChannels: planes, outputChannels: planes * Self.expansion, kernelSize: 1, generator: &generator)
        bn3 = BatchNorm2d(features: planes * Self.expansion)
        self.downsample = downsample
        super.init()
    }

    override var children: [(name: String, module: Module)] {
        [("conv1", conv1), ("bn1", bn1), ("conv2", conv2), ("bn2", bn2), ("conv3", conv3), ("bn3", bn3)]
            + (downsample.map { [("downsample", $0)] } ?? [])
    }

    override func forward(_ input: Tensor) -> Tensor {
        var out = bn1(conv1(input)).relu()
        out = bn2(conv2(out)).relu()
        out = bn3(conv3(out))
        let identity = downsample?(input) ?? input
        return (out + identity).relu()
    }
}

/// torchvision's `ResNet` with the ImageNet stem and a base width that may be narrower than 64.
final class ReferenceResNet: Module {
    let conv1: Conv2d
    let bn1: BatchNorm2d
    let maxpool = MaxPool2d(kernelSize: 3, stride: 2, padding: 1)
    let layers: [Sequential]
    let avgpool = GlobalAvgPool2d()
    let fc: Linear

    init<Block: ReferenceBlock>(block: Block.Type, layerSizes: [Int], width: Int = 64, classes: Int = 1000, seed: UInt64 = 0) {
        var generator = RandomGenerator(seed: seed)
        conv1 = Conv2d(inputChannels: 3, outputChannels: width, kernelSize: 7, stride: 2, padding: 3, generator: &generator)
        bn1 = BatchNorm2d(features: width)
        var inPlanes = width
        var stages: [Sequential] = []
        for (index, count) in layerSizes.enumerated() {
            let planes = width << index
            let stride = index == 0 ? 1 : 2
            var blocks: [Module] = []
            for position in 0..<count {
                let s = position == 0 ? stride : 1
                let downsample = (s != 1 || inPlanes != planes * Block.expansion)
                    ? referenceDownsample(inPlanes: inPlanes, outPlanes: planes * Block.expansion, stride: s, generator: &generator)
                    : nil
                blocks.append(Block(inPlanes: inPlanes, planes: planes, stride: s, downsample: downsample, generator: &generator))
                inPlanes = planes * Block.expansion
            }
            stages.append(Sequential(blocks))
        }
        layers = stages
        fc = Linear(inputFeatures: inPlanes, outputFeatures: classes, generator: &generator)
        super.init()
    }

    override var children: [(name: String, module: Module)] {
        [("conv1", conv1), ("bn1", bn1), ("maxpool", maxpool)]
            + layers.enumerated().map { ("layer\($0.offset + 1)", $0.element) }
            + [("avgpool", avgpool), ("fc", fc)]
    }

    override func forward(_ input: Tensor) -> Tensor {
        var x = maxpool(bn1(conv1(input)).relu())
        for stage in layers { x = stage(x) }
        return fc(avgpool(x).flattened(fromAxis: 1))
    }
}
