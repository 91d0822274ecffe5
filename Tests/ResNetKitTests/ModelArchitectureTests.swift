import Testing
@testable import ResNetKit

@Suite("Model architectures")
struct ModelArchitectureTests {
    @Test(
        "ImageNet ResNets have torchvision's parameter counts and multiply-adds",
        arguments: [
            ("resnet18", 11_689_512, 1.814),
            ("resnet34", 21_797_672, 3.664),
            ("resnet50", 25_557_032, 4.089),
            ("resnet101", 44_549_160, 7.801),
            ("resnet152", 60_192_808, 11.514),
        ])
    func imageNetCounts(name: String, parameters: Int, gigaMultiplyAdds: Double) throws {
        let model = try ModelCatalog.makeModel(named: name)
        #expect(model.parameterCount == parameters)
        let summary = ModelSummary(of: model, inputShape: [1, 3, 224, 224])
        #expect(summary.totalParameters == parameters)
        #expect(summary.rows.map(\.parameters).reduce(0, +) == parameters)
        let measured = Double(summary.totalMultiplyAdds) / 1e9
        #expect((measured * 1000).rounded() / 1000 == gigaMultiplyAdds, "\(name): \(measured) G multiply-adds")
        #expect(summary.rows.last?.outputShape == [1, 1000])
    }

    @Test(
        "CIFAR ResNets (option A) have the paper's parameter counts",
        arguments: [(20, 269_722), (32, 464_154), (44, 658_586), (56, 853_018), (110, 1_727_962)])
    func cifarCounts(depth: Int, parameters: Int) {
        let model = CIFARResNet(depth: depth)
        #expect(model.parameterCount == parameters)
        #expect(model.convolutionLayers.count == depth - 1)
    }

    @Test("Option B adds 2,752 parameters to ResNet-20; the plain twin has option A's count")
    func shortcutOptions() {
        let a = CIFARResNet(depth: 20, shortcut: .zeroPadding)
        let b = CIFARResNet(depth: 20, shortcut: .projection)
        let plain = CIFARResNet(depth: 20, residual: false)
        #expect(b.parameterCount - a.parameterCount == 2_752)
        #expect(plain.parameterCount == a.parameterCount)
    }

    @Test("A BasicBlock at 64 channels has 73,984 parameters")
    func basicBlockParameters() {
        var generator = RandomGenerator(seed: 1)
        let block = BasicBlock(inputChannels: 64, outputChannels: 64, generator: &generator)
        #expect(block.parameterCount == 73_984)
        #expect(block.downsample == nil)
    }

    @Test("The ResNet-50 v1 placement of the stride costs 3.858 G multiply-adds against v1.5's 4.089 G")
    func bottleneckStridePlacement() {
        let v1 = ResNet(block: .bottleneck, blockCounts: [3, 4, 6, 3], strideOnFirstConvolution: true)
        let summary = ModelSummary(of: v1, inputShape: [1, 3, 224, 224])
        #expect((Double(summary.totalMultiplyAdds) / 1e6).rounded() / 1000 == 3.858)
        #expect(v1.parameterCount == 25_557_032)
    }

    @Test("Stage output shapes of ResNet-18 and ResNet-50 at 224x224")
    func stageShapes() {
        let r18 = ModelSummary(of: ResNet.resnet18(), inputShape: [1, 3, 224, 224]).grouped(depth: 1)
        let shapes18 = Dictionary(uniqueKeysWithValues: r18.map { ($0.name, $0.outputShape) })
        #expect(shapes18["conv1"] == [1, 64, 112, 112])
        #expect(shapes18["maxpool"] == [1, 64, 56, 56])
        #expect(shapes18["layer1"] == [1, 64, 56, 56])
        #expect(shapes18["layer2"] == [1, 128, 28, 28])
        #expect(shapes18["layer3"] == [1, 256, 14, 14])
        #expect(shapes18["layer4"] == [1, 512, 7, 7])
        let r50 = ModelSummary(of: ResNet.resnet50(), inputShape: [1, 3, 224, 224]).grouped(depth: 1)
        let shapes50 = Dictionary(uniqueKeysWithValues: r50.map { ($0.name, $0.outputShape) })
        #expect(shapes50["layer1"] == [1, 256, 56, 56])
        #expect(shapes50["layer4"] == [1, 2048, 7, 7])
    }

    @Test("Parameter names follow torchvision's state dict")
    func stateDictNames() {
        let names = ResNet.resnet18().stateDict().map(\.name)
        #expect(names.prefix(7) == ["conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked", "layer1.0.conv1.weight"])
        #expect(names.contains("layer2.0.downsample.0.weight"))
        #expect(names.contains("layer2.0.downsample.1.running_var"))
        #expect(names.suffix(2) == ["fc.weight", "fc.bias"])
        #expect(names.count == 122)
    }
}
