import ArgumentParser
import LessonBook

/// Options every subcommand shares: where the lessons and the package are.
struct BookOptions: ParsableArguments {
    @Option(help: "The directory holding the NN-slug.md lessons.")
    var lessons = "Lessons"

    @Option(help: "The package whose library the cells link against (default: the nearest Package.swift above the working directory).")
    var packageRoot: String?

    @Option(help: "Where results and compiled programs are cached (default: .build/lesson-cache in the package).")
    var cacheDirectory: String?

    @Option(help: "Seconds a cell may run unless its timeout= option says otherwise.")
    var timeout: Double = 300

    @Option(
        help: ArgumentHelp(
            "The resident memory a lesson program may use, e.g. 8GiB or 512MiB, whatever the lesson's front matter says.",
            discussion: "By default a lesson may use a third of the machine's memory, or what its front matter's memory: key says."),
        transform: { text in
            guard let size = MemorySize(parsing: text) else {
                throw ValidationError("--memory-limit must be a size such as 8GiB or 512MiB, not '\(text)'")
            }
            return size
        })
    var memoryLimit: MemorySize?

    /// The book these options describe.
    func book() throws -> Book {
        var package = try packageRoot.map { PackageLocation(root: $0) } ?? PackageLocation.find()
        if let cacheDirectory { package.cacheDirectory = cacheDirectory }
        return Book(lessonsDirectory: lessons, package: package, options: RunOptions(defaultCellTimeout: timeout, memoryLimit: memoryLimit))
    }
}
