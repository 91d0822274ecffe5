/// What changed between the site on disk and the one just built: per lesson, which cells'
/// outputs differ and which checks flipped. Empty when the new site shows the same results.
struct SiteChangeReport: Hashable, Sendable {
    /// A check that passed before and fails now, or the other way round.
    struct FlippedCheck: Hashable, Sendable {
        /// The cell's number, from 1.
        var cell: Int
        /// The Markdown line.
        var line: Int
        /// What was checked.
        var description: String
        /// The new outcome.
        var nowPasses: Bool
    }

    /// How one lesson's page changed.
    struct PageChange: Hashable, Sendable {
        /// Whether the page is new, gone, or different.
        enum Kind: String, Hashable, Sendable {
            case added, removed, changed
        }

        /// The page's file name.
        var page: String
        /// The lesson's title.
        var title: String
        /// Added, removed or changed.
        var kind: Kind
        /// Numbers (from 1) of the cells whose outputs or status differ.
        var changedCells: [Int]
        /// Checks whose outcome is the opposite of before.
        var flippedChecks: [FlippedCheck]
    }

    /// The pages that changed, in the new book's order, removed pages last.
    var changes: [PageChange]

    /// Whether nothing changed.
    var isEmpty: Bool { changes.isEmpty }

    /// Compares two manifests; `old` is `nil` for a first build.
    init(old: SiteManifest?, new: SiteManifest) {
        let oldPages = Dictionary((old?.pages ?? []).map { ($0.page, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [PageChange] = []
        for page in new.pages {
            guard let before = oldPages[page.page] else {
                changes.append(PageChange(page: page.page, title: page.title, kind: .added, changedCells: [], flippedChecks: []))
                continue
            }
            guard before.outputDigest != page.outputDigest || before.title != page.title else { continue }
            let cellCount = max(before.cells.count, page.cells.count)
            let changedCells = (0..<cellCount).filter { index in
                index >= before.cells.count || index >= page.cells.count || before.cells[index] != page.cells[index]
            }.map { $0 + 1 }
            changes.append(PageChange(
                page: page.page, title: page.title, kind: .changed, changedCells: changedCells,
                flippedChecks: Self.flipped(from: before.checks, to: page.checks)))
        }
        let newNames = Set(new.pages.map(\.page))
        for page in old?.pages ?? [] where !newNames.contains(page.page) {
            changes.append(PageChange(page: page.page, title: page.title, kind: .removed, changedCells: [], flippedChecks: []))
        }
        self.changes = changes
    }

    /// Checks are matched by cell, line and description, and by their order among equal ones, so
    /// a check inside a loop is compared with its own earlier run.
    private static func flipped(from old: [SiteManifest.CheckOutcome], to new: [SiteManifest.CheckOutcome]) -> [FlippedCheck] {
        struct Key: Hashable { var cell: Int, line: Int, description: String, occurrence: Int }
        func keyed(_ checks: [SiteManifest.CheckOutcome]) -> [(Key, SiteManifest.CheckOutcome)] {
            var seen: [Key: Int] = [:]
            return checks.map { check in
                var key = Key(cell: check.cell, line: check.line, description: check.description, occurrence: 0)
                let occurrence = seen[key, default: 0]
                seen[key] = occurrence + 1
                key.occurrence = occurrence
                return (key, check)
            }
        }
        let before = Dictionary(keyed(old), uniquingKeysWith: { first, _ in first })
        return keyed(new).compactMap { key, check in
            guard let previous = before[key], previous.passed != check.passed else { return nil }
            return FlippedCheck(cell: check.cell, line: check.line, description: check.description, nowPasses: check.passed)
        }
    }

    /// One line per changed page and one per flipped check, for the terminal.
    var text: String {
        guard !changes.isEmpty else { return "No lesson's results changed." }
        var lines: [String] = []
        for change in changes {
            switch change.kind {
            case .added:
                lines.append("\(change.page): new page (\(change.title))")
            case .removed:
                lines.append("\(change.page): removed (\(change.title))")
            case .changed:
                let cells = change.changedCells.map(String.init).joined(separator: ", ")
                let what = change.changedCells.isEmpty
                    ? "title changed"
                    : "output of \(change.changedCells.count == 1 ? "cell" : "cells") \(cells) changed"
                lines.append("\(change.page): \(what)")
                for flip in change.flippedChecks {
                    let verdict = flip.nowPasses ? "now passes" : "now FAILS"
                    lines.append("  line \(flip.line) (cell \(flip.cell)): \(flip.description) \(verdict)")
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
