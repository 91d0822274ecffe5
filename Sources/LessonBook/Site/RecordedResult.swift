import Foundation
import SourceHashing

/// A lesson's result as the site keeps it: `results/NN-slug.json`, committed with the pages.
///
/// It is what the next build compares a fresh result with, on any machine and in a fresh clone
/// (which has no `.build/lesson-cache`): when the fresh one differs only by floating-point noise,
/// the recorded cells are kept and the page stays byte for byte. Timings are left out, as they are
/// from pages.
struct RecordedResult: Codable, Hashable, Sendable {
    /// Per cell, in order, without timings.
    var cells: [CellResult]
    /// Problems that belong to no single cell.
    var diagnostics: [Diagnostic]
    /// Per cell, in order, a short hash of its code, so a rebuild pairs each fresh cell with the
    /// recorded cell of the same code (wherever cells were inserted or removed) and never keeps
    /// the outputs of code that changed. `nil` in records from before it was kept.
    var codes: [String]?

    /// The record of `result`.
    init(_ result: LessonResult) {
        cells = result.cells.map { cell in
            var cell = cell
            cell.seconds = nil
            return cell
        }
        diagnostics = result.diagnostics
        codes = result.lesson.cells.map(Self.code)
    }

    /// The hash the record keeps of `cell`'s code.
    static func code(of cell: Cell) -> String {
        String(SHA256.hex(cell.source).prefix(16))
    }

    /// The record's path inside the site, e.g. `results/03-basic-block.json`.
    static func path(forPage page: String) -> String {
        "results/" + (page.hasSuffix(".html") ? String(page.dropLast(5)) : page) + ".json"
    }

    /// The record as the site's file: pretty JSON with sorted keys and a final newline.
    func file(forPage page: String) throws -> SiteFile {
        var data = try CanonicalJSON.data(self, pretty: true)
        data.append(0x0A)
        return SiteFile(path: Self.path(forPage: page), contents: data)
    }

    /// The records of the site at `directory` by page name; pages without a readable record (a
    /// site from before records were kept) are left out and compared by digest alone.
    static func read(siteDirectory directory: URL, pages: [String]) -> [String: RecordedResult] {
        var records: [String: RecordedResult] = [:]
        for page in pages {
            let url = directory.appendingPathComponent(path(forPage: page))
            guard let data = FileManager.default.contents(atPath: url.path),
                let record = try? CanonicalJSON.decoder().decode(RecordedResult.self, from: data)
            else { continue }
            records[page] = record
        }
        return records
    }
}
