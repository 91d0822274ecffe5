import Foundation

/// What changed between the site on disk and the one just built: per lesson, which cells'
/// outputs differ, by how much their numbers moved, and which checks flipped; and how many cells
/// differed only by floating-point noise (and kept their recorded outputs). Empty when the new
/// site shows the same results.
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
        /// What changed in each changed cell, where the site had a recorded result to compare.
        var cellChanges: [LessonComparison.CellChange] = []
    }

    /// The pages that changed, in the new book's order, removed pages last.
    var changes: [PageChange]

    /// Cells that differed from the recorded results only by noise, over all lessons.
    var noiseCells = 0
    /// Lessons with such cells.
    var noiseLessons = 0
    /// The largest relative difference among them.
    var largestNoise = 0.0
    /// Cells whose numbers moved beyond the tolerance though none of their lesson's inputs
    /// changed, over all lessons; their recorded outputs were kept.
    var machineCells = 0
    /// Lessons with such cells.
    var machineLessons = 0
    /// The largest relative difference among them.
    var largestMachineDifference = 0.0

    /// Whether nothing changed (noise aside).
    var isEmpty: Bool { changes.isEmpty }

    /// Compares two manifests; `old` is `nil` for a first build. `comparisons`, by page, are what
    /// comparing fresh results with the recorded ones found.
    init(old: SiteManifest?, new: SiteManifest, comparisons: [String: LessonComparison] = [:]) {
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
                flippedChecks: Self.flipped(from: before.checks, to: page.checks),
                cellChanges: changedCells.compactMap { comparisons[page.page]?.change(ofCell: $0) }))
        }
        let noisy = comparisons.values.filter { !$0.noiseCells.isEmpty }
        noiseCells = noisy.reduce(0) { $0 + $1.noiseCells.count }
        noiseLessons = noisy.count
        largestNoise = noisy.map(\.largestNoise).max() ?? 0
        let moved = comparisons.values.filter { !$0.machineCells.isEmpty }
        machineCells = moved.reduce(0) { $0 + $1.machineCells.count }
        machineLessons = moved.count
        largestMachineDifference = moved.map(\.largestMachineDifference).max() ?? 0
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

    /// One line per changed page and one per flipped check, then one for the noise, for the
    /// terminal.
    var text: String {
        var lines: [String] = []
        if changes.isEmpty { lines.append("No lesson's results changed.") }
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
                let details = change.cellChanges.map(Self.describe).joined(separator: "; ")
                lines.append("\(change.page): \(what)" + (details.isEmpty ? "" : " (\(details))"))
                for flip in change.flippedChecks {
                    let verdict = flip.nowPasses ? "now passes" : "now FAILS"
                    lines.append("  line \(flip.line) (cell \(flip.cell)): \(flip.description) \(verdict)")
                }
            }
        }
        if noiseCells > 0 {
            lines.append(
                "Noise only: \(noiseCells) \(noiseCells == 1 ? "cell" : "cells") in \(noiseLessons) "
                    + "\(noiseLessons == 1 ? "lesson" : "lessons") differed from the recorded results by floating-point "
                    + "noise alone (largest relative difference \(Self.format(largestNoise))); the recorded outputs were kept.")
        }
        if machineCells > 0 {
            lines.append(
                "Same inputs, other numbers: \(machineCells) \(machineCells == 1 ? "cell" : "cells") in \(machineLessons) "
                    + "\(machineLessons == 1 ? "lesson" : "lessons") printed the same text and check outcomes with numbers "
                    + "beyond the noise tolerance (largest relative difference \(Self.format(largestMachineDifference))) although "
                    + "none of their inputs changed: this machine's kernels and threads differ from the recording one's, and "
                    + "training amplifies that. The recorded outputs were kept.")
        }
        return lines.joined(separator: "\n")
    }

    /// `cell 7: numbers by up to 3.1e-02`, `cell 9: text`, `cell 12: new`.
    private static func describe(_ change: LessonComparison.CellChange) -> String {
        if change.isNew { return "cell \(change.number): new" }
        var parts: [String] = []
        if change.textChanged { parts.append("text") }
        if change.largestRelativeChange > 0 { parts.append("numbers by up to \(format(change.largestRelativeChange))") }
        return "cell \(change.number): " + parts.joined(separator: ", ")
    }

    /// Two significant digits in exponent form, the same on every platform.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "∞" }
        guard value > 0 else { return "0" }
        var exponent = Int((log10(value)).rounded(.down))
        var mantissa = (value / pow(10, Double(exponent)) * 10).rounded() / 10
        if mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        let sign = exponent < 0 ? "-" : "+"
        let digits = abs(exponent) < 10 ? "0\(abs(exponent))" : "\(abs(exponent))"
        return "\(mantissa)e\(sign)\(digits)"
    }
}
