import Foundation
import ResNetKit

/// What a finished training run leaves: its model, log and best validation state.
public struct TrainingOutcome {
    /// The model in its state after the last epoch trained.
    public let model: Module
    /// One record per epoch.
    public let records: [EpochRecord]
    /// The epoch with the best validation accuracy, if the run validated.
    public let bestEpoch: Int?
    /// The parameters and buffers of that epoch.
    public let bestState: [String: Tensor]?
    /// Whether early stopping ended the run before its last epoch.
    public let stoppedEarly: Bool
    /// Seconds of computing over all sessions (epochs cut short by an interruption not counted).
    public let elapsedSeconds: Double
    /// How many sessions the run took.
    public let sessions: Int
    /// When its first session started (ISO 8601, UTC).
    public let started: String
}

/// Trains one ``TrainingRun`` epoch by epoch, checkpointing after each, and resumes from the
/// checkpoint in ``checkpointDirectory`` when one is there.
///
/// A resumed run restores the model, SGD's momentum buffers and step count, StepLR's epoch and
/// early stopping's best state, then trains the remaining epochs with the same seeded batches,
/// so its weights end bit for bit where an uninterrupted run's would (with the same thread
/// count: oneDNN's parallel sums may round differently on another).
public struct TrainingSession {
    /// The run to train.
    public var run: TrainingRun
    /// The run's own folder for its checkpoint and live log.
    public var checkpointDirectory: URL
    /// Where progress goes.
    public var reporter: any ExperimentReporter
    /// Asked between batches; `true` stops the run (its last checkpoint stays).
    public var shouldStop: () -> Bool
    /// Shown before the run's name, e.g. `[3/8] `.
    public var label: String
    /// The command that continues the experiment, for the message of an interruption.
    public var command: String
    /// An estimate of the seconds the experiment's later runs will take, for the time left.
    public var laterRunsSeconds: Double?

    /// Creates a session.
    public init(
        run: TrainingRun, checkpointDirectory: URL, reporter: any ExperimentReporter = SilentReporter(),
        shouldStop: @escaping () -> Bool = { false }, label: String = "", command: String = "swift run -c release experiment",
        laterRunsSeconds: Double? = nil
    ) {
        self.laterRunsSeconds = laterRunsSeconds
        self.run = run
        self.checkpointDirectory = checkpointDirectory
        self.reporter = reporter
        self.shouldStop = shouldStop
        self.label = label
        self.command = command
    }

    /// The live log, rewritten after every epoch.
    public var logURL: URL { checkpointDirectory.appendingPathComponent(ExperimentArtifact.metricsFileName) }
    private var checkpointURL: URL { checkpointDirectory.appendingPathComponent(Checkpoint.fileName) }

    /// Trains (or finishes training) the run.
    ///
    /// - Throws: ``ExperimentError/interrupted(checkpoint:command:)`` when ``shouldStop`` says
    ///   so, ``ExperimentError/checkpointMismatch(path:command:)`` when the folder holds a
    ///   checkpoint of another run.
    public func train() throws -> TrainingOutcome {
        let clock = ContinuousClock()
        let sessionStart = clock.now
        let model = run.makeModel()
        let fingerprint = run.fingerprint(initialModel: model)
        let optimizer = SGD(for: model, learningRate: run.learningRate, momentum: run.momentum, weightDecay: run.weightDecay)
        let scheduler = StepLR(optimizer: optimizer, stepSize: run.stepSize, gamma: run.gamma)
        let patience = run.patience ?? Int.max
        var stopper = EarlyStopping(patience: patience, mode: .maximize)
        try FileManager.default.createDirectory(at: checkpointDirectory, withIntermediateDirectories: true)

        var state = Checkpoint.State(
            fingerprint: fingerprint, completedEpochs: 0, finished: false, stoppedEarly: false,
            learningRateBits: optimizer.learningRate.bitPattern, stepCount: 0, schedulerEpoch: 0,
            epochsWithoutImprovement: 0, nextRandomStreams: randomStreams(epoch: 0), log: [], elapsedSeconds: 0,
            sessions: 1, started: Self.timestamp(Date()), threads: ThreadPolicy.computeThreads)
        if let saved = try Checkpoint.read(from: checkpointURL) {
            guard saved.state.fingerprint == fingerprint else {
                throw ExperimentError.checkpointMismatch(path: checkpointURL.path, command: command)
            }
            guard saved.state.nextRandomStreams == randomStreams(epoch: saved.state.completedEpochs) else {
                throw ExperimentError.unreadableCheckpoint(
                    path: checkpointURL.path, reason: "the library now derives other random streams from the seed")
            }
            if saved.state.threads != ThreadPolicy.computeThreads {
                reporter.note("note: the checkpoint was made with \(saved.state.threads) threads, this session computes with \(ThreadPolicy.computeThreads); the last bits of the result may differ from an uninterrupted run")
            }
            try model.loadStateDict(Dictionary(uniqueKeysWithValues: saved.model.map { ($0.name, $0.tensor) }))
            optimizer.restore(SGD.State(
                learningRate: Float(bitPattern: saved.state.learningRateBits), stepCount: saved.state.stepCount,
                momentumBuffers: saved.momentum))
            scheduler.resume(atEpoch: saved.state.schedulerEpoch)
            stopper = EarlyStopping(
                patience: patience, mode: .maximize, bestValue: saved.state.bestValueBits.map(Float.init(bitPattern:)),
                bestEpoch: saved.state.bestEpoch, epochsWithoutImprovement: saved.state.epochsWithoutImprovement,
                bestState: saved.best)
            state = saved.state
            if !state.finished { state.sessions += 1 }
        }
        var records = try state.log.map { try JSONDecoder().decode(EpochRecord.self, from: Data($0.utf8)) }
        let previousSeconds = state.elapsedSeconds
        let batchCount = BatchIterator(run.training, batchSize: run.batchSize).batchCount
        reporter.runStarted(
            run.name, label: label, epochs: run.epochs, batchesPerEpoch: batchCount, completedEpochs: state.completedEpochs,
            laterRunsSeconds: laterRunsSeconds)

        while !state.finished && state.completedEpochs < run.epochs {
            let epoch = state.completedEpochs
            let epochStart = clock.now
            let rate = optimizer.learningRate
            let trained = try trainEpoch(epoch, model: model, optimizer: optimizer)
            let validated = run.validation.map { model.evaluate(on: $0, batchSize: run.evaluationBatchSize) }
            scheduler.step()
            var stop = false
            if let validated { stop = stopper.update(value: validated.accuracy, epoch: epoch + 1, model: model) }
            let record = EpochRecord(
                run: run.name, epoch: epoch + 1, learningRate: rate, trainLoss: trained.loss, trainAccuracy: trained.accuracy,
                validationLoss: validated?.loss, validationAccuracy: validated?.accuracy,
                seconds: (clock.now - epochStart).seconds)
            records.append(record)
            state.completedEpochs = epoch + 1
            state.finished = stop || epoch + 1 == run.epochs
            state.stoppedEarly = stop && epoch + 1 < run.epochs
            state.learningRateBits = optimizer.learningRate.bitPattern
            state.stepCount = optimizer.stepCount
            state.schedulerEpoch = scheduler.epoch
            state.bestValueBits = stopper.bestValue?.bitPattern
            state.bestEpoch = stopper.bestEpoch
            state.epochsWithoutImprovement = stopper.epochsWithoutImprovement
            state.nextRandomStreams = randomStreams(epoch: epoch + 1)
            state.log.append(record.jsonLine)
            state.elapsedSeconds = previousSeconds + (clock.now - sessionStart).seconds
            try Checkpoint(state: state, model: model.stateDict(), momentum: optimizer.state.momentumBuffers, best: stopper.bestState)
                .write(to: checkpointURL)
            try Data(state.log.map { $0 + "\n" }.joined().utf8).write(to: logURL, options: .atomic)
            reporter.epochFinished(record, bestEpoch: stopper.bestEpoch)
        }
        return TrainingOutcome(
            model: model, records: records, bestEpoch: stopper.bestEpoch, bestState: stopper.bestState,
            stoppedEarly: state.stoppedEarly, elapsedSeconds: state.elapsedSeconds, sessions: state.sessions,
            started: state.started)
    }

    /// One pass over the training set, as ``Module/trainEpoch(on:optimizer:)`` does it, with
    /// progress and a chance to stop after every batch.
    private func trainEpoch(_ epoch: Int, model: Module, optimizer: SGD) throws -> EpochMetrics {
        let batches = BatchIterator(
            run.training, batchSize: run.batchSize, shuffle: true, seed: run.seed, epoch: epoch, transform: run.augmentation)
        model.train()
        var (lossSum, correct, examples) = (0.0, 0.0, 0)
        for (index, batch) in batches.enumerated() {
            if shouldStop() { throw ExperimentError.interrupted(checkpoint: checkpointURL.path, command: command) }
            let (loss, accuracy) = model.trainStep(on: batch, optimizer: optimizer)
            lossSum += Double(loss) * Double(batch.count)
            correct += Double(accuracy) * Double(batch.count)
            examples += batch.count
            reporter.batchFinished(
                epoch: epoch + 1, batch: index + 1, loss: Float(lossSum / Double(examples)),
                accuracy: Float(correct / Double(examples)))
        }
        optimizer.zeroGradients()
        return EpochMetrics(loss: Float(lossSum / Double(max(1, examples))), accuracy: Float(correct / Double(max(1, examples))), examples: examples)
    }

    /// The seeds of epoch `epoch`'s shuffling and augmentation generators.
    private func randomStreams(epoch: Int) -> [UInt64] {
        [0, 1].map { BatchIterator.streamSeed(seed: run.seed, epoch: epoch, stream: $0) }
    }

    /// `date` in ISO 8601, UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
