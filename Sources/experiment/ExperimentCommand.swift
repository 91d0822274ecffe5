import ArgumentParser

/// The `experiment` command: long experiments whose artifacts the lessons read.
@main
struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Run a long experiment and write its artifacts (log, weights, provenance) under Lessons/artifacts.",
        discussion: """
            Build in release mode (swift run -c release experiment …): the training loops are slow otherwise. \
            An experiment checkpoints after every epoch under .build/experiments/NAME and, when run again \
            after Ctrl-C or a crash, continues from its last checkpoint with the same result.
            """,
        subcommands: [ListCommand.self, RecipeCommand.self, DegradationCommand.self],
        defaultSubcommand: ListCommand.self)
}
