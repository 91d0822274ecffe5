/// The mean loss and accuracy of a model over the examples of one pass through some batches.
public struct EpochMetrics: Sendable, Equatable {
    /// The mean cross-entropy per example.
    public let loss: Float
    /// The share of examples classified correctly, in 0...1.
    public let accuracy: Float
    /// How many examples were seen.
    public let examples: Int

    /// Creates metrics from their parts.
    public init(loss: Float, accuracy: Float, examples: Int) {
        self.loss = loss
        self.accuracy = accuracy
        self.examples = examples
    }
}

/// Sums per-batch results weighted by batch size, so a small last batch counts for what it holds.
private struct MetricsAccumulator {
    var lossSum = 0.0
    var correct = 0.0
    var examples = 0

    mutating func add(loss: Float, accuracy: Float, count: Int) {
        lossSum += Double(loss) * Double(count)
        correct += Double(accuracy) * Double(count)
        examples += count
    }

    var metrics: EpochMetrics {
        guard examples > 0 else { return EpochMetrics(loss: .nan, accuracy: 0, examples: 0) }
        return EpochMetrics(loss: Float(lossSum / Double(examples)), accuracy: Float(correct / Double(examples)), examples: examples)
    }
}

extension Module {
    /// One optimisation step on `batch`: forward, cross-entropy, backward, ``SGD/step()``.
    ///
    /// Gradients are cleared before the backward pass, as PyTorch's `zero_grad()` before
    /// `backward()`, and kept afterwards so a lesson can inspect them. The module's mode is not
    /// changed: call ``train()`` first (``trainEpoch(on:optimizer:)`` does).
    ///
    /// - Returns: the batch's mean loss and accuracy, measured before the update.
    @discardableResult
    public func trainStep(on batch: Batch, optimizer: SGD) -> (loss: Float, accuracy: Float) {
        require(optimizer.model === self, "trainStep: the optimiser was created for a different model")
        let logits = self(batch.images)
        let loss = Tensor.crossEntropy(logits: logits, labels: batch.labels)
        optimizer.zeroGradients()
        loss.backward()
        optimizer.step()
        return (loss.scalar, Tensor.accuracy(logits: logits, labels: batch.labels))
    }

    /// Trains for one pass over `batches` in training mode and clears the gradients afterwards.
    ///
    /// - Returns: the loss and accuracy averaged over every example, each measured on the
    ///   parameters before its batch's update (as training logs usually report them).
    @discardableResult
    public func trainEpoch(on batches: some Sequence<Batch>, optimizer: SGD) -> EpochMetrics {
        train()
        var accumulator = MetricsAccumulator()
        for batch in batches {
            let (loss, accuracy) = trainStep(on: batch, optimizer: optimizer)
            accumulator.add(loss: loss, accuracy: accuracy, count: batch.count)
        }
        optimizer.zeroGradients()
        return accumulator.metrics
    }

    /// Measures loss and accuracy over `batches` in evaluation mode without recording gradients,
    /// then puts the module back in the mode it was in.
    public func evaluate(on batches: some Sequence<Batch>) -> EpochMetrics {
        let wasTraining = isTraining
        eval()
        defer { if wasTraining { train() } }
        return withoutGradients {
            var accumulator = MetricsAccumulator()
            for batch in batches {
                let logits = self(batch.images)
                let loss = Tensor.crossEntropy(logits: logits, labels: batch.labels).scalar
                accumulator.add(loss: loss, accuracy: Tensor.accuracy(logits: logits, labels: batch.labels), count: batch.count)
            }
            return accumulator.metrics
        }
    }

    /// Measures loss and accuracy over a whole dataset, in order and untransformed.
    public func evaluate(on dataset: Dataset, batchSize: Int = 256) -> EpochMetrics {
        evaluate(on: BatchIterator(dataset, batchSize: batchSize))
    }

    /// The predicted class of every example of `dataset`, in evaluation mode.
    public func predictions(on dataset: Dataset, batchSize: Int = 256) -> [Int] {
        let wasTraining = isTraining
        eval()
        defer { if wasTraining { train() } }
        return withoutGradients {
            BatchIterator(dataset, batchSize: batchSize).flatMap { self($0.images).argmax(alongAxis: 1) }
        }
    }
}
