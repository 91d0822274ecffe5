import Experiments
import Foundation
import ResNetKit
import Testing

@Suite("Experiments: logs, checkpoints and resuming")
struct CheckpointResumeTests {
    @Test("every epoch writes one JSON line, live and in the artifact")
    func jsonLines() throws {
        let tiny = try TinyExperiment()
        defer { tiny.remove() }
        let context = tiny.context("plain")
        let artifact = try tiny.recipe.run(in: context)
        let live = try String(contentsOf: context.checkpointsDirectory.appendingPathComponent("recipe/metrics.jsonl"), encoding: .utf8)
        let lines = live.split(separator: "\n")
        #expect(lines.count == 3)
        let records = try lines.map { try JSONDecoder().decode(EpochRecord.self, from: Data($0.utf8)) }
        #expect(records.map(\.epoch) == [1, 2, 3])
        #expect(records.map(\.learningRate) == [0.1, 0.1, Float(0.1 * 0.1)])
        #expect(records.allSatisfy { $0.validationAccuracy != nil && $0.run == "recipe" })
        #expect(try artifact.records() == records)
    }

    @Test("a run stopped mid-epoch and resumed ends with the same weights as one never stopped")
    func resumeMidEpoch() throws {
        let tiny = try TinyExperiment()
        defer { tiny.remove() }
        let whole = try tiny.recipe.run(in: tiny.context("whole"))
        // Four batches an epoch: stopping before the 7th batch leaves epoch 1 checkpointed and
        // epoch 2 half done.
        #expect(throws: ExperimentError.self) { try tiny.recipe.run(in: tiny.context("resumed", shouldStop: TinyExperiment.stopper(after: 6))) }
        let resumed = try tiny.recipe.run(in: tiny.context("resumed"))
        #expect(try resumed.data(of: ExperimentArtifact.weightsFileName) == whole.data(of: ExperimentArtifact.weightsFileName))
        #expect(try resumed.records().map(\.trainLoss) == whole.records().map(\.trainLoss))
        #expect(resumed.provenance.sessions == 2)
        #expect(whole.provenance.sessions == 1)
    }

    @Test("the final weights of a session resumed twice are bit-identical, momentum and schedule included")
    func resumeSessionTwice() throws {
        let tiny = try TinyExperiment()
        defer { tiny.remove() }
        let run = TrainingRun(
            name: "tiny", modelDescription: "CIFARResNet(depth: 8, width: 2)",
            makeModel: { CIFARResNet(depth: 8, inputChannels: 1, width: 2, seed: 3) },
            training: TinyExperiment.images(count: 64, seed: 4), validation: TinyExperiment.images(count: 16, seed: 5),
            augmentation: Compose([RandomCrop(size: 8, padding: 2), RandomHorizontalFlip()]), epochs: 4, batchSize: 16,
            learningRate: 0.1, momentum: 0.9, weightDecay: 5e-4, stepSize: 2, gamma: 0.1, patience: nil, seed: 9)
        let whole = try TrainingSession(run: run, checkpointDirectory: tiny.folder.appendingPathComponent("whole")).train()
        let directory = tiny.folder.appendingPathComponent("resumed")
        for stop in [4, 5] {  // at an epoch's end, then inside the next epoch
            #expect(throws: ExperimentError.self) {
                try TrainingSession(run: run, checkpointDirectory: directory, shouldStop: TinyExperiment.stopper(after: stop)).train()
            }
        }
        let resumed = try TrainingSession(run: run, checkpointDirectory: directory).train()
        let (a, b) = (whole.model.stateDict(), resumed.model.stateDict())
        #expect(a.map(\.name) == b.map(\.name))
        for (left, right) in zip(a, b) {
            #expect(left.tensor.values.map(\.bitPattern) == right.tensor.values.map(\.bitPattern), "\(left.name) differs")
        }
        #expect(resumed.sessions == 3)
        #expect(resumed.records.map(\.epoch) == [1, 2, 3, 4])
    }

    @Test("a checkpoint of other settings is not resumed")
    func mismatch() throws {
        let tiny = try TinyExperiment()
        defer { tiny.remove() }
        let context = tiny.context("mismatch")
        try tiny.recipe.run(in: context)
        var other = tiny.recipe
        other.options.weightDecay = 1e-3
        #expect(throws: ExperimentError.self) { try other.run(in: context) }
        var fresh = context
        fresh.fresh = true
        #expect(try other.run(in: fresh).provenance.sessions == 1)
    }
}
