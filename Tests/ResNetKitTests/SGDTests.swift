import ResNetKit
import Testing

/// A module with one trainable vector `w` and one `unused` parameter that never gets a gradient.
private final class VectorModel: Module {
    @Parameter var w: Tensor
    @Parameter var unused = Tensor([7, 7])

    init(_ values: [Float]) {
        w = Tensor(values)
        super.init()
    }
}

/// Runs `steps` SGD steps on `loss(w)`, computing gradients with a real backward pass each time.
private func train(
    _ model: VectorModel, _ optimizer: SGD, steps: Int, loss: (Tensor) -> Tensor
) {
    for _ in 0..<steps {
        optimizer.zeroGradients()
        loss(model.w).backward()
        optimizer.step()
    }
}

private func expectClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-6, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        #expect(abs(a - e) <= tolerance * Swift.max(1, abs(e)), "\(actual) vs \(expected)", sourceLocation: sourceLocation)
    }
}

@Suite("SGD follows torch.optim.SGD")
struct SGDTests {
    let start: [Float] = [1, -2, 0.5]
    /// `½‖w‖²` has gradient `w`, so every update is a multiple of the starting point.
    let halfSquaredNorm: (Tensor) -> Tensor = { w in (w * w).sum() * 0.5 }

    @Test("plain SGD: w ← w − lr·g")
    func plain() {
        let model = VectorModel(start)
        let optimizer = SGD(for: model, learningRate: 0.1)
        train(model, optimizer, steps: 3, loss: halfSquaredNorm)
        // Each step multiplies w by 1 − 0.1 = 0.9.
        expectClose(model.w.values, start.map { $0 * 0.729 })
        #expect(optimizer.stepCount == 3)
    }

    @Test("momentum 0.9: the first buffer is the gradient itself")
    func momentum() {
        let model = VectorModel(start)
        let optimizer = SGD(for: model, learningRate: 0.1, momentum: 0.9)
        train(model, optimizer, steps: 1, loss: halfSquaredNorm)
        // buf = g = w0; w1 = 0.9 w0.
        expectClose(optimizer.momentumBuffer(for: "w")!, start)
        expectClose(model.w.values, start.map { $0 * 0.9 })
        train(model, optimizer, steps: 2, loss: halfSquaredNorm)
        // Step 2: g = 0.9 w0, buf = 0.9·w0 + 0.9 w0 = 1.8 w0, w2 = 0.9 w0 − 0.18 w0 = 0.72 w0.
        // Step 3: g = 0.72 w0, buf = 0.9·1.8 w0 + 0.72 w0 = 2.34 w0, w3 = 0.72 w0 − 0.234 w0.
        expectClose(optimizer.momentumBuffer(for: "w")!, start.map { $0 * 2.34 })
        expectClose(model.w.values, start.map { $0 * 0.486 })
    }

    @Test("weight decay is added to the gradient: d = g + wd·w")
    func weightDecay() {
        let model = VectorModel(start)
        let optimizer = SGD(for: model, learningRate: 0.1, weightDecay: 0.1)
        train(model, optimizer, steps: 3, loss: halfSquaredNorm)
        // d = 1.1 w, so each step multiplies w by 1 − 0.11 = 0.89.
        expectClose(model.w.values, start.map { $0 * 0.89 * 0.89 * 0.89 })
    }

    @Test("Nesterov: d = g + momentum·buf")
    func nesterov() {
        let model = VectorModel(start)
        let optimizer = SGD(for: model, learningRate: 0.1, momentum: 0.9, nesterov: true)
        train(model, optimizer, steps: 3, loss: halfSquaredNorm)
        // Step 1: buf = w0, d = 1.9 w0, w1 = 0.81 w0.
        // Step 2: buf = 0.9 w0 + 0.81 w0 = 1.71 w0, d = 0.81 w0 + 1.539 w0, w2 = 0.5751 w0.
        // Step 3: buf = 1.539 w0 + 0.5751 w0 = 2.1141 w0, d = 2.47779 w0, w3 = 0.327321 w0.
        expectClose(model.w.values, start.map { $0 * 0.327321 })
        expectClose(optimizer.momentumBuffer(for: "w")!, start.map { $0 * 2.1141 })
    }

    @Test("momentum, weight decay and Nesterov together, with a gradient that is not a multiple of w")
    func combined() {
        let c = Tensor([0.3, -0.2, 1.0])
        // Loss w·c + ½‖w‖² has gradient c + w. Expected values follow the PyTorch rule in float32.
        let loss: (Tensor) -> Tensor = { w in (w * c).sum() + (w * w).sum() * 0.5 }

        let nesterovModel = VectorModel(start)
        let nesterov = SGD(for: nesterovModel, learningRate: 0.1, momentum: 0.9, weightDecay: 5e-4, nesterov: true)
        train(nesterovModel, nesterov, steps: 1, loss: loss)
        expectClose(nesterovModel.w.values, [0.752905011, -1.581809998, 0.214952499])
        train(nesterovModel, nesterov, steps: 2, loss: loss)
        expectClose(nesterovModel.w.values, [0.125262469, -0.519571424, -0.509092569])

        let heavyBallModel = VectorModel(start)
        let heavyBall = SGD(for: heavyBallModel, learningRate: 0.05, momentum: 0.9, weightDecay: 1e-2)
        train(heavyBallModel, heavyBall, steps: 2, loss: loss)
        expectClose(heavyBallModel.w.values, [0.813357711, -1.683705449, 0.285575151])
        train(heavyBallModel, heavyBall, steps: 1, loss: loss)
        expectClose(heavyBallModel.w.values, [0.648255110, -1.403913260, 0.095896229])
    }

    @Test("parameters without a gradient are skipped, even with weight decay")
    func skipsParametersWithoutGradient() {
        let model = VectorModel(start)
        let optimizer = SGD(for: model, learningRate: 0.1, momentum: 0.9, weightDecay: 0.5)
        train(model, optimizer, steps: 2, loss: halfSquaredNorm)
        #expect(model.unused.values == [7, 7])
        #expect(model.unused.gradient == nil)
        #expect(optimizer.momentumBuffer(for: "unused") == nil)
    }

    @Test("the update keeps the parameter's autodiff leaf, and the learning rate can change")
    func keepsIdentityAndLearningRate() {
        let model = VectorModel(start)
        let optimizer = SGD(for: model, learningRate: 0.1)
        train(model, optimizer, steps: 1, loss: halfSquaredNorm)
        #expect(model.w.requiresGradient)
        #expect(model.w.isLeaf)
        optimizer.learningRate = 0.5
        train(model, optimizer, steps: 1, loss: halfSquaredNorm)
        // 0.9 w0 after the first step, then multiplied by 1 − 0.5.
        expectClose(model.w.values, start.map { $0 * 0.45 })
    }

    @Test("a snapshot taken before a step is not changed by it")
    func snapshotsAreIndependent() {
        let model = VectorModel(start)
        let optimizer = SGD(for: model, learningRate: 0.1)
        let before = model.stateDict()
        train(model, optimizer, steps: 1, loss: halfSquaredNorm)
        #expect(before.first { $0.name == "w" }!.tensor.values == start)
    }
}
