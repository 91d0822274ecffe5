import Foundation
import ResNetKit
import SourceHashing

/// Where an experiment runs and reports: the package, the folders of its checkpoints and
/// artifacts, the command that started it, and how it shows progress.
public struct ExperimentContext {
    /// The package root (the folder holding `Package.swift`).
    public var packageRoot: String
    /// The folder that receives each experiment's artifact folder (`Lessons/artifacts`).
    public var artifactsDirectory: URL
    /// The folder of each experiment's checkpoints (`.build/experiments`), kept out of git.
    public var checkpointsDirectory: URL
    /// The arguments after `experiment`, verbatim (`["recipe", "--epochs", "2"]`).
    public var arguments: [String]
    /// Where progress goes.
    public var reporter: any ExperimentReporter
    /// Asked between batches; `true` stops the experiment at its last checkpoint.
    public var shouldStop: () -> Bool
    /// Discard existing checkpoints and start over.
    public var fresh: Bool

    /// Creates a context; folders default to `Lessons/artifacts` and `.build/experiments` below
    /// `packageRoot`.
    public init(
        packageRoot: String, artifactsDirectory: URL? = nil, checkpointsDirectory: URL? = nil, arguments: [String],
        reporter: any ExperimentReporter = SilentReporter(), shouldStop: @escaping () -> Bool = { false }, fresh: Bool = false
    ) {
        self.packageRoot = packageRoot
        self.artifactsDirectory = artifactsDirectory ?? URL(fileURLWithPath: "\(packageRoot)/Lessons/artifacts")
        self.checkpointsDirectory = checkpointsDirectory ?? URL(fileURLWithPath: "\(packageRoot)/.build/experiments")
        self.arguments = arguments
        self.reporter = reporter
        self.shouldStop = shouldStop
        self.fresh = fresh
    }

    /// The package root above the working directory.
    public static func findPackageRoot() throws -> String {
        let here = FileManager.default.currentDirectoryPath
        guard let root = SourceFingerprint.packageRoot(from: here) else { throw ExperimentError.packageRootNotFound(searchedFrom: here) }
        return root
    }

    /// The command that runs this experiment again, as typed in the package root.
    public var command: String {
        (["swift", "run", "-c", "release", "experiment"] + arguments.filter { $0 != "--fresh" }).map(Self.shellQuoted).joined(separator: " ")
    }

    /// The checkpoint folder of `experiment` (and, for one of several runs, of `run`).
    func checkpointDirectory(experiment: String, run: String? = nil) -> URL {
        var url = checkpointsDirectory.appendingPathComponent(experiment)
        if let run { url = url.appendingPathComponent(run) }
        return url
    }

    /// Removes `experiment`'s checkpoints when ``fresh``.
    func prepareCheckpoints(experiment: String) {
        if fresh { try? FileManager.default.removeItem(at: checkpointDirectory(experiment: experiment)) }
    }

    private static func shellQuoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=,:@+".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
