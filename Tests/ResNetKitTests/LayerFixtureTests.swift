import Foundation
import ResNetKit
import ResNetKitTestSupport
import Testing

/// Runs `forward` on the fixture's `case.input` and back-propagates `case.upstream`, returning the
/// output and the input (whose `gradient` is then filled).
private func forwardAndBackward(
    _ fixture: ReferenceFixture, _ name: String, _ forward: (Tensor) -> Tensor
) throws -> (output: Tensor, input: Tensor) {
    var input = try fixture.tensor("\(name).input")
    input.requiresGradient = true
    let output = forward(input)
    let upstream = try fixture.tensor("\(name).upstream")
    if output.shape == upstream.shape {
        (output * upstream).sum().backward()
    }
    return (output, input)
}

// Forward values are a handful of float32 multiply-adds from torch's; gradients sum over a batch
// and more positions, so they get a little more room.
@Suite("PyTorch fixtures: single layers")
struct LayerFixtureTests {
    let fixtures = FixtureDirectory.bundled

    @Test("Conv2d forward and backward match torch for stride, padding and bias variants")
    func conv2d() throws {
        let fixture = try fixtures.safeTensors("conv2d.safetensors")
        let cases = try #require(fixture.settings()["cases"] as? [String: [String: Any]])
        #expect(cases.count == 7)
        let summary = ErrorSummary("conv2d", relativeTolerance: 1e-4, absoluteTolerance: 1e-5)
        defer { summary.report() }
        for (name, settings) in cases.sorted(by: { $0.key < $1.key }) {
            let stride = try #require(settings["stride"] as? Int)
            let padding = try #require(settings["padding"] as? Int)
            let hasBias = try #require(settings["bias"] as? Bool)
            let weight = try fixture.tensor("\(name).weight")
            var generator = RandomGenerator(seed: 0)
            let conv = Conv2d(
                inputChannels: weight.shape[1], outputChannels: weight.shape[0], kernelSize: weight.shape[2],
                stride: stride, padding: padding, bias: hasBias, generator: &generator)
            var state = ["weight": weight]
            if hasBias { state["bias"] = try fixture.tensor("\(name).bias") }
            try conv.loadStateDict(state)
            let (output, input) = try forwardAndBackward(fixture, name) { conv($0) }
            summary.check(output, try fixture.tensor("\(name).output"), "\(name) output")
            summary.check(input.gradient, try fixture.tensor("\(name).grad_input"), "\(name) input gradient")
            summary.check(conv.weight.gradient, try fixture.tensor("\(name).grad_weight"), "\(name) weight gradient")
            if hasBias {
                summary.check(conv.bias?.gradient, try fixture.tensor("\(name).grad_bias"), "\(name) bias gradient")
            }
        }
    }

    @Test("BatchNorm2d matches torch in training and evaluation mode, running statistics included", arguments: FixtureMode.allCases)
    func batchNorm(mode: FixtureMode) throws {
        let fixture = try fixtures.safeTensors("batchnorm2d.safetensors")
        let summary = ErrorSummary("batchnorm2d \(mode.rawValue)", relativeTolerance: 1e-4, absoluteTolerance: 1e-5)
        defer { summary.report() }
        let state = fixture.group("\(mode.rawValue).state")
        let bn = BatchNorm2d(features: try #require(state["weight"]).count)
        try bn.loadStateDict(state)
        if mode == .eval { bn.eval() }
        let (output, input) = try forwardAndBackward(fixture, mode.rawValue) { bn($0) }
        summary.check(output, try fixture.tensor("\(mode.rawValue).output"), "output")
        summary.check(input.gradient, try fixture.tensor("\(mode.rawValue).grad_input"), "input gradient")
        summary.check(bn.weight.gradient, try fixture.tensor("\(mode.rawValue).grad_weight"), "weight gradient")
        summary.check(bn.bias.gradient, try fixture.tensor("\(mode.rawValue).grad_bias"), "bias gradient")
        let after = Dictionary(uniqueKeysWithValues: bn.stateDict().map { ($0.name, $0.tensor) })
        for (name, expected) in fixture.group("\(mode.rawValue).after") {
            summary.check(after[name], expected, "after: \(name)")
        }
    }

    @Test("ReLU, pooling, linear and the option-A shortcut match torch")
    func layers() throws {
        let fixture = try fixtures.safeTensors("layers.safetensors")
        let summary = ErrorSummary("layers", relativeTolerance: 1e-5, absoluteTolerance: 1e-6)
        defer { summary.report() }

        func compare(_ name: String, _ forward: (Tensor) -> Tensor) throws {
            let (output, input) = try forwardAndBackward(fixture, name, forward)
            summary.check(output, try fixture.tensor("\(name).output"), "\(name) output")
            summary.check(input.gradient, try fixture.tensor("\(name).grad_input"), "\(name) input gradient")
        }

        try compare("relu") { ReLU()($0) }
        let pools = try #require(fixture.settings()["maxpool"] as? [String: [Int]])
        for (name, kernelStridePadding) in pools.sorted(by: { $0.key < $1.key }) {
            let pool = MaxPool2d(kernelSize: kernelStridePadding[0], stride: kernelStridePadding[1], padding: kernelStridePadding[2])
            try compare(name) { pool($0) }
        }
        try compare("avgpool") { GlobalAvgPool2d()($0) }
        for name in ["shortcut_even", "shortcut_odd"] {
            let channels = try fixture.tensor("\(name).input").shape[1]
            try compare(name) { ZeroPaddingShortcut(outputChannels: 2 * channels, stride: 2)($0) }
        }

        var generator = RandomGenerator(seed: 0)
        let weight = try fixture.tensor("linear.weight")
        let linear = Linear(inputFeatures: weight.shape[1], outputFeatures: weight.shape[0], generator: &generator)
        try linear.loadStateDict(["weight": weight, "bias": try fixture.tensor("linear.bias")])
        try compare("linear") { linear($0) }
        summary.check(linear.weight.gradient, try fixture.tensor("linear.grad_weight"), "linear weight gradient")
        summary.check(linear.bias?.gradient, try fixture.tensor("linear.grad_bias"), "linear bias gradient")
    }

    @Test("Cross-entropy loss and its gradient match torch")
    func crossEntropy() throws {
        let fixture = try fixtures.safeTensors("layers.safetensors")
        let summary = ErrorSummary("cross-entropy", relativeTolerance: 1e-5, absoluteTolerance: 1e-6)
        defer { summary.report() }
        var logits = try fixture.tensor("cross_entropy.logits")
        logits.requiresGradient = true
        let loss = Tensor.crossEntropy(logits: logits, labels: try fixture.labels("cross_entropy.labels"))
        loss.backward()
        summary.check(loss, try fixture.tensor("cross_entropy.loss"), "loss")
        summary.check(logits.gradient, try fixture.tensor("cross_entropy.grad_logits"), "logits gradient")
    }
}
