import FlyingFox
import FlyingSocks
import Foundation

/// Serves a site folder on 127.0.0.1 for `lesson serve`, with the live-reload script added to
/// each HTML page on its way out, and the WebSocket that tells pages to reload.
///
/// FlyingFox does the HTTP and the WebSocket protocol; this type only maps paths to files.
package final class PreviewServer: Sendable {
    /// The folder served.
    let siteDirectory: URL
    private let server: HTTPServer
    private let broadcaster = ReloadBroadcaster()

    /// A server for `siteDirectory` on 127.0.0.1:`port` (0 picks a free port); ``start()``
    /// starts it.
    package init(siteDirectory: URL, port: UInt16) throws {
        self.siteDirectory = siteDirectory.standardizedFileURL
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        server = HTTPServer(address: address, timeout: 60, logger: .disabled)
    }

    /// Starts serving and returns the port it listens on, once it does.
    package func start() async throws -> UInt16 {
        await server.appendRoute(HTTPRoute(LiveReload.socketPath), to: .webSocket(broadcaster))
        let directory = siteDirectory
        await server.appendRoute("GET *") { request in Self.response(for: request.path, in: directory) }
        Task { [server] in try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard case .ip4(_, let port)? = await server.listeningAddress else { return 0 }
        return port
    }

    /// Stops listening and closes the connections.
    package func stop() async {
        await server.stop(timeout: 1)
    }

    /// Tells every open page to reload.
    package func reloadPages() {
        broadcaster.reload()
    }

    /// The file at `path` inside `directory` (a folder stands for its `index.html`), HTML with the
    /// live-reload script; 404 for anything outside the folder or missing.
    static func response(for path: String, in directory: URL) -> HTTPResponse {
        let relative = (path.removingPercentEncoding ?? path).split(separator: "/").map(String.init)
        guard !relative.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else { return notFound }
        var url = relative.reduce(directory) { $0.appendingPathComponent($1) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            url = url.appendingPathComponent("index.html")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return notFound }
        let type = contentTypes[url.pathExtension] ?? "application/octet-stream"
        let body = url.pathExtension == "html" ? Data(LiveReload.inject(into: String(decoding: data, as: UTF8.self)).utf8) : data
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
    }

    private static var notFound: HTTPResponse {
        HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("Not found\n".utf8))
    }

    private static let contentTypes = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "svg": "image/svg+xml", "png": "image/png", "woff2": "font/woff2", "woff": "font/woff",
        "ttf": "font/ttf",
    ]
}
