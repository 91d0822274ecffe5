import ArgumentParser
import Foundation
import LessonBook

/// `lesson serve`: a live preview for writing lessons.
///
/// It builds the site as `lesson build` does, serves it on 127.0.0.1 only, and on every save of a
/// lesson or of the library's sources rebuilds what changed (a prose edit re-renders without
/// running anything; a code edit runs that lesson) and reloads the open page over a WebSocket.
/// The server is FlyingFox, chosen over Hummingbird because it does HTTP and WebSockets without
/// SwiftNIO: a preview needs neither NIO's throughput nor the minutes it adds to a first build.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on 127.0.0.1, rebuild on save and reload the page.",
        discussion: """
            The live-reload script is added to pages as they are served; the files written to the \
            site folder are exactly those of `lesson build`. Ctrl-C stops the server.
            """)

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: UInt16 = 8000

    @Option(help: "The folder to write the site into.")
    var output = "site"

    @OptionGroup var options: BookOptions

    func run() throws {
        InterruptHandler.install()
        try ErrorReport.run {
            let options = options
            let session = PreviewSession(
                makeBook: { try options.book() },
                makeBuilder: { book in
                    SiteBuilder(rendererHash: book.rendererHash()) { markdown in CommonMarkConverter.renderHTML(markdown) }
                },
                output: URL(fileURLWithPath: output), port: port,
                log: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) })
            try session.run()
        }
    }
}
