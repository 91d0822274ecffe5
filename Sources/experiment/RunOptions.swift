import ArgumentParser
import Experiments
import Foundation

/// The options every experiment takes: where its files go and whether to start over.
struct RunOptions: ParsableArguments {
    @Flag(name: .long, help: "Discard the experiment's checkpoints and start over.")
    var fresh = false

    @Option(name: .long, help: "The folder for the artifact folder (default: Lessons/artifacts in the package).")
    var output: String?

    @Option(name: .long, help: "The folder for checkpoints (default: .build/experiments in the package).")
    var checkpoints: String?

    /// The context for an experiment started with `arguments`, reporting on the terminal and
    /// stopping cleanly on Ctrl-C.
    func context(arguments: [String]) throws -> ExperimentContext {
        Interruption.shared.install()
        let root = try ExperimentContext.findPackageRoot()
        return ExperimentContext(
            packageRoot: root, artifactsDirectory: output.map { URL(fileURLWithPath: $0) },
            checkpointsDirectory: checkpoints.map { URL(fileURLWithPath: $0) }, arguments: arguments,
            reporter: TerminalProgress(), shouldStop: { Interruption.shared.isRequested }, fresh: fresh)
    }
}

/// The arguments after `experiment`, as typed, for the provenance's command.
var commandArguments: [String] { Array(CommandLine.arguments.dropFirst()) }
