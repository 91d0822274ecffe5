import Foundation

/// A long experiment's artifact, read from a lesson: its metrics log as records, its
/// provenance, its weights.
///
/// ```swift
/// let recipe = try Artifact.load("recipe")
/// let log = try recipe.metrics()              // [EpochRecord], one per epoch
/// let model = CIFARResNet(depth: 20, inputChannels: 1)
/// try recipe.loadWeights(into: model)
/// ```
///
/// A lesson declares the artifacts it reads in its front matter (`artifacts: recipe`), so the
/// engine can key its result on them and say when one is stale; ``load(_:)`` shows the
/// artifact's provenance under the cell that loads it.
public struct Artifact: Sendable {
    /// The environment variable through which the engine names the artifacts folder.
    public static let directoryVariable = "LESSON_ARTIFACTS_DIRECTORY"
    /// The environment variable through which the engine lists the lesson's declared artifacts.
    public static let declaredVariable = "LESSON_ARTIFACTS"

    /// The artifact as stored, its files checked against their provenance.
    public let stored: ExperimentArtifact

    /// The experiment's name.
    public var name: String { stored.name }
    /// How it was made.
    public var provenance: ExperimentProvenance { stored.provenance }
    /// Its headline numbers (`test_accuracy`, …), by name.
    public var results: [String: Double] { stored.provenance.results }

    /// Opens the artifact `name` (the folder `artifacts/NAME` beside the lesson), checks its
    /// files and shows its provenance under the current cell.
    ///
    /// - Throws: ``ResNetKitError/artifactMissing(path:)`` or
    ///   ``ResNetKitError/malformedArtifact(path:reason:)`` naming the file.
    /// - Precondition: the lesson declares `name` in its front matter (`artifacts: NAME`).
    public static func load(_ name: String) throws -> Artifact {
        let environment = ProcessInfo.processInfo.environment
        if let declared = environment[declaredVariable] {
            let names = declared.split(separator: ",").map(String.init)
            require(
                names.contains(name),
                "Artifact.load(\"\(name)\"): the lesson does not declare this artifact; add it to the front matter: artifacts: \((names + [name]).joined(separator: ", "))")
        }
        let directory = environment[directoryVariable] ?? "Lessons/artifacts"
        let stored = try ExperimentArtifact.open(URL(fileURLWithPath: directory).appendingPathComponent(name))
        EventStream.emit(.artifact(ArtifactNote(stored.provenance)))
        return Artifact(stored: stored)
    }

    /// The epochs of the metrics log `file` (`metrics.jsonl` by default; one log per run in an
    /// experiment of several, e.g. `resnet-20-seed1.jsonl`).
    public func metrics(_ file: String = ExperimentArtifact.metricsFileName) throws -> [EpochRecord] {
        try stored.records(in: file)
    }

    /// Loads the weights in `file` into `model`.
    public func loadWeights(into model: Module, from file: String = ExperimentArtifact.weightsFileName) throws {
        try stored.loadWeights(into: model, from: file)
    }

    /// The JSON file `file` decoded as `type` (e.g. ``LayerResponseSpreads`` from `layer-responses.json`).
    public func decode<T: Decodable>(_ type: T.Type, from file: String) throws -> T {
        try stored.decode(type, from: file)
    }
}
