import Experiments
import Foundation
import ResNetKit
import SourceHashing
import Testing

@Suite("Experiments: artifacts and provenance")
struct ArtifactTests {
    @Test("provenance names the command, seeds, hashes, toolchain, times, machine and commit")
    func provenance() throws {
        let tiny = try TinyExperiment()
        defer { tiny.remove() }
        let artifact = try tiny.recipe.run(in: tiny.context("provenance"))
        let provenance = artifact.provenance
        let root = TinyExperiment.packageRoot
        #expect(provenance.experiment == "recipe")
        #expect(provenance.command == "swift run -c release experiment recipe --epochs 3")
        #expect(provenance.arguments == ["recipe", "--epochs", "3"])
        #expect(provenance.seeds == [7])
        #expect(provenance.librarySourceHash == SourceFingerprint.libraryHash(root: root))
        #expect(provenance.experimentSourceHash == SourceFingerprint.experimentHash(root: root))
        #expect(provenance.toolchain.contains("Swift version"))
        #expect(provenance.started.hasSuffix("Z") && provenance.finished.hasSuffix("Z"))
        #expect(provenance.started <= provenance.finished)
        #expect(provenance.wallSeconds >= 0)
        #expect(provenance.sessions == 1)
        #expect(provenance.cores >= 1 && provenance.threads >= 1)
        #expect(provenance.gitCommit?.count == 40)
        #expect(provenance.gitDirty != nil)
        #expect(provenance.files.map(\.name) == ["metrics.jsonl", "weights.safetensors"])
        #expect(provenance.results["test_accuracy"] != nil && provenance.results["best_epoch"] != nil)
        // The file on disk decodes to the same record, every key present.
        let file = try Data(contentsOf: artifact.directory.appendingPathComponent("provenance.json"))
        let json = try JSONSerialization.jsonObject(with: file) as? [String: Any]
        let keys = Set(json?.keys.map { $0 } ?? [])
        #expect(keys == [
            "experiment", "command", "arguments", "seeds", "library_source_hash", "experiment_source_hash", "toolchain",
            "started", "finished", "wall_seconds", "sessions", "cores", "threads", "git_commit", "git_dirty", "files", "results",
        ])
    }

    @Test("the weights load back into the model and reproduce the recorded test accuracy")
    func weights() throws {
        let tiny = try TinyExperiment()
        defer { tiny.remove() }
        let artifact = try tiny.recipe.run(in: tiny.context("weights"))
        let model = CIFARResNet(depth: 8, inputChannels: 1, width: 2)
        try artifact.loadWeights(into: model)
        let accuracy = model.evaluate(on: TinyExperiment.images(count: 20, seed: 2), batchSize: 64).accuracy
        #expect(Double("\(accuracy)") == artifact.provenance.results["test_accuracy"])
    }

    @Test("an artifact made with other library sources is stale, and says what changed")
    func staleness() throws {
        let root = TinyExperiment.packageRoot
        let now = ArtifactSources(root: root)
        #expect(now.changes(since: now).isEmpty)
        let older = ArtifactSources(libraryHash: String(repeating: "0", count: 64), experimentHash: now.experimentHash)
        #expect(now.changes(since: older) == ["the library's sources (Sources/ResNetKit and its C modules)"])
        let both = ArtifactSources(libraryHash: "a", experimentHash: "b")
        #expect(now.changes(since: both).count == 2)
    }

    @Test("a damaged file is rejected with its path, before anything is loaded")
    func corruption() throws {
        let tiny = try TinyExperiment()
        defer { tiny.remove() }
        let artifact = try tiny.recipe.run(in: tiny.context("corrupt"))
        let weights = artifact.directory.appendingPathComponent("weights.safetensors")
        var bytes = try Data(contentsOf: weights)
        bytes[bytes.count - 1] ^= 0x40
        try bytes.write(to: weights)
        #expect {
            try ExperimentArtifact.open(artifact.directory)
        } throws: { error in
            guard case ResNetKitError.malformedArtifact(let path, let reason) = error else { return false }
            return path == weights.path && reason.contains("checksum")
        }
        try FileManager.default.removeItem(at: weights)
        #expect {
            try ExperimentArtifact.open(artifact.directory)
        } throws: { error in
            guard case ResNetKitError.malformedArtifact(let path, _) = error else { return false }
            return path == weights.path
        }
        let provenance = artifact.directory.appendingPathComponent("provenance.json")
        try Data("{\"experiment\": ".utf8).write(to: provenance)
        #expect(throws: ResNetKitError.malformedArtifact(path: provenance.path, reason: "not a provenance record: invalid JSON")) {
            try ExperimentArtifact.open(artifact.directory)
        }
        try FileManager.default.removeItem(at: artifact.directory)
        #expect(throws: ResNetKitError.artifactMissing(path: provenance.path)) { try ExperimentArtifact.open(artifact.directory) }
    }

    @Test("a log line that is not an epoch record is named by file and line")
    func badLogLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("artifact-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = EpochRecord(epoch: 1, learningRate: 0.1, trainLoss: 1, trainAccuracy: 0.5, seconds: 1).jsonLine
        let provenance = ExperimentProvenance(
            experiment: "bad", command: "c", arguments: [], seeds: [], librarySourceHash: "", experimentSourceHash: "",
            toolchain: "", started: "", finished: "", wallSeconds: 0, sessions: 1, cores: 1, threads: 1, gitCommit: nil, gitDirty: nil)
        let artifact = try ExperimentArtifact.write(
            files: [("metrics.jsonl", Data((good + "\n{\"epoch\": 2}\n").utf8))], provenance: provenance, to: folder)
        #expect(throws: ResNetKitError.malformedArtifact(
            path: folder.appendingPathComponent("metrics.jsonl").path, reason: "line 2 is not an epoch record: no field 'lr'")) {
            try artifact.records()
        }
    }
}
