import ArgumentParser
import Foundation
import LessonBook

/// `lesson build`: runs the lessons whose inputs changed and writes the static site atomically;
/// with `--check`, only judges whether the site is what the current sources produce.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Run the lessons that changed and write the static site.",
        discussion: """
            The site is replaced only when every page is written, so an interrupted build leaves \
            the previous one whole. Exits non-zero when a lesson fails; its page still shows why.
            """)

    @Flag(help: "Run nothing; exit 0 only if the site matches the current sources' input hashes.")
    var check = false

    @Option(help: "The folder of lesson files.")
    var lessons = "Lessons"

    @Option(help: "The folder to write the site into.")
    var output = "site"

    @Flag(help: "Run every lesson again, ignoring cached results.")
    var force = false

    func run() async throws {
        let outputURL = URL(fileURLWithPath: output)
        let source = try Book(lessonsDirectory: URL(fileURLWithPath: lessons))
        let builder = SiteBuilder { markdown in CommonMarkConverter.renderHTML(markdown) }
        let outcome = check
            ? try SiteCommand.check(source: source, builder: builder, output: outputURL)
            : try await SiteCommand.build(source: source, builder: builder, output: outputURL, force: force)
        print(outcome.text)
        if !outcome.succeeded { throw ExitCode.failure }
    }
}
