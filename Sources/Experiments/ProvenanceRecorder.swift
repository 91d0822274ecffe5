import Foundation
import ResNetKit
import SourceHashing

/// Gathers what a provenance record says about the machine and the sources: hashes of the
/// library and the experiments, `swift --version`, the git commit and whether the tree was
/// dirty, the cores and threads.
struct ProvenanceRecorder {
    let context: ExperimentContext

    /// A provenance record for `experiment`, finished now; files are filled in when written.
    func record(
        experiment: String, seeds: [UInt64], started: String, wallSeconds: Double, sessions: Int, results: [String: Double]
    ) -> ExperimentProvenance {
        let root = context.packageRoot
        let commit = Self.output(of: ["git", "-C", root, "rev-parse", "HEAD"])?.trimmingCharacters(in: .whitespacesAndNewlines)
        // Tracked files only: the artifact being written is itself untracked until committed.
        let status = commit == nil ? nil : Self.output(of: ["git", "-C", root, "status", "--porcelain", "--untracked-files=no"])
        return ExperimentProvenance(
            experiment: experiment, command: context.command, arguments: context.arguments, seeds: seeds,
            librarySourceHash: SourceFingerprint.libraryHash(root: root),
            experimentSourceHash: SourceFingerprint.experimentHash(root: root),
            toolchain: Self.output(of: ["swift", "--version"])?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown",
            started: started, finished: TrainingSession.timestamp(Date()), wallSeconds: (wallSeconds * 10).rounded() / 10,
            sessions: sessions, cores: ThreadPolicy.availableCores, threads: ThreadPolicy.computeThreads,
            gitCommit: commit, gitDirty: status.map { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty },
            results: results)
    }

    /// Standard output and error of a command found on `PATH`, or `nil` if it failed.
    private static func output(of command: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
