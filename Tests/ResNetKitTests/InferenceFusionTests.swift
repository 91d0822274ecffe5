import ResNetKit
import ResNetKitTestSupport
import Testing

/// Evaluation without gradients runs each convolution with its batch norm, residual sum and
/// ReLU fused; evaluation with gradients on runs every layer on its own. Both must agree.
@Suite("Fused inference against layer-by-layer evaluation")
struct InferenceFusionTests {
    /// The model's evaluation-mode output fused (no gradients) and unfused (gradients on).
    static func bothWays(_ model: Module, _ input: Tensor) -> (fused: Tensor, unfused: Tensor) {
        model.eval()
        let fused = withoutGradients { model(input) }
        let unfused = model(input).detached()
        return (fused, unfused)
    }

    /// A few SGD steps in training mode, so running statistics and weights move away from
    /// their initial values (where BN's folding would be an identity).
    static func train(_ model: Module, _ input: Tensor, labels: [Int], steps: Int) {
        model.train()
        let optimizer = SGD(for: model, learningRate: 0.05, momentum: 0.9)
        for _ in 0..<steps {
            optimizer.zeroGradients()
            Tensor.crossEntropy(logits: model(input), labels: labels).backward()
            optimizer.step()
        }
    }

    @Test("CIFAR ResNet-20 with option-A shortcuts, and its plain twin without BN")
    func cifar() {
        for model in [CIFARResNet(depth: 20, inputChannels: 1, seed: 3), CIFARResNet(depth: 8, batchNorm: false, residual: false, seed: 4)] {
            let input = Tensor.normal([4, model.conv1.inputChannels, 12, 12], seed: 5)
            Self.train(model, input, labels: [1, 2, 3, 4], steps: 2)
            let (fused, unfused) = Self.bothWays(model, input)
            allClose(fused, unfused, relativeTolerance: 1e-4, absoluteTolerance: 1e-5)
        }
    }

    @Test("Narrow ResNet-18 and ResNet-50: projection shortcuts, bottlenecks and the ImageNet stem")
    func imageNet() {
        for block in [ResNet.Block.basic, .bottleneck] {
            let model = ResNet(block: block, blockCounts: [1, 1, 1, 1], classCount: 5, width: 8, seed: 6)
            let input = Tensor.normal([2, 3, 40, 40], seed: 7)
            Self.train(model, input, labels: [0, 4], steps: 2)
            let (fused, unfused) = Self.bothWays(model, input)
            allClose(fused, unfused, relativeTolerance: 1e-4, absoluteTolerance: 1e-5)
        }
    }

    @Test("Folded weights are recomputed after the weights or the running statistics change")
    func staleness() {
        let model = CIFARResNet(depth: 8, inputChannels: 1, seed: 8)
        let input = Tensor.normal([4, 1, 10, 10], seed: 9)
        let before = Self.bothWays(model, input)
        allClose(before.fused, before.unfused, relativeTolerance: 1e-4, absoluteTolerance: 1e-5)
        Self.train(model, input, labels: [0, 1, 2, 3], steps: 1)
        let after = Self.bothWays(model, input)
        allClose(after.fused, after.unfused, relativeTolerance: 1e-4, absoluteTolerance: 1e-5)
        #expect(after.fused != before.fused, "training changed the model, so its fused output must change")
        // A running statistic replaced by hand is seen too.
        model.bn1!.runningMean = Tensor.ones([model.bn1!.features])
        let edited = Self.bothWays(model, input)
        allClose(edited.fused, edited.unfused, relativeTolerance: 1e-4, absoluteTolerance: 1e-5)
    }

    @Test("A Sequential of convolution, batch norm and ReLU fuses; other layers run as they are")
    func sequential() {
        var generator = RandomGenerator(seed: 10)
        let model = Sequential([
            Conv2d(inputChannels: 3, outputChannels: 16, kernelSize: 3, padding: 1, generator: &generator),
            BatchNorm2d(features: 16), ReLU(), MaxPool2d(kernelSize: 2),
            Conv2d(inputChannels: 16, outputChannels: 8, kernelSize: 1, bias: true, generator: &generator),
            BatchNorm2d(features: 8),
        ])
        let input = Tensor.normal([2, 3, 8, 8], seed: 11)
        model.train()
        withoutGradients { _ = model(input) }  // moves the running statistics
        let (fused, unfused) = Self.bothWays(model, input)
        allClose(fused, unfused, relativeTolerance: 1e-4, absoluteTolerance: 1e-5)
    }
}
