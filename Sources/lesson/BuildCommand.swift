import ArgumentParser
import Foundation
import LessonBook

/// `lesson build`: runs the lessons whose inputs changed and writes the static site atomically;
/// with `--check`, only judges whether the site is what the current sources produce.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Run the lessons that changed and write the static site.",
        discussion: """
            The site is replaced only when every page is written, so an interrupted build leaves \
            the previous one whole. Exits non-zero when a lesson fails; its page still shows why.
            """)

    @Flag(help: "Run nothing; exit 0 only if the site matches the current sources' input hashes.")
    var check = false

    @Option(help: "The folder to write the site into.")
    var output = "site"

    @Flag(help: "Run every lesson again, ignoring cached results.")
    var force = false

    @OptionGroup var options: BookOptions

    func run() throws {
        InterruptHandler.install()
        try ErrorReport.run {
            let book = try options.book()
            let builder = SiteBuilder(rendererHash: book.rendererHash()) { markdown in CommonMarkConverter.renderHTML(markdown) }
            let outputURL = URL(fileURLWithPath: output)
            let outcome = check
                ? try SiteCommand.check(source: book, builder: builder, output: outputURL)
                : try SiteCommand.build(source: book, builder: builder, output: outputURL, force: force)
            print(outcome.text)
            // The site is built either way; the report says which artifacts to refresh.
            for status in try book.artifactStatuses() { if let report = status.report { print("! \(report)") } }
            if !outcome.succeeded { throw ExitCode.failure }
        }
    }
}
