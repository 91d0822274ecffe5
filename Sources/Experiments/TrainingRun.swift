import ResNetKit

/// One training run of an experiment: a model, its data and its schedule.
///
/// Every random choice follows from ``seed``: the model's initial weights come from
/// ``makeModel``, and each epoch's shuffling and augmentation from `seed` and the epoch's
/// number (see ``BatchIterator``). That is what lets a run resume from a checkpoint taken at an
/// epoch's end and end with the same weights as a run that was never interrupted.
public struct TrainingRun {
    /// The run's name, which is also its checkpoint folder's and its log's (`recipe`, `plain-20-seed1`).
    public var name: String
    /// A description of the model for the checkpoint's fingerprint (`CIFARResNet(depth: 20, …)`).
    public var modelDescription: String
    /// Builds the model with its initial weights.
    public var makeModel: () -> Module
    /// The training images.
    public var training: Dataset
    /// The validation images, measured after every epoch; `nil` to train without validation.
    public var validation: Dataset?
    /// The augmentation of training batches.
    public var augmentation: (any Transform)?
    /// The most epochs to train.
    public var epochs: Int
    /// Images per training batch.
    public var batchSize: Int
    /// The learning rate of the first epoch.
    public var learningRate: Float
    /// SGD's momentum.
    public var momentum: Float
    /// SGD's weight decay.
    public var weightDecay: Float
    /// Epochs between two learning-rate reductions (StepLR).
    public var stepSize: Int
    /// The factor of each reduction.
    public var gamma: Double
    /// Epochs without a better validation accuracy before stopping; `nil` never stops early.
    public var patience: Int?
    /// The seed of the shuffling and augmentation streams.
    public var seed: UInt64
    /// Images per evaluation batch.
    public var evaluationBatchSize: Int

    /// Creates a run.
    public init(
        name: String, modelDescription: String, makeModel: @escaping () -> Module, training: Dataset,
        validation: Dataset?, augmentation: (any Transform)?, epochs: Int, batchSize: Int, learningRate: Float,
        momentum: Float, weightDecay: Float, stepSize: Int, gamma: Double, patience: Int?, seed: UInt64,
        evaluationBatchSize: Int = 64
    ) {
        self.name = name
        self.modelDescription = modelDescription
        self.makeModel = makeModel
        self.training = training
        self.validation = validation
        self.augmentation = augmentation
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.stepSize = stepSize
        self.gamma = gamma
        self.patience = patience
        self.seed = seed
        self.evaluationBatchSize = evaluationBatchSize
    }

    /// Everything that decides the run's result, as one line: a checkpoint made with another
    /// fingerprint is not resumed. The number of epochs is part of it, so a short trial run's
    /// checkpoint is never taken for the full run's.
    public func fingerprint(initialModel: Module) -> String {
        let weights = initialModel.stateDict().reduce(into: UInt64(0xCBF2_9CE4_8422_2325)) { hash, entry in
            for byte in entry.name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            for value in entry.tensor.values { hash = (hash ^ UInt64(value.bitPattern)) &* 0x0000_0100_0000_01B3 }
        }
        let parts: [String] = [
            "model \(modelDescription)", "weights \(weights)", "training \(training.count) \(training.fingerprint)",
            "validation \(validation.map { "\($0.count) \($0.fingerprint)" } ?? "none")",
            "augmentation \(augmentation.map { String(describing: $0) } ?? "none")", "epochs \(epochs)",
            "batch \(batchSize)", "lr \(learningRate)", "momentum \(momentum)", "weight decay \(weightDecay)",
            "step \(stepSize)", "gamma \(gamma)", "patience \(patience.map(String.init) ?? "none")", "seed \(seed)",
        ]
        return parts.joined(separator: "; ")
    }
}
