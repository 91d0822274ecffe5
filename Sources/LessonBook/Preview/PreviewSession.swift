import Foundation

/// `lesson serve`: builds the site, serves it on 127.0.0.1, and on every save rebuilds (running
/// only the lessons whose inputs changed, as `lesson build` does) and reloads the open pages.
package struct PreviewSession: Sendable {
    /// A book as the sources stand now; called for every rebuild so that a changed library is
    /// hashed and built again.
    var makeBook: @Sendable () throws -> Book
    /// Turns results into the site.
    var makeBuilder: @Sendable (Book) -> SiteBuilder
    /// The site folder, written as `lesson build` writes it.
    var output: URL
    /// The port; 0 picks a free one.
    var port: UInt16
    /// Where progress lines go.
    var log: @Sendable (String) -> Void

    /// Creates a session.
    package init(
        makeBook: @escaping @Sendable () throws -> Book, makeBuilder: @escaping @Sendable (Book) -> SiteBuilder,
        output: URL, port: UInt16, log: @escaping @Sendable (String) -> Void
    ) {
        self.makeBook = makeBook
        self.makeBuilder = makeBuilder
        self.output = output
        self.port = port
        self.log = log
    }

    /// Builds, serves and watches until the process is stopped (Ctrl-C).
    package func run() throws -> Never {
        let book = try makeBook()
        build()
        let server = try PreviewServer(siteDirectory: output, port: port)
        let started = BlockingResult<UInt16>()
        Task { started.set(await Result { try await server.start() }) }
        let port = try started.wait()
        log("Serving \(output.relativePath) at http://127.0.0.1:\(port)/ (Ctrl-C stops).")
        let lessons = book.lessonsDirectory
        let package = book.package
        var watcher = SourceWatcher {
            Self.watchedFiles(lessonsDirectory: lessons, package: package)
        }
        while true {
            Thread.sleep(forTimeInterval: 0.1)
            let changes = watcher.changes()
            guard !changes.isEmpty else { continue }
            if changes.contains(.renderer) {
                log("The renderer's sources changed; it is compiled into this command: stop and start `lesson serve` again to use it.")
            }
            if changes.contains(.lesson) || changes.contains(.library) {
                build()
                server.reloadPages()
            }
        }
    }

    /// One build, reported in a line or a few; errors are reported, never fatal, so the next
    /// save can mend them.
    private func build() {
        let start = Date()
        do {
            let book = try makeBook()
            let outcome = try SiteCommand.build(source: book, builder: makeBuilder(book), output: output, force: false)
            let seconds = String(format: "%.2f", Date().timeIntervalSince(start))
            log("Built in \(seconds) s. " + outcome.text.split(separator: "\n").dropFirst().joined(separator: "\n"))
        } catch {
            log("error: \(error.localizedDescription)")
        }
    }

    /// The lessons, the library and runtime sources, and the renderer's, each with its kind.
    static func watchedFiles(lessonsDirectory: String, package: PackageLocation) -> [(path: String, kind: SourceWatcher.Kind)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lessonsDirectory)) ?? []
        let lessons = names.filter { $0.hasSuffix(".md") }.map { ("\(lessonsDirectory)/\($0)", SourceWatcher.Kind.lesson) }
        return lessons
            + package.librarySourceFiles().map { (package.path($0), .library) }
            + package.rendererSourceFiles().map { (package.path($0), .renderer) }
    }
}

/// Hands a value from a task to a thread that waits for it.
private final class BlockingResult<Value: Sendable>: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    func set(_ result: Result<Value, any Error>) {
        self.result = result
        semaphore.signal()
    }

    func wait() throws -> Value {
        semaphore.wait()
        return try result!.get()
    }
}

extension Result where Failure == any Error {
    /// The result of an async throwing body.
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
