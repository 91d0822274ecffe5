import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import LessonBook

/// `lesson serve`'s parts: the server, the script it adds, and the watcher.
@Suite("Live preview")
struct PreviewTests {
    @Test("The live-reload script goes before </body>, once")
    func injection() {
        let page = "<html><body><p>x</p></body></html>\n"
        let served = LiveReload.inject(into: page)
        #expect(served.hasPrefix("<html><body><p>x</p><script>"))
        #expect(served.hasSuffix("</script>\n</body></html>\n"))
        #expect(served.components(separatedBy: LiveReload.socketPath).count == 2)
    }

    @Test("Pages are served with the script, the files on disk stay without it; nothing outside the site is served")
    func serving() async throws {
        let site = URL(fileURLWithPath: try TestSupport.temporaryDirectory())
        let page = "<!doctype html>\n<html><body><p>lesson</p></body></html>\n"
        try page.write(to: site.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: site.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try "body{}".write(to: site.appendingPathComponent("assets/book.css"), atomically: true, encoding: .utf8)
        try "secret".write(to: site.appendingPathComponent(".hidden"), atomically: true, encoding: .utf8)

        let server = try PreviewServer(siteDirectory: site, port: 0)
        let port = try await server.start()
        defer { Task { await server.stop() } }
        func get(_ path: String) async throws -> (Int, String, String?) {
            let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            let http = try #require(response as? HTTPURLResponse)
            return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Content-Type"))
        }
        let (status, body, type) = try await get("/")
        #expect(status == 200 && type == "text/html; charset=utf-8")
        #expect(body == LiveReload.inject(into: page))
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) == page)
        let (cssStatus, css, cssType) = try await get("/assets/book.css")
        #expect(cssStatus == 200 && css == "body{}" && cssType == "text/css; charset=utf-8")
        #expect(try await get("/.hidden").0 == 404)
        #expect(try await get("/missing.html").0 == 404)
    }

    @Test("The watcher reports a saved lesson, a new one and a library file by kind")
    func watcher() throws {
        let directory = try TestSupport.temporaryDirectory()
        let lesson = "\(directory)/01-a.md"
        let library = "\(directory)/Tensor.swift"
        try "one".write(toFile: lesson, atomically: true, encoding: .utf8)
        try "lib".write(toFile: library, atomically: true, encoding: .utf8)
        var watcher = SourceWatcher {
            let lessons = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { $0.hasSuffix(".md") }.map { ("\(directory)/\($0)", SourceWatcher.Kind.lesson) }
            return lessons + [(library, .library)]
        }
        #expect(watcher.changes().isEmpty)
        try "one, longer".write(toFile: lesson, atomically: true, encoding: .utf8)
        #expect(watcher.changes() == [.lesson])
        try "two".write(toFile: "\(directory)/02-b.md", atomically: true, encoding: .utf8)
        #expect(watcher.changes() == [.lesson])
        try "library, longer".write(toFile: library, atomically: true, encoding: .utf8)
        #expect(watcher.changes() == [.library])
        #expect(watcher.changes().isEmpty)
    }
}
