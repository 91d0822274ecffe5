/// One line of an experiment's metrics log: what one epoch of one training run measured.
///
/// Logs are JSON lines (`metrics.jsonl`), one object per epoch with snake_case keys:
/// `{"run": "resnet-20-seed1", "epoch": 3, "lr": 0.1, "train_loss": 0.41, "train_accuracy": 0.85,
/// "val_loss": 0.38, "val_accuracy": 0.86, "seconds": 61.2}`. `run` names the run in an
/// experiment of several; validation fields are absent when a run does not validate.
public struct EpochRecord: Codable, Sendable, Equatable {
    /// The run this epoch belongs to, in an experiment of several runs.
    public var run: String?
    /// The epoch, counting from 1.
    public var epoch: Int
    /// The learning rate the epoch trained with.
    public var learningRate: Float
    /// The mean training loss over the epoch's batches (each measured before its update).
    public var trainLoss: Float
    /// The share of training examples classified correctly during the epoch, in 0...1.
    public var trainAccuracy: Float
    /// The validation loss after the epoch, in evaluation mode.
    public var validationLoss: Float?
    /// The validation accuracy after the epoch, in 0...1.
    public var validationAccuracy: Float?
    /// Wall-clock seconds the epoch took, validation included (noise: never compared).
    public var seconds: Double

    /// Creates a record.
    public init(
        run: String? = nil, epoch: Int, learningRate: Float, trainLoss: Float, trainAccuracy: Float,
        validationLoss: Float? = nil, validationAccuracy: Float? = nil, seconds: Double
    ) {
        self.run = run
        self.epoch = epoch
        self.learningRate = learningRate
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.seconds = seconds
    }

    /// The share of training examples classified wrongly, `1 − trainAccuracy`.
    public var trainError: Float { 1 - trainAccuracy }

    /// The share of validation examples classified wrongly, when the run validated.
    public var validationError: Float? { validationAccuracy.map { 1 - $0 } }

    /// The record as one JSON line, fields in a fixed order (no trailing newline).
    public var jsonLine: String {
        var line = JSONLine()
        if let run { line.add("run", run) }
        line.add("epoch", epoch)
        line.add("lr", learningRate)
        line.add("train_loss", trainLoss)
        line.add("train_accuracy", trainAccuracy)
        if let validationLoss { line.add("val_loss", validationLoss) }
        if let validationAccuracy { line.add("val_accuracy", validationAccuracy) }
        line.add("seconds", seconds, decimals: 2)
        return line.text
    }

    private enum CodingKeys: String, CodingKey {
        case run, epoch
        case learningRate = "lr"
        case trainLoss = "train_loss"
        case trainAccuracy = "train_accuracy"
        case validationLoss = "val_loss"
        case validationAccuracy = "val_accuracy"
        case seconds
    }
}
