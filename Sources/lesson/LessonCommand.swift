import ArgumentParser

/// `lesson`: lists, runs and checks the book's lessons.
@main
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Run and check the executable lessons of ResNet Lessons.",
        discussion: "`lesson 3` runs lesson 3; `lesson run PATH.md` runs any lesson file.",
        subcommands: [ListCommand.self, RunCommand.self, ExercisesCommand.self, CheckCommand.self, BuildCommand.self, ServeCommand.self],
        defaultSubcommand: ListCommand.self
    )

    /// `lesson 3` is `lesson run 3`: a number as the first argument names a lesson.
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, Int(first) != nil {
            arguments.insert("run", at: 0)
        }
        main(arguments)
    }
}
