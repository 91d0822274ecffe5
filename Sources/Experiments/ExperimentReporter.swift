import ResNetKit

/// Where a training session reports its progress: a terminal, a log, or nothing (tests).
public protocol ExperimentReporter: AnyObject {
    /// A run begins (or resumes after `completedEpochs`); `label` says which run of how many,
    /// and `laterRunsSeconds` estimates the runs still to come after it, when there are any.
    func runStarted(
        _ name: String, label: String, epochs: Int, batchesPerEpoch: Int, completedEpochs: Int, laterRunsSeconds: Double?)
    /// A training batch of `epoch` (from 1) ended.
    func batchFinished(epoch: Int, batch: Int, loss: Float, accuracy: Float)
    /// An epoch ended with `record`; `bestEpoch` is the best validation epoch so far.
    func epochFinished(_ record: EpochRecord, bestEpoch: Int?)
    /// A line of information.
    func note(_ message: String)
}

/// Reports nothing.
public final class SilentReporter: ExperimentReporter {
    /// Creates a reporter that stays quiet.
    public init() {}
    public func runStarted(
        _ name: String, label: String, epochs: Int, batchesPerEpoch: Int, completedEpochs: Int, laterRunsSeconds: Double?
    ) {}
    public func batchFinished(epoch: Int, batch: Int, loss: Float, accuracy: Float) {}
    public func epochFinished(_ record: EpochRecord, bestEpoch: Int?) {}
    public func note(_ message: String) {}
}
