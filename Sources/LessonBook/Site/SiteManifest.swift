import Foundation

/// `site/manifest.json`: what the site was built from and what it shows, so a later build can
/// say what changed and `lesson build --check` can judge staleness without re-running anything.
struct SiteManifest: Codable, Hashable, Sendable {
    /// One lesson's page.
    struct Page: Codable, Hashable, Sendable {
        /// The page's file name, e.g. `03-basic-block.html`.
        var page: String
        /// The lesson's title.
        var title: String
        /// The hash of every input of the lesson's run, as the engine computed it.
        var inputHash: String
        /// The hash of everything the page is made from: the run's input hash, the lesson's
        /// prose and the renderer's sources; `nil` in a manifest from before it was recorded.
        var pageHash: String?
        /// A digest of the rendered outputs of all cells and of the lesson's own diagnostics.
        var outputDigest: String
        /// Whether every check passed and no cell failed.
        var succeeded: Bool
        /// Per cell, in order.
        var cells: [CellOutcome]
        /// Every check, in page order.
        var checks: [CheckOutcome]
    }

    /// One cell's outcome.
    struct CellOutcome: Codable, Hashable, Sendable {
        /// The cell's number on the page, from 1.
        var number: Int
        /// How it ended.
        var status: CellResult.Status
        /// A digest of its rendered outputs.
        var outputDigest: String
    }

    /// One check's outcome.
    struct CheckOutcome: Codable, Hashable, Sendable {
        /// The cell's number on the page, from 1.
        var cell: Int
        /// The Markdown line the check is written on.
        var line: Int
        /// What was checked.
        var description: String
        /// Whether it held.
        var passed: Bool
    }

    /// The manifest's format; bumped when its meaning changes.
    var formatVersion: Int
    /// The lessons' pages in book order.
    var pages: [Page]
    /// Every file of the site except the manifest, by relative path, with its SHA-256.
    var files: [String: String]

    /// Creates a manifest.
    init(formatVersion: Int = 2, pages: [Page], files: [String: String]) {
        self.formatVersion = formatVersion
        self.pages = pages
        self.files = files
    }

    /// The file name inside the site folder.
    static let fileName = "manifest.json"

    /// Pretty-printed JSON with sorted keys and a final newline: the same manifest always gives
    /// the same bytes.
    func encoded() throws -> Data {
        var data = try CanonicalJSON.data(self, pretty: true)
        data.append(0x0A)
        return data
    }

    /// Reads the manifest of the site at `directory`, or `nil` if there is no site there yet.
    static func read(siteDirectory directory: URL) throws -> SiteManifest? {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(SiteManifest.self, from: data)
        } catch {
            throw LessonBookError.unreadableManifest(path: url.path, reason: String(describing: error))
        }
    }

    /// The page for `name`, if the site has it.
    func page(named name: String) -> Page? {
        pages.first { $0.page == name }
    }
}
