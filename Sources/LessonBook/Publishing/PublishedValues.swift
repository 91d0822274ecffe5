import LessonRuntime

/// The values a lesson's run published, and the prose references that quote them.
///
/// Prose quotes a value that a cell *before* it published; when a name is published twice, a
/// reference shows the latest value before it. A reference to a name no earlier cell published
/// is an error at the reference, unless an earlier cell failed and so never got to publish it.
struct PublishedValues {
    /// Each cell's published values in order, by cell index.
    private let byCell: [Int: [PublishedValue]]
    /// Whether every cell before a given index completed; ``unfinishedBefore(_:)`` reads it.
    private let firstUnfinishedCell: Int?

    /// Collects what `cells` published.
    init(_ cells: [CellResult]) {
        var byCell: [Int: [PublishedValue]] = [:]
        for cell in cells {
            let values = cell.outputs.compactMap { if case .published(let value) = $0 { value } else { nil } }
            if !values.isEmpty { byCell[cell.index] = values }
        }
        self.byCell = byCell
        firstUnfinishedCell = cells
            .filter { $0.status != .completed && $0.status != .skipped && $0.status != .failedAsExpected }
            .map(\.index).min()
    }

    /// The texts of the values published by cells with an index below `cellCount`, by name.
    func visible(beforeCell cellCount: Int) -> [String: String] {
        var texts: [String: String] = [:]
        for index in byCell.keys.sorted() where index < cellCount {
            for value in byCell[index]! { texts[value.name] = value.text }
        }
        return texts
    }

    /// `lesson`'s prose with every reference replaced by its value, escaped for Markdown;
    /// references without a value stay as written (their error is reported apart).
    func substituted(_ lesson: Lesson) -> Lesson {
        var lesson = lesson
        var cellsBefore = 0
        lesson.blocks = lesson.blocks.map { block in
            switch block {
            case .cell:
                cellsBefore += 1
                return block
            case .prose(var prose):
                let texts = visible(beforeCell: cellsBefore)
                prose.markdown = ValueReference.substitute(in: prose.markdown) { texts[$0].map(Self.markdownEscaped) }
                return .prose(prose)
            }
        }
        return lesson
    }

    /// An error for every reference in `lesson`'s prose that no earlier cell published.
    func problems(in lesson: Lesson) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var cellsBefore = 0
        for block in lesson.blocks {
            guard case .prose(let prose) = block else {
                cellsBefore += 1
                continue
            }
            let texts = visible(beforeCell: cellsBefore)
            for reference in ValueReference.references(in: prose) where texts[reference.name] == nil {
                // An earlier cell failed: the value was never computed, and that failure is
                // the error to fix.
                if let unfinished = firstUnfinishedCell, unfinished < cellsBefore { continue }
                problems.append(problem(reference, cellsBefore: cellsBefore, in: lesson))
            }
        }
        return problems
    }

    private func problem(_ reference: ValueReference, cellsBefore: Int, in lesson: Lesson) -> Diagnostic {
        let later = byCell.keys.sorted().first { index in
            index >= cellsBefore && byCell[index]!.contains { $0.name == reference.name }
        }
        if let later, let cell = lesson.cells.first(where: { $0.index == later }) {
            return Diagnostic(
                file: lesson.path, location: reference.location, severity: .error,
                message: "'\(reference.source)' quotes a value that is published only later, by the cell at line \(cell.range.start.line)",
                notes: [Diagnostic.Note(message: "prose can quote only what the cells before it published", location: cell.range.start)])
        }
        let known = Set(visible(beforeCell: cellsBefore).keys).sorted()
        return Diagnostic(
            file: lesson.path, location: reference.location, severity: .error,
            message: "'\(reference.source)' quotes a value that no cell published",
            notes: [Diagnostic.Note(message: known.isEmpty
                ? "no cell before it publishes anything; a cell publishes with publish(\"\(reference.name)\", value)"
                : "published before it: \(known.joined(separator: ", "))")])
    }

    /// `text` with the ASCII punctuation that Markdown reads escaped by a backslash, so a value
    /// shows exactly as published.
    static func markdownEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\`*_[]<>#|~${}!".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
