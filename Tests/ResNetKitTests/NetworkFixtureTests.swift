import Foundation
import ResNetKit
import ResNetKitTestSupport
import Testing

/// What `generate.py` built a block fixture from: the torchvision block's arguments, plus the
/// shortcut and stride placement of the newer fixtures (absent keys mean torchvision's defaults).
private struct BlockConfiguration {
    let inputChannels: Int
    let planes: Int
    let stride: Int
    let expansion: Int
    let shortcut: ShortcutOption
    let strideOnFirstConvolution: Bool

    init(_ fixture: ReferenceFixture) throws {
        let settings = try fixture.settings()
        let config = try #require(settings["config"] as? [String: Int])
        inputChannels = try #require(config["in_planes"])
        planes = try #require(config["planes"])
        stride = try #require(config["stride"])
        expansion = try #require(config["expansion"])
        let shortcutName = settings["shortcut"] as? String ?? "projection"
        let shortcuts: [String: ShortcutOption] = ["projection": .projection, "zero_padding": .zeroPadding]
        shortcut = try #require(shortcuts[shortcutName], "\(fixture.name): unknown shortcut '\(shortcutName)'")
        strideOnFirstConvolution = settings["stride_on_first_convolution"] as? Bool ?? false
    }
}

@Suite("PyTorch fixtures: blocks and networks")
struct NetworkFixtureTests {
    let fixtures = FixtureDirectory.bundled

    /// Compares a block's forward pass, input and parameter gradients and updated buffers with
    /// torch; `makeBlock` builds the library's block for the fixture's configuration.
    private func checkBlock(
        file: String, mode: FixtureMode, expansion: Int,
        _ makeBlock: (BlockConfiguration, inout RandomGenerator) -> Module
    ) throws {
        let fixture = try fixtures.safeTensors(file)
        let configuration = try BlockConfiguration(fixture)
        #expect(configuration.expansion == expansion)
        var generator = RandomGenerator(seed: 0)
        let block = makeBlock(configuration, &generator)
        try block.loadStateDict(fixture.group("\(mode.rawValue).state"))
        if mode == .eval { block.eval() }

        // In training mode the gradients pass through batch statistics, where float32 cancellation
        // costs precision: torch's own float32 gradients differ from a float64 run by up to 1.6e-4
        // (relative) on the bottleneck, so two float32 implementations need 1e-3 between them.
        let summary = ErrorSummary(
            "\(file) \(mode.rawValue)", relativeTolerance: mode == .train ? 1e-3 : 1e-4, absoluteTolerance: 1e-5)
        defer { summary.report() }
        var input = try fixture.tensor("\(mode.rawValue).input")
        input.requiresGradient = true
        let output = block(input)
        (output * (try fixture.tensor("\(mode.rawValue).upstream"))).sum().backward()
        summary.check(output, try fixture.tensor("\(mode.rawValue).output"), "output")
        summary.check(input.gradient, try fixture.tensor("\(mode.rawValue).grad_input"), "input gradient")
        let gradients = fixture.group("\(mode.rawValue).grad")
        #expect(Set(gradients.keys) == Set(block.namedParameters().map(\.name)))
        for (name, parameter) in block.namedParameters() {
            summary.check(parameter.gradient, try #require(gradients[name]), "gradient of \(name)")
        }
        let after = fixture.group("\(mode.rawValue).after")
        for (name, tensor) in block.stateDict() {
            summary.check(tensor, try #require(after[name]), "after: \(name)")
        }
    }

    @Test("BasicBlock with a projection shortcut matches torchvision's", arguments: FixtureMode.allCases)
    func basicBlock(mode: FixtureMode) throws {
        try checkBlock(file: "basic_block.safetensors", mode: mode, expansion: BasicBlock.expansion) { c, generator in
            BasicBlock(
                inputChannels: c.inputChannels, outputChannels: c.planes, stride: c.stride, shortcut: c.shortcut,
                generator: &generator)
        }
    }

    @Test("CIFAR BasicBlock with the option-A zero-padding shortcut matches torch's F.pad version", arguments: FixtureMode.allCases)
    func basicBlockOptionA(mode: FixtureMode) throws {
        try checkBlock(file: "basic_block_option_a.safetensors", mode: mode, expansion: BasicBlock.expansion) { c, generator in
            #expect(c.shortcut == .zeroPadding)
            return BasicBlock(
                inputChannels: c.inputChannels, outputChannels: c.planes, stride: c.stride, shortcut: c.shortcut,
                generator: &generator)
        }
    }

    @Test("Bottleneck (stride on the 3x3, v1.5) with a projection shortcut matches torchvision's", arguments: FixtureMode.allCases)
    func bottleneck(mode: FixtureMode) throws {
        try checkBlock(file: "bottleneck.safetensors", mode: mode, expansion: Bottleneck.expansion) { c, generator in
            Bottleneck(
                inputChannels: c.inputChannels, width: c.planes, stride: c.stride, shortcut: c.shortcut,
                strideOnFirstConvolution: c.strideOnFirstConvolution, generator: &generator)
        }
    }

    @Test("Bottleneck v1 (stride on the first 1x1) matches torchvision's with the stride moved", arguments: FixtureMode.allCases)
    func bottleneckV1(mode: FixtureMode) throws {
        try checkBlock(file: "bottleneck_v1.safetensors", mode: mode, expansion: Bottleneck.expansion) { c, generator in
            #expect(c.strideOnFirstConvolution)
            return Bottleneck(
                inputChannels: c.inputChannels, width: c.planes, stride: c.stride, shortcut: c.shortcut,
                strideOnFirstConvolution: c.strideOnFirstConvolution, generator: &generator)
        }
    }

    @Test("The v1 fixture tells the stride placements apart")
    func bottleneckV1Discriminates() throws {
        // Same weights, same output shape: only the values show where the stride is, so the v1
        // test above would pass for v1.5 too unless they differ well beyond its tolerance.
        let fixture = try fixtures.safeTensors("bottleneck_v1.safetensors")
        let c = try BlockConfiguration(fixture)
        var generator = RandomGenerator(seed: 0)
        let v15 = Bottleneck(inputChannels: c.inputChannels, width: c.planes, stride: c.stride, generator: &generator)
        try v15.loadStateDict(fixture.group("eval.state"))
        v15.eval()
        let input = try fixture.tensor("eval.input")
        let output = withoutGradients { v15(input) }
        let expected = try fixture.tensor("eval.output")
        #expect(output.shape == expected.shape)
        #expect(compareTensors(output, expected, relativeTolerance: 1e-4, absoluteTolerance: 1e-5).failingElements > 0)
    }

    @Test("A state dict saved by torch loads with loadWeights(from:), num_batches_tracked included")
    func loadTorchStateDict() throws {
        var generator = RandomGenerator(seed: 0)
        let basic = BasicBlock(inputChannels: 4, outputChannels: 8, stride: 2, generator: &generator)
        let bottleneck = Bottleneck(inputChannels: 8, width: 4, stride: 2, generator: &generator)
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
        let config = try #require(fixture.settings()["config"] as? [String: Any])
        let model = ResNet(
            block: .basic, blockCounts: try #require(config["layers"] as? [Int]),
            classCount: try #require(config["num_classes"] as? Int), width: try #require(config["width"] as? Int))
        try model.loadStateDict(fixture.group("state"))
        // The Python writer sorts names, so compare as sets; the order is checked against torchvision below.
        #expect(Set(fixture.group("state").keys) == Set(model.stateDict().map(\.name)))

        let input = try fixture.tensor("input")
        let labels = try fixture.labels("labels")
        let optimizer = SGD(
            for: model, learningRate: Float(try #require(config["lr"] as? Double)),
            momentum: Float(try #require(config["momentum"] as? Double)),
            weightDecay: Float(try #require(config["weight_decay"] as? Double)))
        // Two steps of gradients through 20 layers of float32 sums: the errors compound, and
        // small gradients lose relative precision first. torch's own float32 gradients differ from
        // a float64 run by up to 3.7e-3 relative (layer3.0.bn2.bias), so the absolute tolerance
        // carries the elements whose gradients cancel to almost nothing.
        let outputs = ErrorSummary("resnet18_narrow logits and loss", relativeTolerance: 1e-3, absoluteTolerance: 1e-5)
        let gradientSummary = ErrorSummary("resnet18_narrow step-1 gradients", relativeTolerance: 1e-3, absoluteTolerance: 1e-5)
        let states = ErrorSummary("resnet18_narrow state after SGD steps", relativeTolerance: 1e-3, absoluteTolerance: 1e-5)
        defer { [outputs, gradientSummary, states].forEach { $0.report() } }
        for step in 1...2 {
            optimizer.zeroGradients()
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
            optimizer.step()
            let after = fixture.group("step\(step).after")
            for (name, tensor) in model.stateDict() {
                states.check(tensor, try #require(after[name]), "after step \(step): \(name)")
            }
        }
        #expect(optimizer.stepCount == 2)
    }

    @Test("ResNet.resnet18() and resnet50() have torchvision's state-dict names, shapes and order", arguments: [
        ("resnet18", 11_689_512), ("resnet50", 25_557_032),
    ])
    func torchvisionStateDicts(name: String, parameters: Int) throws {
        let json = try JSONSerialization.jsonObject(with: fixtures.data("torchvision_state_dicts.json")) as? [String: Any]
        let entry = try #require(json?[name] as? [String: Any])
        let expected = try #require(entry["state_dict"] as? [[Any]]).map { pair in
            (pair[0] as! String, (pair[1] as! [Int]))
        }
        #expect(entry["parameters"] as? Int == parameters)
        let model = name == "resnet18" ? ResNet.resnet18() : ResNet.resnet50()
        let actual = model.stateDict()
        #expect(actual.map(\.name) == expected.map(\.0))
        #expect(actual.map(\.tensor.shape) == expected.map(\.1))
        #expect(model.parameterCount == parameters)
    }
}
