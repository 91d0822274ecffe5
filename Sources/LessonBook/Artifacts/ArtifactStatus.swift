import Foundation
import LessonRuntime
import SourceHashing

/// The state of one experiment's artifact that lessons declare: current, stale, missing or
/// damaged, with the command that makes it (again).
package struct ArtifactStatus: Hashable, Sendable {
    /// How the artifact stands.
    package enum State: Hashable, Sendable {
        /// Made from the sources as they are now.
        case current
        /// Made before these sources changed (in words).
        case stale([String])
        /// No artifact at the path.
        case missing(path: String)
        /// The artifact is there but unusable; the message names the file.
        case damaged(String)
    }

    /// The experiment's name.
    package var name: String
    /// The artifact's folder.
    package var directory: String
    /// How it stands.
    package var state: State
    /// The command that makes it: the recorded one, or the plain experiment when there is none.
    package var command: String
    /// The lessons that declare it.
    package var lessons: [String]

    /// Reads the artifact `name` in `artifactsDirectory` and compares it with `sources`.
    package init(name: String, artifactsDirectory: String, sources: ArtifactSources, lessons: [String] = []) {
        self.name = name
        directory = (artifactsDirectory as NSString).appendingPathComponent(name)
        self.lessons = lessons
        command = "swift run -c release experiment \(name)"
        do {
            let artifact = try ExperimentArtifact.open(URL(fileURLWithPath: directory))
            let provenance = artifact.provenance
            command = provenance.command
            let changes = sources.changes(
                since: ArtifactSources(libraryHash: provenance.librarySourceHash, experimentHash: provenance.experimentSourceHash))
            state = changes.isEmpty ? .current : .stale(changes)
        } catch ResNetKitError.artifactMissing(let path) {
            state = .missing(path: path)
        } catch {
            state = .damaged(error.localizedDescription)
        }
    }

    /// What goes into the input hash of a lesson that reads the artifact: the provenance's
    /// bytes when it is usable (they hold every file's checksum), else the state.
    var fingerprint: String {
        switch state {
        case .current, .stale:
            let provenance = FileManager.default.contents(atPath: "\(directory)/\(ExperimentArtifact.provenanceFileName)") ?? Data()
            return "\(name) \(SHA256.hex(provenance))"
        case .missing: return "\(name) missing"
        case .damaged(let message): return "\(name) damaged \(message)"
        }
    }

    /// One line for `lesson check` and `lesson build`, or `nil` when the artifact is current.
    package var report: String? {
        let users = lessons.isEmpty ? "" : " (read by \(lessons.joined(separator: ", ")))"
        switch state {
        case .current:
            return nil
        case .stale(let changes):
            return "artifact \(name) is stale\(users): \(changes.joined(separator: " and ")) changed since it was made; refresh it with: \(command)"
        case .missing(let path):
            return "artifact \(name) is missing\(users): \(path) does not exist; make it with: \(command)"
        case .damaged(let message):
            return "artifact \(name) is damaged\(users): \(message); make it again with: \(command)"
        }
    }
}
