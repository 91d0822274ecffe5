import LessonRuntime

/// Renders what a cell produced — text, tables, plots, checks, diagnostics — as escaped HTML.
struct HTMLOutputRenderer {
    /// Draws plots; the page is responsible for unique ids.
    var plotRenderer = SVGPlotRenderer()
    /// Draws block diagrams.
    var diagramRenderer = SVGDiagramRenderer()
    /// The lesson's file name, used where a diagnostic's path would reveal a machine's folders.
    var lessonFileName: String

    /// The outputs in order, consecutive checks grouped in one list.
    func render(_ outputs: [CellOutput], idPrefix: String) -> String {
        var html: [String] = []
        var pendingChecks: [CheckRecord] = []
        var plotNumber = 0
        var diagramNumber = 0
        func flushChecks() {
            guard !pendingChecks.isEmpty else { return }
            html.append("<ul class=\"checks\">")
            html += pendingChecks.map(check)
            html.append("</ul>")
            pendingChecks.removeAll()
        }
        for output in outputs {
            if case .check(let record) = output {
                pendingChecks.append(record)
                continue
            }
            flushChecks()
            switch output {
            case .text(let text):
                html.append(self.text(text))
            case .table(let table):
                html.append(self.table(table))
            case .plot(let plot):
                plotNumber += 1
                html.append(figure(plot, id: "\(idPrefix)-plot-\(plotNumber)"))
            case .diagram(let diagram):
                diagramNumber += 1
                html.append(figure(diagram, id: "\(idPrefix)-diagram-\(diagramNumber)"))
            case .diagnostic(let diagnostic):
                html.append(self.diagnostic(diagnostic))
            case .artifact(let note):
                html.append(artifact(note))
            case .check, .published:
                // A published value appears in the prose that quotes it.
                break
            }
        }
        flushChecks()
        return html.joined(separator: "\n")
    }

    /// An artifact's provenance note: what made it, when, how long it took, the command that
    /// makes it again, and a warning when the sources changed since.
    func artifact(_ note: ArtifactNote) -> String {
        let commit = note.gitCommit.map { " at commit <code>\(String($0.prefix(10)).htmlEscaped)</code>\(note.gitDirty == true ? " (with uncommitted changes)" : "")" } ?? ""
        var html = "<aside class=\"artifact-note\"><p>Loaded from the artifact <strong>\(note.name.htmlEscaped)</strong>, "
            + "made by <code>\(note.command.htmlEscaped)</code>, finished \(note.finished.htmlEscaped) after "
            + "\(ArtifactNote.duration(note.wallSeconds)) on \(note.cores) cores (\(note.threads) threads)\(commit).</p>"
        if !note.staleBecause.isEmpty {
            html += "<p class=\"artifact-stale\">Stale: \(note.staleBecause.joined(separator: " and ").htmlEscaped) changed since it was made; "
                + "refresh it with <code>\(note.command.htmlEscaped)</code>.</p>"
        }
        return html + "</aside>"
    }

    /// Printed text, whitespace kept.
    func text(_ text: String) -> String {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return "<pre class=\"output-text\"><samp>\(body.htmlEscaped)</samp></pre>"
    }

    /// A table with column headers, scrollable on its own on narrow screens.
    func table(_ table: Table) -> String {
        var lines: [String] = []
        let label = table.title.map { " aria-label=\"\($0.htmlEscaped)\"" } ?? " aria-label=\"Table\""
        lines.append("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\"\(label)>")
        lines.append("<table>")
        if let title = table.title {
            lines.append("<caption>\(title.htmlEscaped)</caption>")
        }
        let headers = table.columns.enumerated().map { index, column in
            "<th scope=\"col\"\(alignment(table, index))>\(column.htmlEscaped)</th>"
        }
        lines.append("<thead><tr>" + headers.joined() + "</tr></thead>")
        lines.append("<tbody>")
        for row in table.rows {
            let cells = row.enumerated().map { index, value in
                "<td\(alignment(table, index))>\(value.htmlEscaped)</td>"
            }
            lines.append("<tr>" + cells.joined() + "</tr>")
        }
        lines.append("</tbody>")
        lines.append("</table>")
        lines.append("</div>")
        return lines.joined(separator: "\n")
    }

    /// An inline SVG chart with its title as the caption.
    func figure(_ plot: Plot, id: String) -> String {
        "<figure class=\"plot\">\n<div class=\"plot-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(plot.title.htmlEscaped)\">\n"
            + plotRenderer.render(plot, id: id) + "</div>\n<figcaption>\(plot.title.htmlEscaped)</figcaption>\n</figure>"
    }

    /// An inline SVG block diagram with its title as the caption.
    func figure(_ diagram: Diagram, id: String) -> String {
        "<figure class=\"diagram\">\n<div class=\"diagram-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(diagram.title.htmlEscaped)\">\n"
            + diagramRenderer.render(diagram, id: id) + "</div>\n<figcaption>\(diagram.title.htmlEscaped)</figcaption>\n</figure>"
    }

    /// One check as a list item with a pass or fail badge, what was checked, the measurement and
    /// the Markdown line it is written on.
    func check(_ record: CheckRecord) -> String {
        let state = record.passed ? "pass" : "fail"
        let badge = record.passed ? "<span aria-hidden=\"true\">✓</span> passed" : "<span aria-hidden=\"true\">✗</span> failed"
        var html = "<li class=\"check check-\(state)\"><span class=\"badge badge-\(state)\">\(badge)</span>"
        // The checked expression, as written in the lesson, says exactly what was claimed; the
        // runtime's own wording stands in only when the engine could not extract it.
        if let expression = record.expression {
            html += " <code class=\"check-expression\">\(expression.htmlEscaped)</code>"
        } else {
            html += " <span class=\"check-description\">\(record.description.htmlEscaped)</span>"
        }
        if !record.detail.isEmpty {
            html += " <span class=\"check-detail\">\(record.detail.htmlEscaped)</span>"
        }
        html += " <span class=\"check-location\">line \(record.line)</span></li>"
        return html
    }

    /// A compiler error, crash or timeout in a box that names where it happened.
    func diagnostic(_ diagnostic: Diagnostic) -> String {
        let severity = diagnostic.severity.rawValue
        var lines = ["<div class=\"diagnostic diagnostic-\(severity)\" role=\"note\">"]
        var heading = "<p class=\"diagnostic-heading\"><strong>\(severity)</strong>"
        heading += " <code class=\"diagnostic-location\">\(location(diagnostic.file, diagnostic.location).htmlEscaped)</code></p>"
        lines.append(heading)
        lines.append("<pre class=\"diagnostic-message\">\(diagnostic.message.htmlEscaped)</pre>")
        if !diagnostic.notes.isEmpty {
            lines.append("<ul class=\"diagnostic-notes\">")
            for note in diagnostic.notes {
                let place = note.location.map { "<code>line \($0.line):\($0.column)</code> " } ?? ""
                lines.append("<li>\(place)\(note.message.htmlEscaped)</li>")
            }
            lines.append("</ul>")
        }
        lines.append("</div>")
        return lines.joined(separator: "\n")
    }

    /// `file:line:column`, with an absolute path cut to its file name so pages stay the same on
    /// every machine.
    private func location(_ file: String, _ location: SourceLocation?) -> String {
        var name = file.isEmpty ? lessonFileName : file
        if name.hasPrefix("/") {
            name = LessonParser.fileName(ofPath: name)
        }
        guard let location else { return name }
        return "\(name):\(location.line):\(location.column)"
    }

    private func alignment(_ table: Table, _ index: Int) -> String {
        guard index < table.alignments.count else { return "" }
        switch table.alignments[index] {
        case .leading: return ""
        case .trailing: return " class=\"align-end\""
        case .center: return " class=\"align-center\""
        }
    }
}
