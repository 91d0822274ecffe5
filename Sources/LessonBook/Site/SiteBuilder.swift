internal import CGlibcExtensions
import Foundation
import SourceHashing

/// Writes the static site for a book's results and checks an existing site against the current
/// sources. Pure in its inputs: the same results and assets give byte-identical files.
package struct SiteBuilder: Sendable {
    /// Renders each lesson's page.
    var pageRenderer: HTMLPageRenderer
    /// Renders `index.html`.
    var indexRenderer: HTMLIndexRenderer
    /// Where KaTeX comes from.
    var katex: KaTeXAssets
    /// Where lunr comes from.
    var lunr: LunrAssets
    /// The hash of the sources that render pages; part of every page's hash in the manifest, so
    /// `--check` notices a renderer change.
    var rendererHash: String
    /// What counts as floating-point noise between a fresh result and the site's recorded one.
    var tolerance = NoiseTolerance.standard
    /// Called with each file's path just before it is written; tests use it to fail a build
    /// halfway and show that the previous site survives.
    var beforeWritingFile: (@Sendable (String) throws -> Void)?

    /// Creates a builder; `proseRenderer` turns Markdown prose into HTML with math kept for KaTeX.
    package init(
        bookTitle: String = "ResNet Lessons", katex: KaTeXAssets = KaTeXAssets(), lunr: LunrAssets = LunrAssets(),
        rendererHash: String = "",
        proseRenderer: @escaping @Sendable (String) -> String
    ) {
        self.rendererHash = rendererHash
        self.pageRenderer = HTMLPageRenderer(bookTitle: bookTitle, proseRenderer: proseRenderer)
        self.indexRenderer = HTMLIndexRenderer(bookTitle: bookTitle)
        self.katex = katex
        self.lunr = lunr
    }

    // MARK: Building

    /// Every file of the site for `results` (in book order), the manifest included, sorted by path.
    func files(for results: [LessonResult]) throws -> (files: [SiteFile], manifest: SiteManifest) {
        var files: [SiteFile] = []
        var pages: [SiteManifest.Page] = []
        var seen: Set<String> = []
        var renderer = pageRenderer
        let links = LessonLinks(lessons: results.map(\.lesson))
        renderer.links = links
        var html: [String: String] = [:]
        for (position, result) in results.enumerated() {
            let name = result.lesson.pageFileName
            guard seen.insert(name).inserted else { throw LessonBookError.duplicatePage(name) }
            let previous = position > 0 ? neighbour(results[position - 1]) : nil
            let next = position + 1 < results.count ? neighbour(results[position + 1]) : nil
            let page = renderer.render(result, previous: previous, next: next)
            html[name] = page
            files.append(SiteFile(path: name, text: page))
            files.append(try RecordedResult(result).file(forPage: name))
            pages.append(manifestPage(for: result))
        }
        let broken = LinkChecker.diagnostics(lessons: results.map(\.lesson), pages: html, links: links)
        guard broken.isEmpty else { throw LessonBookError.brokenLinks(broken) }
        files.append(SiteFile(path: "index.html", text: indexRenderer.render(results)))
        files.append(try SearchIndex.file(lessons: results.map(\.lesson), pages: html))
        files += try assetFiles()
        files.sort { $0.path < $1.path }
        let manifest = SiteManifest(
            pages: pages, files: Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.digest) }))
        files.append(SiteFile(path: SiteManifest.fileName, contents: try manifest.encoded()))
        return (files, manifest)
    }

    /// The stylesheet, the scripts, KaTeX and lunr.
    func assetFiles() throws -> [SiteFile] {
        BookAssets.files + (try katex.files()) + (try lunr.files())
    }

    /// Writes the site for `results` into `directory`, replacing what is there only once every
    /// file is written, and reports what changed compared with the site it replaces.
    ///
    /// Each result is first set against the one the old site recorded (``ResultStabiliser``):
    /// cells that differ only by floating-point noise keep their recorded outputs, so their
    /// pages keep their bytes.
    ///
    /// The new site is assembled in a hidden sibling folder and exchanged with the old one in a
    /// single atomic rename, so an error, an interruption or a crash at any moment leaves either
    /// the previous site or the new one, whole.
    @discardableResult
    func write(results: [LessonResult], to directory: URL) throws -> SiteBuildOutcome {
        let directory = directory.standardizedFileURL
        try requireReplaceable(directory)
        let old = try? SiteManifest.read(siteDirectory: directory)
        let (results, comparisons) = stabilise(results, againstSiteIn: directory, manifest: old)
        let (files, manifest) = try self.files(for: results)

        let parent = directory.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(directory.lastPathComponent).building")
        let previous = parent.appendingPathComponent(".\(directory.lastPathComponent).previous")
        try recoverInterruptedSwap(of: directory, previous: previous)
        try remove(staging)
        do {
            try createDirectory(staging)
            for file in files {
                try beforeWritingFile?(file.path)
                let url = staging.appendingPathComponent(file.path)
                try createDirectory(url.deletingLastPathComponent())
                do {
                    try file.contents.write(to: url)
                } catch {
                    throw LessonBookError.fileSystem(operation: "write", path: url.path, reason: error.localizedDescription)
                }
            }
            try swap(staging, into: directory, previous: previous)
        } catch {
            try? remove(staging)
            throw error
        }
        return SiteBuildOutcome(
            manifest: manifest, changes: SiteChangeReport(old: old, new: manifest, comparisons: comparisons),
            failingPages: results.filter { !$0.succeeded }.map(\.lesson.pageFileName), results: results)
    }

    /// `results` with noise-only cells replaced by what the site in `directory` recorded, and the
    /// comparisons by page.
    func stabilise(
        _ results: [LessonResult], againstSiteIn directory: URL, manifest: SiteManifest?
    ) -> ([LessonResult], [String: LessonComparison]) {
        let records = RecordedResult.read(siteDirectory: directory, pages: manifest?.pages.map(\.page) ?? [])
        let stabiliser = ResultStabiliser(tolerance: tolerance)
        var comparisons: [String: LessonComparison] = [:]
        let stable = results.map { result in
            let page = result.lesson.pageFileName
            let (stable, comparison) = stabiliser.stabilise(
                result, against: records[page], sameInputs: manifest?.page(named: page)?.inputHash == result.inputHash)
            comparisons[result.lesson.pageFileName] = comparison
            return stable
        }
        return (stable, comparisons)
    }

    // MARK: Checking

    /// Compares the site in `directory` with what the current sources would produce, judged by
    /// the input hashes in its manifest (nothing is re-run), by the files' digests (nothing was
    /// edited by hand) and by the assets this version writes.
    func check(expected: [SiteExpectation], siteDirectory directory: URL) throws -> SiteCheckReport {
        guard let manifest = try SiteManifest.read(siteDirectory: directory) else { return .missingSite }
        var report = SiteCheckReport(
            siteMissing: false, stalePages: [], outdatedPages: [], missingPages: [], extraPages: [], orderChanged: false,
            modifiedFiles: [], unexpectedFiles: [], outdatedAssets: [])
        let built = Dictionary(manifest.pages.map { ($0.page, $0) }, uniquingKeysWith: { first, _ in first })
        for expectation in expected {
            if let page = built[expectation.page] {
                if page.inputHash != expectation.inputHash {
                    report.stalePages.append(expectation.page)
                } else if page.pageHash != pageHash(lesson: expectation.lesson, inputHash: expectation.inputHash) {
                    report.outdatedPages.append(expectation.page)
                }
            } else {
                report.missingPages.append(expectation.page)
            }
        }
        let expectedNames = Set(expected.map(\.page))
        report.extraPages = manifest.pages.map(\.page).filter { !expectedNames.contains($0) }
        report.orderChanged = report.missingPages.isEmpty && report.extraPages.isEmpty
            && manifest.pages.map(\.page) != expected.map(\.page)

        for (path, digest) in manifest.files.sorted(by: { $0.key < $1.key }) {
            let data = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path)
            if data.map({ SHA256.hex($0) }) != digest { report.modifiedFiles.append(path) }
        }
        let listed = Set(manifest.files.keys).union([SiteManifest.fileName])
        report.unexpectedFiles = try filePaths(in: directory).filter { !listed.contains($0) }
        for asset in try assetFiles() where manifest.files[asset.path] != asset.digest {
            report.outdatedAssets.append(asset.path)
        }
        return report
    }

    // MARK: Helpers

    private func pageHash(lesson: Lesson, inputHash: String) -> String {
        InputHasher.pageHash(lesson: lesson, inputHash: inputHash, rendererHash: rendererHash)
    }

    private func neighbour(_ result: LessonResult) -> HTMLPageRenderer.Neighbour {
        HTMLPageRenderer.Neighbour(fileName: result.lesson.pageFileName, title: result.lesson.numberedTitle)
    }

    /// The manifest entry: digests of what each cell shows, so the next build can say which
    /// cells' outputs changed; timings are not part of it.
    private func manifestPage(for result: LessonResult) -> SiteManifest.Page {
        let outputs = HTMLOutputRenderer(lessonFileName: result.lesson.fileName)
        let byIndex = Dictionary(result.cells.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        var cells: [SiteManifest.CellOutcome] = []
        var checks: [SiteManifest.CheckOutcome] = []
        for cell in result.lesson.cells {
            let cellResult = byIndex[cell.index]
            let status = cellResult?.status ?? .notRun
            let html = outputs.render(cellResult?.outputs ?? [], idPrefix: "cell-\(cell.index + 1)")
            cells.append(SiteManifest.CellOutcome(
                number: cell.index + 1, status: status, outputDigest: SHA256.hex(status.rawValue + "\n" + html)))
            for check in cellResult?.checks ?? [] {
                checks.append(SiteManifest.CheckOutcome(
                    cell: cell.index + 1, line: check.line, description: check.description, passed: check.passed))
            }
        }
        let diagnostics = result.diagnostics.map(outputs.diagnostic).joined(separator: "\n")
        let digest = SHA256.hex(cells.map(\.outputDigest).joined(separator: "\n") + "\n" + diagnostics)
        return SiteManifest.Page(
            page: result.lesson.pageFileName, title: result.lesson.title, inputHash: result.inputHash,
            pageHash: pageHash(lesson: result.lesson, inputHash: result.inputHash),
            outputDigest: digest, succeeded: result.succeeded, cells: cells, checks: checks)
    }

    /// Relative paths of every regular file under `directory`, sorted.
    private func filePaths(in directory: URL) throws -> [String] {
        let root = directory.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            if exists && !isDirectory.boolValue { paths.append(path) }
        }
        return paths.sorted()
    }

    /// Only an empty folder or one holding a built site may be swapped out: `--output .` must not
    /// replace a project with a website.
    private func requireReplaceable(_ directory: URL) throws {
        let fileManager = FileManager.default
        guard let contents = try? fileManager.contentsOfDirectory(atPath: directory.path) else {
            if fileManager.fileExists(atPath: directory.path) { throw LessonBookError.notASite(path: directory.path) }
            return
        }
        if !contents.isEmpty && !contents.contains(SiteManifest.fileName) {
            throw LessonBookError.notASite(path: directory.path)
        }
    }

    /// Puts `staging` in `directory`'s place. Linux exchanges the two folders in one step
    /// (`renameat2` with `RENAME_EXCHANGE`), after which `staging` holds the old site.
    /// Filesystems that cannot exchange get two renames through `previous`; a crash between
    /// them leaves no `directory` but a whole `previous`, which the next build puts back first.
    private func swap(_ staging: URL, into directory: URL, previous: URL) throws {
        guard FileManager.default.fileExists(atPath: directory.path) else {
            return try move(staging, to: directory)
        }
        if renameat2(CGLIBC_AT_FDCWD, staging.path, CGLIBC_AT_FDCWD, directory.path, UInt32(CGLIBC_RENAME_EXCHANGE)) == 0 {
            return try remove(staging)
        }
        guard errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else {
            throw LessonBookError.fileSystem(operation: "replace", path: directory.path, reason: String(cString: strerror(errno)))
        }
        try remove(previous)
        try move(directory, to: previous)
        do {
            try move(staging, to: directory)
        } catch {
            // Put the old site back so the folder is never left empty.
            try? move(previous, to: directory)
            throw error
        }
        try remove(previous)
    }

    /// Puts back the site a build moved aside and did not replace (see ``swap(_:into:previous:)``).
    private func recoverInterruptedSwap(of directory: URL, previous: URL) throws {
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: directory.path), fileManager.fileExists(atPath: previous.path) {
            try move(previous, to: directory)
        }
    }

    private func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw LessonBookError.fileSystem(operation: "create", path: url.path, reason: error.localizedDescription)
        }
    }

    private func move(_ source: URL, to destination: URL) throws {
        do {
            try FileManager.default.moveItem(at: source, to: destination)
        } catch {
            throw LessonBookError.fileSystem(operation: "move", path: source.path, reason: error.localizedDescription)
        }
    }

    private func remove(_ url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw LessonBookError.fileSystem(operation: "remove", path: url.path, reason: error.localizedDescription)
        }
    }
}
