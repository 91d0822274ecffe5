import ResNetKit
import ResNetKitTestSupport
import Testing

/// Compares the gradients autodiff gives for `function` with central finite differences.
///
/// The scalar checked is `Σ function(inputs) · w` for fixed random weights `w`, so every output
/// element matters with a different weight. The differences are taken in Float (the library's
/// type) but summed in Double; with `epsilon` around 1e-2 the rounding noise stays near 1e-4 of
/// the gradient's scale, and truncation error near `epsilon²`. Inputs must keep every
/// non-smooth point (ReLU's kink, ties of a max) farther than `epsilon` away.
private func checkGradients(
    _ inputs: [Tensor], epsilon: Float = 1e-2, tolerance: Float = 1e-2,
    sourceLocation: SourceLocation = #_sourceLocation, _ function: ([Tensor]) -> Tensor
) {
    let leaves = inputs.map { tensor -> Tensor in
        var leaf = tensor.detached()
        leaf.requiresGradient = true
        return leaf
    }
    let output = function(leaves)
    let weights = Tensor.normal(output.shape, seed: 12345)
    (output * weights).sum().backward()

    func weightedSum(_ perturbed: [Tensor]) -> Double {
        let values = withoutGradients { function(perturbed) }.values
        return zip(values, weights.values).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }
    for (k, leaf) in leaves.enumerated() {
        guard let analytic = leaf.gradient else {
            Issue.record("input \(k): autodiff gave no gradient", sourceLocation: sourceLocation)
            continue
        }
        var numeric = [Float](repeating: 0, count: leaf.count)
        for i in 0..<leaf.count {
            var values = leaf.values
            let original = values[i]
            values[i] = original + epsilon
            var plus = inputs
            plus[k] = Tensor(shape: leaf.shape, values: values)
            values[i] = original - epsilon
            var minus = inputs
            minus[k] = Tensor(shape: leaf.shape, values: values)
            numeric[i] = Float((weightedSum(plus) - weightedSum(minus)) / (2 * Double(epsilon)))
        }
        let expected = Tensor(shape: leaf.shape, values: numeric)
        // Elements whose gradient is small next to the largest one are held to the largest's scale.
        let scale = Swift.max(numeric.map(Swift.abs).max() ?? 0, 1e-2)
        allClose(analytic, expected, relativeTolerance: tolerance, absoluteTolerance: tolerance * 0.5 * scale,
                 "input \(k) of shape \(leaf.shape)", sourceLocation: sourceLocation)
    }
}

/// Normal values pushed at least `margin` away from zero, for functions with a kink at zero.
private func awayFromZero(_ shape: [Int], seed: UInt64, margin: Float = 0.1) -> Tensor {
    Tensor.normal(shape, seed: seed).map { $0 >= 0 ? $0 + margin : $0 - margin }
}

/// Distinct values `0.1` apart in random order, so a maximum never has a near tie.
private func distinctValues(_ shape: [Int], seed: UInt64) -> Tensor {
    var generator = RandomGenerator(seed: seed)
    let count = shape.reduce(1, *)
    let order = generator.permutation(of: count)
    return Tensor(shape: shape, values: order.map { Float($0) * 0.1 - Float(count) * 0.05 })
}

/// Values uniform in `range`, for functions defined only there (log, sqrt, division).
private func within(_ range: ClosedRange<Float>, _ shape: [Int], seed: UInt64) -> Tensor {
    Tensor.uniform(shape, in: range, seed: seed)
}

@Suite("Finite-difference gradient checks")
struct GradientCheckTests {
    @Test("Addition and subtraction, with broadcasting")
    func addSubtract() {
        let a = Tensor.normal([2, 3, 4], seed: 1)
        checkGradients([a, Tensor.normal([3, 1], seed: 2)]) { $0[0] + $0[1] }
        checkGradients([a, Tensor.normal([4], seed: 3)]) { $0[0] - $0[1] }
        checkGradients([Tensor.normal([1, 4], seed: 4), a]) { $0[0] - $0[1] }
        checkGradients([a, Tensor(0.5)]) { $0[0] + $0[1] }
    }

    @Test("Multiplication and division, with broadcasting")
    func multiplyDivide() {
        let a = Tensor.normal([2, 3, 4], seed: 5)
        checkGradients([a, Tensor.normal([3, 1], seed: 6)]) { $0[0] * $0[1] }
        checkGradients([a, Tensor.normal([2, 1, 4], seed: 7)]) { $0[0] * $0[1] }
        checkGradients([a, within(0.5...2, [4], seed: 8)]) { $0[0] / $0[1] }
        checkGradients([within(0.5...2, [3, 1], seed: 9), within(0.5...2, [2, 3, 4], seed: 10)]) { $0[0] / $0[1] }
        checkGradients([a]) { 3 * $0[0] - $0[0] / 2 + 1 }
    }

    @Test("Elementwise maximum, with broadcasting")
    func maximum() {
        let a = Tensor.normal([3, 4], seed: 11)
        let offsets = awayFromZero([3, 4], seed: 12)
        checkGradients([a, a + offsets]) { Tensor.maximum($0[0], $0[1]) }
        checkGradients([awayFromZero([3, 4], seed: 13), Tensor(0)]) { Tensor.maximum($0[0], $0[1]) }
    }

    @Test("Unary functions: relu, exp, log, sqrt, squared, abs")
    func unary() {
        checkGradients([awayFromZero([3, 5], seed: 14)]) { $0[0].relu() }
        checkGradients([Tensor.normal([3, 5], seed: 15)], epsilon: 1e-3) { $0[0].exp() }
        checkGradients([within(0.5...3, [3, 5], seed: 16)]) { $0[0].log() }
        checkGradients([within(0.5...3, [3, 5], seed: 17)]) { $0[0].squareRoot() }
        checkGradients([Tensor.normal([3, 5], seed: 18)]) { $0[0].squared() }
        checkGradients([awayFromZero([3, 5], seed: 19)]) { $0[0].abs() }
    }

    @Test("Sums and means along axes, and of everything")
    func reductions() {
        let x = Tensor.normal([2, 3, 4], seed: 20)
        checkGradients([x]) { $0[0].sum() }
        checkGradients([x]) { $0[0].sum(alongAxis: 1) }
        checkGradients([x]) { $0[0].sum(alongAxes: [0, 2], keepingDimensions: true) }
        checkGradients([x]) { $0[0].mean() }
        checkGradients([x]) { $0[0].mean(alongAxis: -1) }
        checkGradients([x]) { $0[0].mean(alongAxes: [0, 1], keepingDimensions: true) }
    }

    @Test("Maximum along an axis")
    func maxAlongAxis() {
        let x = distinctValues([3, 4, 2], seed: 21)
        checkGradients([x]) { $0[0].max(alongAxis: 1) }
        checkGradients([x]) { $0[0].max(alongAxis: 0) }
        checkGradients([x]) { $0[0].max(alongAxis: 2) }
    }

    @Test("Reshape, transpose and matrix product")
    func shapesAndMatmul() {
        checkGradients([Tensor.normal([2, 3, 4], seed: 22)]) { $0[0].reshaped(to: [4, -1]) }
        checkGradients([Tensor.normal([2, 3, 4], seed: 23)]) { $0[0].flattened(fromAxis: 1) }
        checkGradients([Tensor.normal([3, 5], seed: 24)]) { $0[0].transposed() }
        checkGradients([Tensor.normal([3, 4], seed: 25), Tensor.normal([4, 5], seed: 26)]) { Tensor.matmul($0[0], $0[1]) }
        checkGradients([Tensor.normal([3, 4], seed: 27), Tensor.normal([5, 4], seed: 28)]) { Tensor.matmul($0[0], $0[1].transposed()) }
    }

    @Test("Batch slicing, gathering (with repeated indices) and concatenation")
    func slicingGatheringConcatenation() {
        let x = Tensor.normal([4, 2, 3], seed: 29)
        checkGradients([x]) { $0[0][batch: 1..<3] }
        checkGradients([x]) { $0[0].gathering(batchIndices: [3, 0, 3, 1]) }
        checkGradients([Tensor.normal([2, 3, 2], seed: 30), Tensor.normal([2, 1, 2], seed: 31)]) {
            Tensor.concatenate([$0[0], $0[1]], alongAxis: 1)
        }
        checkGradients([Tensor.normal([2, 3], seed: 32), Tensor.normal([1, 3], seed: 33)]) { Tensor.concatenate([$0[0], $0[1]]) }
    }

    @Test("Convolution: 3x3 with stride 2, padding 1 and bias; 1x1 stride 1; 1x1 stride 2")
    func convolution() {
        let x = Tensor.normal([2, 3, 5, 5], seed: 34)
        checkGradients([x, Tensor.normal([4, 3, 3, 3], standardDeviation: 0.3, seed: 35), Tensor.normal([4], seed: 36)]) {
            Tensor.conv2d($0[0], weight: $0[1], bias: $0[2], stride: 2, padding: 1)
        }
        checkGradients([x, Tensor.normal([4, 3, 1, 1], seed: 37)]) { Tensor.conv2d($0[0], weight: $0[1]) }
        checkGradients([x, Tensor.normal([2, 3, 1, 1], seed: 38)]) { Tensor.conv2d($0[0], weight: $0[1], stride: 2) }
        // Height and width differ, so swapped loop bounds would show.
        checkGradients([Tensor.normal([1, 2, 6, 4], seed: 49), Tensor.normal([3, 2, 3, 3], standardDeviation: 0.3, seed: 50)]) {
            Tensor.conv2d($0[0], weight: $0[1], stride: 2, padding: 1)
        }
    }

    @Test("Batch normalisation in training and evaluation mode")
    func batchNorm() {
        let x = Tensor.normal([3, 2, 3, 3], seed: 39) * 1.5 + 0.3
        let weight = within(0.5...1.5, [2], seed: 40)
        let bias = Tensor.normal([2], seed: 41)
        checkGradients([x, weight, bias], epsilon: 3e-3, tolerance: 2e-2) {
            Tensor.batchNorm($0[0], weight: $0[1], bias: $0[2], runningStatistics: nil, epsilon: 1e-5).output
        }
        let statistics = (mean: Tensor([0.2, -0.1]), variance: Tensor([0.8, 1.3]))
        checkGradients([x, weight, bias]) {
            Tensor.batchNorm($0[0], weight: $0[1], bias: $0[2], runningStatistics: statistics, epsilon: 1e-5).output
        }
    }

    @Test("Max pooling, global average pooling and the zero-padding shortcut")
    func poolingAndShortcut() {
        checkGradients([distinctValues([2, 2, 5, 5], seed: 42)]) { Tensor.maxPool2d($0[0], kernelSize: 3, stride: 2, padding: 1) }
        checkGradients([distinctValues([1, 2, 4, 4], seed: 43)]) { Tensor.maxPool2d($0[0], kernelSize: 2, stride: 2) }
        checkGradients([distinctValues([1, 2, 7, 4], seed: 51)]) { Tensor.maxPool2d($0[0], kernelSize: 3, stride: 2, padding: 1) }
        checkGradients([Tensor.normal([2, 3, 3, 4], seed: 44)]) { Tensor.globalAveragePool($0[0]) }
        checkGradients([Tensor.normal([2, 2, 5, 5], seed: 45)]) { Tensor.zeroPaddingShortcut($0[0], outputChannels: 4, stride: 2) }
    }

    @Test("Cross-entropy and softmax")
    func crossEntropy() {
        checkGradients([Tensor.normal([4, 5], standardDeviation: 2, seed: 46)], epsilon: 1e-3) {
            Tensor.crossEntropy(logits: $0[0], labels: [0, 4, 2, 2])
        }
        checkGradients([Tensor.normal([3, 4], standardDeviation: 2, seed: 52)], epsilon: 1e-3) { Tensor.softmax($0[0]) }
    }

    @Test("The checker itself catches a wrong gradient")
    func checkerCatchesWrongGradient() {
        // Autodiff treats the detached factor as a constant, so it reports x where the true
        // derivative of x² is 2x.
        withKnownIssue("a detached factor hides half of the gradient") {
            checkGradients([Tensor.normal([3], seed: 48)]) { $0[0].detached() * $0[0] }
        }
    }

    @Test("A tensor used twice receives the sum of both gradients")
    func usedTwice() throws {
        var x = Tensor([1.5, -2, 0.5])
        x.requiresGradient = true
        let y = (x * x + x.relu() * 3).sum()
        y.backward()
        let gradient = try #require(x.gradient)
        #expect(gradient == Tensor([2 * 1.5 + 3, 2 * -2, 2 * 0.5 + 3]))
        checkGradients([awayFromZero([2, 3], seed: 47)]) { x in
            let shared = x[0].squared()
            return shared + shared.relu() * shared
        }
    }

    @Test("Gradients accumulate across backward passes until cleared")
    func accumulation() throws {
        var x = Tensor([1, 2])
        x.requiresGradient = true
        (x * 2).sum().backward()
        (x * 3).sum().backward()
        #expect(try #require(x.gradient) == Tensor([5, 5]))
        x.gradient = nil
        (x * 4).sum().backward()
        #expect(try #require(x.gradient) == Tensor([4, 4]))
    }

    @Test("A second backward pass through a freed graph stops instead of dropping gradients")
    func backwardThroughFreedGraph() async {
        await #expect(processExitsWith: .failure) {
            var x = Tensor([1, 2])
            x.requiresGradient = true
            let shared = x * 2
            shared.sum().backward()
            (shared * 3).sum().backward()
        }
    }

    @Test("withoutGradients records nothing, and recording resumes afterwards")
    func withoutGradientsRecordsNothing() {
        var x = Tensor([1, 2, 3])
        x.requiresGradient = true
        let inside = withoutGradients { (x * 2).exp().sum() }
        #expect(!inside.requiresGradient)
        #expect(x.gradient == nil)
        let outside = (x * 2).sum()
        #expect(outside.requiresGradient)
        #expect(withoutGradients { GradientMode.isRecording } == false)
        #expect(GradientMode.isRecording)
    }
}
