import Foundation

/// `site/manifest.json`: what the site was built from and what it shows, so a later build can
/// say what changed and `lesson build --check` can judge staleness without re-running anything.
public struct SiteManifest: Codable, Hashable, Sendable {
    /// One lesson's page.
    public struct Page: Codable, Hashable, Sendable {
        /// The page's file name, e.g. `03-basic-block.html`.
        public var page: String
        /// The lesson's title.
        public var title: String
        /// The hash of every input of the lesson's run, as the engine computed it.
        public var inputHash: String
        /// A digest of the rendered outputs of all cells and of the lesson's own diagnostics.
        public var outputDigest: String
        /// Whether every check passed and no cell failed.
        public var succeeded: Bool
        /// Per cell, in order.
        public var cells: [CellOutcome]
        /// Every check, in page order.
        public var checks: [CheckOutcome]
    }

    /// One cell's outcome.
    public struct CellOutcome: Codable, Hashable, Sendable {
        /// The cell's number on the page, from 1.
        public var number: Int
        /// How it ended.
        public var status: CellResult.Status
        /// A digest of its rendered outputs.
        public var outputDigest: String
    }

    /// One check's outcome.
    public struct CheckOutcome: Codable, Hashable, Sendable {
        /// The cell's number on the page, from 1.
        public var cell: Int
        /// The Markdown line the check is written on.
        public var line: Int
        /// What was checked.
        public var description: String
        /// Whether it held.
        public var passed: Bool
    }

    /// The manifest's format; bumped when its meaning changes.
    public var formatVersion: Int
    /// The lessons' pages in book order.
    public var pages: [Page]
    /// Every file of the site except the manifest, by relative path, with its SHA-256.
    public var files: [String: String]

    /// Creates a manifest.
    public init(formatVersion: Int = 1, pages: [Page], files: [String: String]) {
        self.formatVersion = formatVersion
        self.pages = pages
        self.files = files
    }

    /// The file name inside the site folder.
    public static let fileName = "manifest.json"

    /// Pretty-printed JSON with sorted keys and a final newline: the same manifest always gives
    /// the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads the manifest of the site at `directory`, or `nil` if there is no site there yet.
    public static func read(siteDirectory directory: URL) throws -> SiteManifest? {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(SiteManifest.self, from: data)
        } catch {
            throw LessonBookError.unreadableManifest(path: url.path, reason: String(describing: error))
        }
    }

    /// The page for `name`, if the site has it.
    public func page(named name: String) -> Page? {
        pages.first { $0.page == name }
    }
}
