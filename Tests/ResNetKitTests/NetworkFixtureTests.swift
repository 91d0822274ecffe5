import Foundation
import ResNetKit
import ResNetKitTestSupport
import Testing

/// PyTorch's SGD update (momentum, weight decay, no dampening, no Nesterov), written here because
/// the library's optimiser lives on another branch: `d = g + wd·p`, `buf = d` on the first step and
/// `momentum·buf + d` after, then `p -= lr·buf`.
private struct ReferenceSGD {
    let learningRate: Float
    let momentum: Float
    let weightDecay: Float
    private var buffers: [String: [Float]] = [:]

    init(learningRate: Float, momentum: Float, weightDecay: Float) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    mutating func step(_ model: Module) {
        var buffers = self.buffers
        model.updateParameters { name, parameter in
            guard let gradient = parameter.gradient else { return }
            let p = parameter.values
            let direction = zip(gradient.values, p).map { $0 + weightDecay * $1 }
            let buffer = buffers[name].map { zip($0, direction).map { momentum * $0 + $1 } } ?? direction
            buffers[name] = buffer
            parameter.assign(Tensor(shape: parameter.shape, values: zip(p, buffer).map { $0 - learningRate * $1 }))
        }
        self.buffers = buffers
    }
}

@Suite("PyTorch fixtures: blocks and networks")
struct NetworkFixtureTests {
    let fixtures = FixtureDirectory.bundled

    /// Compares a block's forward pass, input and parameter gradients and updated buffers with torch.
    private func checkBlock<Block: ReferenceBlock>(_: Block.Type, file: String, mode: String) throws {
        let fixture = try fixtures.safeTensors(file)
        let config = try #require(fixture.settings()["config"] as? [String: Int])
        let (inPlanes, planes, stride) = (config["in_planes"]!, config["planes"]!, config["stride"]!)
        var generator = RandomGenerator(seed: 0)
        let block = Block(
            inPlanes: inPlanes, planes: planes, stride: stride,
            downsample: referenceDownsample(inPlanes: inPlanes, outPlanes: planes * Block.expansion, stride: stride, generator: &generator),
            generator: &generator)
        try block.loadStateDict(fixture.group("\(mode).state"))
        if mode == "eval" { block.eval() }

        // In training mode the gradients pass through batch statistics, where float32 cancellation
        // costs precision: torch's own float32 gradients differ from a float64 run by up to 1.6e-4
        // (relative) on the bottleneck, so two float32 implementations need 1e-3 between them.
        let summary = ErrorSummary(
            "\(file) \(mode)", relativeTolerance: mode == "train" ? 1e-3 : 1e-4, absoluteTolerance: 1e-5)
        defer { summary.report() }
        var input = try fixture.tensor("\(mode).input")
        input.requiresGradient = true
        let output = block(input)
        (output * (try fixture.tensor("\(mode).upstream"))).sum().backward()
        summary.check(output, try fixture.tensor("\(mode).output"), "output")
        summary.check(input.gradient, try fixture.tensor("\(mode).grad_input"), "input gradient")
        let gradients = fixture.group("\(mode).grad")
        #expect(Set(gradients.keys) == Set(block.namedParameters().map(\.name)))
        for (name, parameter) in block.namedParameters() {
            summary.check(parameter.gradient, try #require(gradients[name]), "gradient of \(name)")
        }
        let after = fixture.group("\(mode).after")
        for (name, tensor) in block.stateDict() {
            summary.check(tensor, try #require(after[name]), "after: \(name)")
        }
    }

    @Test("BasicBlock with a projection shortcut matches torchvision's", arguments: ["train", "eval"])
    func basicBlock(mode: String) throws {
        try checkBlock(ReferenceBasicBlock.self, file: "basic_block.safetensors", mode: mode)
    }

    @Test("Bottleneck (stride on the 3x3) with a projection shortcut matches torchvision's", arguments: ["train", "eval"])
    func bottleneck(mode: String) throws {
        try checkBlock(ReferenceBottleneck.self, file: "bottleneck.safetensors", mode: mode)
    }

    @Test("A state dict saved by torch loads with loadWeights(from:), num_batches_tracked included")
    func loadTorchStateDict() throws {
        var generator = RandomGenerator(seed: 0)
        let basic = ReferenceBasicBlock(
            inPlanes: 4, planes: 8, stride: 2,
            downsample: referenceDownsample(inPlanes: 4, outPlanes: 8, stride: 2, generator: &generator), generator: &generator)
        let bottleneck = ReferenceBottleneck(
            inPlanes: 8, planes: 4, stride: 2,
            downsample: referenceDownsample(inPlanes: 8, outPlanes: 16, stride: 2, generator: &generator), generator: &generator)
        for (block, file) in [(basic as Module, "basic_block"), (bottleneck, "bottleneck")] {
            try block.loadWeights(from: fixtures.url.appendingPathComponent("\(file)_state_dict.safetensors"))
            let expected = try fixtures.safeTensors("\(file).safetensors").group("train.state")
            for (name, tensor) in block.stateDict() {
                #expect(tensor == expected[name], "\(file): \(name)")
            }
        }
    }

    @Test("A narrow ResNet-18 matches torch through forward, backward and two SGD steps")
    func resnet18TrainingSteps() throws {
        let fixture = try fixtures.safeTensors("resnet18_narrow.safetensors")
        let config = try fixture.settings()["config"] as? [String: Any]
        let width = try #require(config?["width"] as? Int)
        let model = ReferenceResNet(block: ReferenceBasicBlock.self, layerSizes: [2, 2, 2, 2], width: width, classes: 10)
        try model.loadStateDict(fixture.group("state"))
        // The Python writer sorts names, so compare as sets; the order is checked against torchvision below.
        #expect(Set(fixture.group("state").keys) == Set(model.stateDict().map(\.name)))

        let input = try fixture.tensor("input")
        let labels = try fixture.labels("labels")
        var optimizer = ReferenceSGD(learningRate: 0.1, momentum: 0.9, weightDecay: 5e-4)
        // Two steps of gradients through 20 layers of float32 sums: the errors compound, and
        // small gradients lose relative precision first. torch's own float32 gradients differ from
        // a float64 run by up to 3.7e-3 relative (layer3.0.bn2.bias), so the absolute tolerance
        // carries the elements whose gradients cancel to almost nothing.
        let outputs = ErrorSummary("resnet18_narrow logits and loss", relativeTolerance: 1e-3, absoluteTolerance: 1e-5)
        let gradientSummary = ErrorSummary("resnet18_narrow step-1 gradients", relativeTolerance: 1e-3, absoluteTolerance: 1e-5)
        let states = ErrorSummary("resnet18_narrow state after SGD steps", relativeTolerance: 1e-3, absoluteTolerance: 1e-5)
        defer { [outputs, gradientSummary, states].forEach { $0.report() } }
        for step in 1...2 {
            model.zeroGradients()
            let logits = model(input)
            let loss = Tensor.crossEntropy(logits: logits, labels: labels)
            loss.backward()
            outputs.check(logits, try fixture.tensor("step\(step).logits"), "step \(step) logits")
            outputs.check(loss, try fixture.tensor("step\(step).loss"), "step \(step) loss")
            if step == 1 {
                let gradients = fixture.group("step1.grad")
                #expect(gradients.count == model.namedParameters().count)
                for (name, parameter) in model.namedParameters() {
                    gradientSummary.check(parameter.gradient, try #require(gradients[name]), "step 1 gradient of \(name)")
                }
            }
            optimizer.step(model)
            let after = fixture.group("step\(step).after")
            for (name, tensor) in model.stateDict() {
                states.check(tensor, try #require(after[name]), "after step \(step): \(name)")
            }
        }
    }

    @Test("The reference networks have torchvision's ResNet-18 and ResNet-50 state-dict names and shapes", arguments: [
        ("resnet18", 11_689_512), ("resnet50", 25_557_032),
    ])
    func torchvisionStateDicts(name: String, parameters: Int) throws {
        let json = try JSONSerialization.jsonObject(with: fixtures.data("torchvision_state_dicts.json")) as? [String: Any]
        let entry = try #require(json?[name] as? [String: Any])
        let expected = try #require(entry["state_dict"] as? [[Any]]).map { pair in
            (pair[0] as! String, (pair[1] as! [Int]))
        }
        #expect(entry["parameters"] as? Int == parameters)
        let model = name == "resnet18"
            ? ReferenceResNet(block: ReferenceBasicBlock.self, layerSizes: [2, 2, 2, 2])
            : ReferenceResNet(block: ReferenceBottleneck.self, layerSizes: [3, 4, 6, 3])
        let actual = model.stateDict()
        #expect(actual.map(\.name) == expected.map(\.0))
        #expect(actual.map(\.tensor.shape) == expected.map(\.1))
        #expect(model.parameterCount == parameters)
    }
}
