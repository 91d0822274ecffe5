import ResNetKit
import Testing

/// A small convolutional classifier for 1×28×28 images built from the library's layers.
private func tinyConvNet(seed: UInt64) -> Sequential {
    var generator = RandomGenerator(seed: seed)
    return Sequential([
        Conv2d(inputChannels: 1, outputChannels: 8, kernelSize: 3, stride: 2, padding: 1, generator: &generator),
        BatchNorm2d(features: 8),
        ReLU(),
        Conv2d(inputChannels: 8, outputChannels: 16, kernelSize: 3, stride: 2, padding: 1, generator: &generator),
        BatchNorm2d(features: 16),
        ReLU(),
        GlobalAvgPool2d(),
        Flatten(),
        Linear(inputFeatures: 16, outputFeatures: 10, generator: &generator),
    ])
}

/// Two Gaussian blobs in 2-D, one per class, shaped as `[N, 2]` "images".
private func blobs(count: Int, seed: UInt64) -> Dataset {
    var generator = RandomGenerator(seed: seed)
    var values: [Float] = []
    var labels: [Int] = []
    for i in 0..<count {
        let label = i % 2
        let centre: Float = label == 0 ? -1.5 : 1.5
        values += [centre + Float(generator.nextNormal()) * 0.7, centre + Float(generator.nextNormal()) * 0.7]
        labels.append(label)
    }
    return Dataset(images: Tensor(shape: [count, 2], values: values), labels: labels, classNames: ["left", "right"])
}

@Suite("Training loop")
struct TrainingLoopTests {
    @Test("trainEpoch lowers the loss of a linear classifier on separable blobs")
    func linearOnBlobs() {
        let data = blobs(count: 200, seed: 1)
        var generator = RandomGenerator(seed: 2)
        let model = Sequential([Linear(inputFeatures: 2, outputFeatures: 2, generator: &generator)])
        let optimizer = SGD(for: model, learningRate: 0.1, momentum: 0.9)
        let before = model.evaluate(on: data)
        var last = before
        for epoch in 0..<5 {
            last = model.trainEpoch(on: BatchIterator(data, batchSize: 20, shuffle: true, seed: 3, epoch: epoch), optimizer: optimizer)
        }
        let after = model.evaluate(on: data)
        #expect(after.examples == 200)
        #expect(after.loss < before.loss / 2, "loss \(before.loss) -> \(after.loss)")
        #expect(after.accuracy > 0.9)
        #expect(last.examples == 200)
        #expect(model.namedParameters().allSatisfy { $0.tensor.gradient == nil }, "trainEpoch clears gradients at the end")
    }

    @Test("early stopping restores the best epoch, and training on afterwards leaves the saved state alone")
    func earlyStoppingWithTraining() throws {
        let data = blobs(count: 100, seed: 8)
        var generator = RandomGenerator(seed: 9)
        let model = Sequential([Linear(inputFeatures: 2, outputFeatures: 2, generator: &generator)])
        let optimizer = SGD(for: model, learningRate: 0.05, momentum: 0.9)
        var stopper = EarlyStopping(patience: 10, mode: .maximize)
        stopper.update(value: 0.5, epoch: 0, model: model)
        let saved = stopper.bestState!["0.weight"]!.values
        model.trainEpoch(on: BatchIterator(data, batchSize: 10), optimizer: optimizer)
        #expect(model.namedParameters()[0].tensor.values != saved)
        try stopper.restoreBest(into: model)
        #expect(model.namedParameters()[0].tensor.values == saved)
        // The restored weights share storage with the snapshot; the in-place update must copy.
        model.trainEpoch(on: BatchIterator(data, batchSize: 10), optimizer: optimizer)
        #expect(stopper.bestState!["0.weight"]!.values == saved)
        #expect(model.namedParameters()[0].tensor.requiresGradient)
    }

    @Test("evaluate runs in evaluation mode without gradients and restores the mode")
    func evaluateRestoresMode() {
        let model = tinyConvNet(seed: 4)
        let data = Dataset(
            images: Tensor.normal([12, 1, 28, 28], seed: 5), labels: (0..<12).map { $0 % 10 },
            classNames: FashionMNIST.classNames)
        let runningMean = (model.layers[1] as! BatchNorm2d).runningMean
        _ = model.evaluate(on: data, batchSize: 5)
        #expect(model.isTraining)
        // Evaluation must not move BN's running statistics.
        #expect((model.layers[1] as! BatchNorm2d).runningMean == runningMean)
        model.eval()
        #expect(model.predictions(on: data).count == 12)
        #expect(!model.isTraining)
    }

    @Test(
        "a small conv net trained 8 short epochs on 512 Fashion-MNIST images lowers the loss",
        .enabled(if: FashionMNISTFixture.isAvailable, "Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)"))
    func fashionMNISTSanity() throws {
        let data = try FashionMNISTFixture.train().prefix(512)
        let model = tinyConvNet(seed: 7)
        let optimizer = SGD(for: model, learningRate: 0.1, momentum: 0.9, weightDecay: 5e-4)
        let scheduler = StepLR(optimizer: optimizer, stepSize: 6, gamma: 0.5)
        var history: [EpochMetrics] = []
        for epoch in 0..<8 {
            history.append(model.trainEpoch(
                on: BatchIterator(data, batchSize: 64, shuffle: true, seed: 11, epoch: epoch), optimizer: optimizer))
            scheduler.step()
        }
        let evaluated = model.evaluate(on: data)
        print("tiny conv net on 512 images: epoch losses \(history.map(\.loss)), eval loss \(evaluated.loss), accuracy \(evaluated.accuracy)")
        #expect(history.last!.loss < history.first!.loss)
        #expect(history.last!.loss < 1.8, "well below ln 10 ≈ 2.30, the loss of guessing")
        #expect(evaluated.accuracy > 0.4, "well above the 0.1 of guessing")
        #expect(optimizer.learningRate == 0.05)
    }
}
