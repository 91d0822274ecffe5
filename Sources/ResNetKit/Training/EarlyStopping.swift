/// Stops training when a validation metric has not improved for `patience` epochs, and keeps
/// the model state of the best epoch so it can be restored.
///
/// Report each epoch's metric with ``update(value:epoch:model:)``; it snapshots the model when
/// the value improves by more than ``minimumDelta`` and answers whether to stop. After
/// training, ``restoreBest(into:)`` loads the best state back, so the model that is tested is
/// the one that validated best, not the one training happened to end on.
public struct EarlyStopping {
    /// Whether smaller or larger values of the metric are better.
    public enum Mode: Sendable, Equatable {
        /// Lower is better, as for a validation loss.
        case minimize
        /// Higher is better, as for a validation accuracy.
        case maximize
    }

    /// The number of consecutive epochs without improvement after which training stops.
    public let patience: Int
    /// The least change that counts as an improvement.
    public let minimumDelta: Float
    /// Whether the metric is minimised or maximised.
    public let mode: Mode
    /// The best value seen so far, or `nil` before the first update.
    public private(set) var bestValue: Float?
    /// The epoch that produced ``bestValue``.
    public private(set) var bestEpoch: Int?
    /// Epochs since the last improvement.
    public private(set) var epochsWithoutImprovement = 0
    /// The parameters and buffers of the best epoch, by state-dict name.
    public private(set) var bestState: [String: Tensor]?

    /// Creates an early-stopping rule.
    public init(patience: Int, minimumDelta: Float = 0, mode: Mode = .minimize) {
        require(patience >= 0, "EarlyStopping needs a non-negative patience, got \(patience)")
        require(minimumDelta >= 0, "EarlyStopping needs a non-negative minimum delta, got \(minimumDelta)")
        self.patience = patience
        self.minimumDelta = minimumDelta
        self.mode = mode
    }

    /// Recreates a rule in the middle of training from the state it had, for resuming a run
    /// from a checkpoint.
    ///
    /// - Precondition: `bestValue`, `bestEpoch` and `bestState` are all set or all `nil`.
    public init(
        patience: Int, minimumDelta: Float = 0, mode: Mode = .minimize, bestValue: Float?, bestEpoch: Int?,
        epochsWithoutImprovement: Int, bestState: [String: Tensor]?
    ) {
        require(
            (bestValue == nil) == (bestEpoch == nil) && (bestValue == nil) == (bestState == nil),
            "EarlyStopping: bestValue, bestEpoch and bestState must be all set or all nil")
        require(epochsWithoutImprovement >= 0, "EarlyStopping: epochsWithoutImprovement must not be negative, got \(epochsWithoutImprovement)")
        self.init(patience: patience, minimumDelta: minimumDelta, mode: mode)
        self.bestValue = bestValue
        self.bestEpoch = bestEpoch
        self.epochsWithoutImprovement = epochsWithoutImprovement
        self.bestState = bestState
    }

    /// Whether the patience has run out: the last `patience` epochs (at least one) did not improve.
    public var shouldStop: Bool { epochsWithoutImprovement > 0 && epochsWithoutImprovement >= patience }

    /// Whether `value` beats the best value by more than ``minimumDelta``; NaN never does.
    public func isImprovement(_ value: Float) -> Bool {
        guard !value.isNaN else { return false }
        guard let best = bestValue else { return true }
        switch mode {
        case .minimize: return value < best - minimumDelta
        case .maximize: return value > best + minimumDelta
        }
    }

    /// Records the metric of `epoch`, snapshotting `model` if it improved.
    ///
    /// - Returns: whether training should stop now.
    @discardableResult
    public mutating func update(value: Float, epoch: Int, model: Module) -> Bool {
        if isImprovement(value) {
            bestValue = value
            bestEpoch = epoch
            bestState = model.snapshot()
            epochsWithoutImprovement = 0
        } else {
            epochsWithoutImprovement += 1
        }
        return shouldStop
    }

    /// Loads the best epoch's parameters and buffers into `model`.
    ///
    /// - Precondition: ``update(value:epoch:model:)`` has recorded at least one value.
    /// - Throws: ``ResNetKitError/stateDictMismatch(missing:unexpected:wrongShapes:)`` if
    ///   `model` is not shaped like the model that was snapshotted.
    public func restoreBest(into model: Module) throws {
        guard let bestState else {
            requirementFailure("EarlyStopping.restoreBest(into:) called before any epoch improved the metric")
        }
        try model.loadStateDict(bestState)
    }
}
