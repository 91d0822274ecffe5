import Testing
@testable import ResNetKit

/// A model written the way a lesson would: stored layers, an optional one, an array, a forward.
private final class TinyNet: Module {
    @Parameter var scale = Tensor.ones([1])
    @Buffer("seen_batches") var seenBatches = Tensor(0)
    let conv = Conv2d(inputChannels: 1, outputChannels: 4, kernelSize: 3, padding: 1, seed: 1)
    var norm: BatchNorm2d?
    let heads: [Linear]

    init(batchNorm: Bool) {
        norm = batchNorm ? BatchNorm2d(features: 4) : nil
        heads = [Linear(inputFeatures: 4, outputFeatures: 2, seed: 2), Linear(inputFeatures: 4, outputFeatures: 3, seed: 3)]
        super.init()
    }

    override func forward(_ input: Tensor) -> Tensor {
        var x = conv(input) * scale
        if let norm { x = norm(x) }
        return heads[0](Tensor.globalAveragePool(x.relu()).flattened(fromAxis: 1))
    }
}

@Suite("Modules find their parameters, buffers and children from their stored properties")
struct ModuleRegistrationTests {
    @Test("State-dict names and order: own parameters, own buffers, then children in declaration order")
    func stateDictOrder() {
        #expect(TinyNet(batchNorm: true).stateDict().map(\.name) == [
            "scale", "seen_batches", "conv.weight",
            "norm.weight", "norm.bias", "norm.running_mean", "norm.running_var", "norm.num_batches_tracked",
            "heads.0.weight", "heads.0.bias", "heads.1.weight", "heads.1.bias",
        ])
        #expect(TinyNet(batchNorm: false).namedModules().map(\.name) == ["", "conv", "heads.0", "heads.1"])
    }

    @Test("Blocks list their children in torchvision's order")
    func blockChildren() {
        let basic = BasicBlock(inputChannels: 8, outputChannels: 16, stride: 2, seed: 1)
        #expect(basic.children.map(\.name) == ["conv1", "bn1", "relu", "conv2", "bn2", "downsample"])
        let bottleneck = Bottleneck(inputChannels: 8, width: 4, seed: 1)
        #expect(bottleneck.children.map(\.name) == ["conv1", "bn1", "conv2", "bn2", "conv3", "bn3", "relu", "downsample"])
        let plain = BasicBlock(inputChannels: 8, outputChannels: 8, batchNorm: false, residual: false, seed: 1)
        #expect(plain.children.map(\.name) == ["conv1", "relu", "conv2"])
        #expect(plain.namedParameters().map(\.name) == ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias"])
    }

    @Test("Paths are known as soon as a model is built, and follow a child assigned later")
    func paths() {
        let model = ResNet(block: .basic, blockCounts: [1, 1, 1, 1], classCount: 10, width: 4)
        let conv = model.module(named: "layer2.0.downsample.0")
        #expect(conv?.path == "layer2.0.downsample.0")
        let fresh = ResNet(block: .basic, blockCounts: [1, 1, 1, 1], classCount: 10, width: 4)
        #expect((fresh.layer3.layers[0] as? BasicBlock)?.conv2.path == "layer3.0.conv2")
        fresh.fc = Linear(inputFeatures: 32, outputFeatures: 5)
        _ = fresh.namedModules()
        #expect(fresh.fc.path == "fc")
        let tiny = TinyNet(batchNorm: true)
        withExtendedLifetime(tiny) { #expect(tiny.norm?.path == "norm") }
    }

    @Test("Every parameter is a trainable leaf")
    func parametersAreLeaves() {
        let model = TinyNet(batchNorm: true)
        #expect(model.parameters.allSatisfy { $0.requiresGradient && $0.isLeaf })
        #expect(model.stateDict().count == model.namedParameters().count + 4)
    }
}
