import Foundation
import ResNetKit

/// Shows training progress on standard output: on a terminal, one line redrawn in place (epoch,
/// a bar over the epoch's batches, running loss and accuracy, time left in the run); otherwise
/// one plain line per epoch, so a log file or a pipe gets no control characters.
public final class TerminalProgress: ExperimentReporter {
    private let isTerminal: Bool
    private let clock = ContinuousClock()
    private var name = ""
    private var label = ""
    private var epochs = 0
    private var batchesPerEpoch = 1
    private var epochStart: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant
    private var epochSeconds: [Double] = []
    private var lastValidation: Float?
    private var laterRunsSeconds: Double?

    /// Creates a reporter; `isTerminal` defaults to whether standard output is a terminal.
    public init(isTerminal: Bool = isatty(STDOUT_FILENO) != 0) {
        self.isTerminal = isTerminal
        epochStart = clock.now
        lastDraw = clock.now
    }

    public func runStarted(
        _ name: String, label: String, epochs: Int, batchesPerEpoch: Int, completedEpochs: Int, laterRunsSeconds: Double?
    ) {
        self.laterRunsSeconds = laterRunsSeconds
        self.name = name
        self.label = label
        self.epochs = epochs
        self.batchesPerEpoch = max(1, batchesPerEpoch)
        epochSeconds = []
        lastValidation = nil
        epochStart = clock.now
        let resumed = completedEpochs > 0 ? ", resuming after epoch \(completedEpochs)" : ""
        write("\(label)\(name): \(epochs) epochs of \(batchesPerEpoch) batches\(resumed)\n")
    }

    public func batchFinished(epoch: Int, batch: Int, loss: Float, accuracy: Float) {
        if batch == 1 { epochStart = clock.now }
        guard isTerminal, clock.now - lastDraw > .milliseconds(200) || batch == batchesPerEpoch else { return }
        lastDraw = clock.now
        let elapsed = (clock.now - epochStart).seconds
        let perBatch = elapsed / Double(batch)
        let epochLeft = perBatch * Double(batchesPerEpoch - batch)
        let laterEpochs = Double(epochs - epoch) * (epochSeconds.last ?? perBatch * Double(batchesPerEpoch))
        let width = 20
        let filled = min(width, batch * width / batchesPerEpoch)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let validation = lastValidation.map { "  val \(Self.percent($0))" } ?? ""
        let line = "\(label)\(name)  epoch \(epoch)/\(epochs) \(bar) \(batch)/\(batchesPerEpoch)  loss \(String(format: "%.4f", loss))  acc \(Self.percent(accuracy))\(validation)  left \(timeLeft(epochLeft + laterEpochs))"
        write("\r\u{1B}[2K" + line)
    }

    public func epochFinished(_ record: EpochRecord, bestEpoch: Int?) {
        epochSeconds.append(record.seconds)
        lastValidation = record.validationAccuracy
        let mean = epochSeconds.reduce(0, +) / Double(epochSeconds.count)
        var line = "\(label)\(name)  epoch \(record.epoch)/\(epochs)  lr \(record.learningRate)  loss \(String(format: "%.4f", record.trainLoss))  acc \(Self.percent(record.trainAccuracy))"
        if let accuracy = record.validationAccuracy, let loss = record.validationLoss {
            line += "  val loss \(String(format: "%.4f", loss))  val acc \(Self.percent(accuracy))"
        }
        if let bestEpoch { line += "  best \(bestEpoch)" }
        line += "  \(String(format: "%.1f", record.seconds)) s  left \(timeLeft(mean * Double(epochs - record.epoch)))"
        write((isTerminal ? "\r\u{1B}[2K" : "") + line + "\n")
    }

    public func note(_ message: String) {
        write((isTerminal ? "\r\u{1B}[2K" : "") + message + "\n")
    }

    /// The time left in the run, and in the experiment when later runs are estimated.
    private func timeLeft(_ run: Double) -> String {
        guard let laterRunsSeconds else { return Self.duration(run) }
        return "\(Self.duration(run)) (all runs \(Self.duration(run + laterRunsSeconds)))"
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func percent(_ value: Float) -> String {
        String(format: "%.2f%%", Double(value) * 100)
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(rest)s" }
        return "\(rest)s"
    }
}
