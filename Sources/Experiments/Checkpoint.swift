import Foundation
import ResNetKit

/// Everything a training run needs to continue after its last finished epoch, in one
/// `.safetensors` file replaced atomically after every epoch: the model's state dict
/// (`model.…`), SGD's momentum buffers (`momentum.…`), the best validation state kept for early
/// stopping (`best.…`), and the rest as JSON in the header's metadata.
///
/// The random state needs no tensors: at an epoch's end, the generators of the next epoch
/// (shuffling and augmentation) are functions of the run's seed and the epoch number, and the
/// checkpoint records their seeds so a resumed run can check that they still are.
struct Checkpoint {
    /// The scalar part of a checkpoint.
    struct State: Codable, Equatable {
        /// Bumped when the layout changes; an older checkpoint is not resumed.
        var format = Checkpoint.currentFormat
        /// The run's ``TrainingRun/fingerprint(initialModel:)``.
        var fingerprint: String
        /// Epochs finished.
        var completedEpochs: Int
        /// Whether the run is over (all epochs, or stopped early).
        var finished: Bool
        /// Whether early stopping ended it.
        var stoppedEarly: Bool
        /// SGD's learning rate, as the bits of the `Float`.
        var learningRateBits: UInt32
        /// SGD's step count.
        var stepCount: Int
        /// StepLR's epoch.
        var schedulerEpoch: Int
        /// Early stopping's best validation accuracy, as `Float` bits.
        var bestValueBits: UInt32?
        /// The epoch of the best validation accuracy.
        var bestEpoch: Int?
        /// Early stopping's count of epochs without improvement.
        var epochsWithoutImprovement: Int
        /// The seeds of the next epoch's shuffling and augmentation generators.
        var nextRandomStreams: [UInt64]
        /// The log so far, one JSON line per epoch.
        var log: [String]
        /// Seconds of computing so far, over all sessions.
        var elapsedSeconds: Double
        /// Sessions so far, this one included.
        var sessions: Int
        /// When the first session started (ISO 8601).
        var started: String
        /// The threads the run computed with.
        var threads: Int
    }

    var state: State
    var model: [(name: String, tensor: Tensor)]
    var momentum: [String: [Float]]
    var best: [String: Tensor]?

    /// The layout this build reads and writes.
    static let currentFormat = 1
    /// The file name inside a run's checkpoint folder.
    static let fileName = "checkpoint.safetensors"
    private static let metadataKey = "checkpoint"

    /// Writes the checkpoint to `url`, replacing the previous one atomically.
    func write(to url: URL) throws {
        var tensors = model.map { (name: "model.\($0.name)", tensor: $0.tensor) }
        for name in momentum.keys.sorted() {
            tensors.append(("momentum.\(name)", Tensor(shape: [momentum[name]!.count], values: momentum[name]!)))
        }
        if let best {
            // In the model's order, so the file's bytes depend only on the state.
            for (name, _) in model where best[name] != nil { tensors.append(("best.\(name)", best[name]!)) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(state), as: UTF8.self)
        try SafeTensors.write(tensors, to: url, metadata: [Self.metadataKey: json])
    }

    /// Reads the checkpoint at `url`, or `nil` when there is none.
    static func read(from url: URL) throws -> Checkpoint? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let file: SafeTensorsFile
        do {
            file = try SafeTensors.readFile(contentsOf: url)
        } catch {
            throw ExperimentError.unreadableCheckpoint(path: url.path, reason: error.localizedDescription)
        }
        guard let json = file.metadata[metadataKey],
            let state = try? JSONDecoder().decode(State.self, from: Data(json.utf8))
        else {
            throw ExperimentError.unreadableCheckpoint(path: url.path, reason: "its header has no readable '\(metadataKey)' record")
        }
        guard state.format == currentFormat else {
            throw ExperimentError.unreadableCheckpoint(path: url.path, reason: "it has layout \(state.format), this build writes another")
        }
        var model: [(String, Tensor)] = []
        var momentum: [String: [Float]] = [:]
        var best: [String: Tensor] = [:]
        for (name, tensor) in file.entries {
            if name.hasPrefix("model.") {
                model.append((String(name.dropFirst("model.".count)), tensor))
            } else if name.hasPrefix("momentum.") {
                momentum[String(name.dropFirst("momentum.".count))] = tensor.values
            } else if name.hasPrefix("best.") {
                best[String(name.dropFirst("best.".count))] = tensor
            }
        }
        return Checkpoint(state: state, model: model, momentum: momentum, best: best.isEmpty ? nil : best)
    }
}
