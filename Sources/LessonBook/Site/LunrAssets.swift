import Foundation

/// Copies lunr, the search engine of the reader's search box, from Debian's `libjs-lunr` into
/// `assets/lunr/`, so searching makes no request outside the site.
package struct LunrAssets: Sendable {
    /// Where `libjs-lunr` puts `lunr.min.js`.
    var scriptDirectory: URL

    /// Uses Debian's path unless told otherwise.
    package init(scriptDirectory: URL = URL(fileURLWithPath: "/usr/share/javascript/lunr")) {
        self.scriptDirectory = scriptDirectory
    }

    /// The script; throws ``LessonBookError/lunrMissing(path:)`` naming the Debian package when absent.
    func files() throws -> [SiteFile] {
        let url = scriptDirectory.appendingPathComponent("lunr.min.js")
        guard let data = FileManager.default.contents(atPath: url.path) else { throw LessonBookError.lunrMissing(path: url.path) }
        return [SiteFile(path: "assets/lunr/lunr.min.js", contents: data)]
    }
}
