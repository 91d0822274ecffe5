import Foundation
import ResNetKit
import SourceHashing

/// The experiments the `experiment` command runs, and the state of their artifacts.
public enum ExperimentCatalog {
    /// Every experiment: its name (the subcommand and the artifact folder) and one line on it.
    public static let entries: [(name: String, summary: String)] = [
        (RecipeExperiment.name, RecipeExperiment.summary),
        (DegradationExperiment.name, DegradationExperiment.summary),
    ]

    /// `current (made …)`, `stale: …`, `missing` or the error that makes the artifact unusable.
    public static func status(of name: String, packageRoot: String) -> String {
        let directory = URL(fileURLWithPath: "\(packageRoot)/Lessons/artifacts/\(name)")
        do {
            let artifact = try ExperimentArtifact.open(directory)
            let provenance = artifact.provenance
            let recorded = ArtifactSources(libraryHash: provenance.librarySourceHash, experimentHash: provenance.experimentSourceHash)
            let changes = ArtifactSources(root: packageRoot).changes(since: recorded)
            let made = "made \(provenance.finished) in \(Int(provenance.wallSeconds)) s"
            return changes.isEmpty ? "current (\(made))" : "stale: \(changes.joined(separator: " and ")) changed since it was \(made)"
        } catch ResNetKitError.artifactMissing {
            return "missing"
        } catch {
            return "unusable: \(error.localizedDescription)"
        }
    }
}
