import Testing
@testable import ResNetKit

/// A small CIFAR net and one batch of random images, as a lesson cell would build them.
private func cellSetup() -> (CIFARResNet, Batch) {
    let model = CIFARResNet(depth: 8, inputChannels: 1, batchNorm: false, width: 4, seed: 1)
    let batch = Batch(images: Tensor.normal([4, 1, 8, 8], seed: 2), labels: [0, 1, 2, 3])
    return (model, batch)
}

/// Rescales every convolution with `rescale`, trains one step and reports, per convolution,
/// whether it had a gradient and whether the step moved its weights.
private func trainAfterRescaling(_ rescale: (Conv2d) -> Void) -> [(hasGradient: Bool, moved: Bool)] {
    let (model, batch) = cellSetup()
    let convolutions = model.convolutionLayers.map(\.layer)
    convolutions.forEach(rescale)
    let before = convolutions.map(\.weight)
    model.trainStep(on: batch, optimizer: SGD(for: model, learningRate: 0.1))
    return zip(convolutions, before).map { conv, old in (conv.weight.gradient != nil, conv.weight != old) }
}

@Suite("A lesson that rescales weights keeps them trainable")
struct ParameterUpdateTests {
    @Test("Assigning map's plain result to a parameter keeps it a trainable leaf")
    func assignMap() {
        let outcome = trainAfterRescaling { $0.weight = $0.weight.map { $0 * 0.5 } }
        #expect(outcome.allSatisfy { $0.hasGradient && $0.moved })
    }

    @Test("`*=` on a parameter keeps it trainable")
    func compoundAssignment() {
        let outcome = trainAfterRescaling { $0.weight *= 0.5 }
        #expect(outcome.allSatisfy { $0.hasGradient && $0.moved })
    }

    @Test("update(_:) changes the values and keeps the same leaf with its gradient")
    func updateInPlace() {
        let (model, batch) = cellSetup()
        Tensor.crossEntropy(logits: model(batch.images), labels: batch.labels).backward()
        let conv = model.conv1
        let gradient = conv.weight.gradient
        let old = conv.weight
        conv.weight.update { $0 * 2 }
        #expect(conv.weight.gradient != nil && conv.weight.gradient == gradient)
        #expect(conv.weight == old.map { $0 * 2 })
        #expect(conv.weight.isLeaf && conv.weight.requiresGradient)
    }

    @Test("Replacing parameters inside updateParameters keeps them trainable")
    func updateParametersWithPlainTensors() {
        let outcome = trainAfterRescaling { conv in
            conv.updateParameters { _, weight in weight = Tensor(shape: weight.shape, values: weight.values.map { $0 * 0.8 }) }
        }
        #expect(outcome.allSatisfy { $0.hasGradient && $0.moved })
    }
}

@Suite("Whole-tensor reductions and the printed form")
struct TensorReadingTests {
    @Test("Reductions return scalar tensors and differentiate")
    func reductions() {
        var x = Tensor([3, -4, 1, -4])
        x.requiresGradient = true
        #expect(x.max().scalar == 3 && x.min().scalar == -4 && x.norm().scalar.isApproximatelyEqual(to: Float(42).squareRoot()))
        #expect(x.sum().scalar == -4 && x.mean().scalar == -1)
        #expect(Tensor([1, 3]).standardDeviation().scalar == 1)
        x.min().backward()
        #expect(x.gradient == Tensor([0, 1, 0, 0]))
        x.gradient = nil
        x.norm().backward()
        #expect(x.gradient!.values.enumerated().allSatisfy { $0.element.isApproximatelyEqual(to: x.values[$0.offset] / Float(42).squareRoot()) })
    }

    @Test("print shows the values nested by dimension, then the shape")
    func description() {
        #expect(Tensor([[1, -2.5], [0.25, 4]]).description == "Tensor([[ 1.0000, -2.5000],\n        [ 0.2500,  4.0000]], shape: [2, 2])")
        #expect(Tensor([1, 2, 3]).description == "Tensor([1., 2., 3.], shape: [3])")
        #expect(Tensor(0.5).description == "Tensor(0.5000)")
        var w = Tensor([2])
        w.requiresGradient = true
        #expect(w.description == "Tensor([2.], shape: [1], requiresGradient: true)")
    }

    @Test("A large tensor is summarised with the first and last three entries of each dimension")
    func summary() {
        let text = Tensor.arange(2000).reshaped(to: [2, 1000]).description
        #expect(text == "Tensor([[   0.,    1.,    2., ...,  997.,  998.,  999.],\n        [1000., 1001., 1002., ..., 1997., 1998., 1999.]], shape: [2, 1000])")
    }

    @Test("The printed form reads the plain values whatever layout a convolution left")
    func layoutIndependent() {
        let conv = Conv2d(inputChannels: 3, outputChannels: 16, kernelSize: 3, padding: 1, seed: 3)
        let y = withoutGradients { conv(Tensor.normal([1, 3, 4, 4], seed: 4)) }
        let plain = Tensor(shape: y.shape, values: y.values)
        #expect(y.description == plain.description)
    }
}

extension Float {
    fileprivate func isApproximatelyEqual(to other: Float) -> Bool { Swift.abs(self - other) <= 1e-5 * Swift.max(1, Swift.abs(other)) }
}
