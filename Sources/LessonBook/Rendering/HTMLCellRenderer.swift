/// Renders one cell: its highlighted code (unless hidden), a note when it did not run normally,
/// and its outputs directly under it.
struct HTMLCellRenderer {
    /// Renders the outputs.
    var outputs: HTMLOutputRenderer

    /// The cell's HTML; `result` is `nil` when the engine reported nothing for this cell. A hidden
    /// cell that ran quietly renders as nothing at all rather than an empty box.
    func render(_ cell: Cell, result: CellResult?) -> String {
        let status = result?.status ?? .notRun
        let id = "cell-\(cell.index + 1)"
        let note = Self.note(status, options: cell.options).map { cell.options.hide ? "A hidden cell. " + $0 : $0 }
        if cell.options.hide && note == nil && (result?.outputs.isEmpty ?? true) {
            return ""
        }
        var lines = ["<div class=\"cell cell-\(Self.className(status))\" id=\"\(id)\">"]
        if !cell.options.hide {
            let code = cell.source.hasSuffix("\n") ? String(cell.source.dropLast()) : cell.source
            lines.append(
                "<pre class=\"cell-code\"><code class=\"language-swift\">"
                    + SwiftHighlighter.highlight(code) + "</code></pre>")
        }
        if let note {
            lines.append("<p class=\"cell-status cell-status-\(Self.className(status))\">\(note)</p>")
        }
        if let result, !result.outputs.isEmpty {
            lines.append("<div class=\"cell-output\">")
            lines.append(outputs.render(result.outputs, idPrefix: id))
            lines.append("</div>")
        }
        lines.append("</div>")
        return lines.joined(separator: "\n")
    }

    /// A CSS-friendly name for a status.
    static func className(_ status: CellResult.Status) -> String {
        switch status {
        case .completed: "completed"
        case .skipped: "skipped"
        case .notRun: "not-run"
        case .compileError: "compile-error"
        case .crashed: "crashed"
        case .timedOut: "timed-out"
        case .failedAsExpected: "failed-as-expected"
        case .unexpectedlySucceeded: "unexpectedly-succeeded"
        }
    }

    /// A sentence for every status except a normal run.
    static func note(_ status: CellResult.Status, options: CellOptions) -> String? {
        switch status {
        case .completed: nil
        case .skipped where options.role == .exercise:
            "The starting point: not run here, where the book's solution runs in its place."
        case .skipped: "Not run: this cell is shown for reading only."
        case .notRun: "Not run: an earlier cell failed."
        case .compileError: "This cell did not compile."
        case .crashed: "This cell crashed."
        case .timedOut: "This cell ran past its time limit and was stopped."
        case .failedAsExpected:
            options.expectCompileError ? "This cell does not compile, as intended." : "This cell crashes, as intended."
        case .unexpectedlySucceeded:
            options.expectCompileError
                ? "This cell was meant not to compile, but it compiled." : "This cell was meant to crash, but it ran to its end."
        }
    }
}
