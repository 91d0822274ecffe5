import LessonRuntime

/// Draws a ``Diagram`` as a self-contained, deterministic SVG element from its
/// ``DiagramLayout``: rounded boxes tinted by what they are, arrows with the shape they carry,
/// the shortcut in an accent colour (dashed for option A, through its own boxes for option B)
/// joining the branch at a ⊕ node.
///
/// Fills come from `diagram-…` classes so the page stylesheet can adapt them to light and dark
/// themes; the presentation attributes carry a palette that reads on white for SVGs shown on
/// their own. Lines and text use `currentColor`. The title and a description in words make it
/// readable without sight (`role="img"`, `aria-labelledby`).
struct SVGDiagramRenderer: Sendable {
    /// Width of a layout column in SVG user units.
    static let cellWidth = 6.6
    /// Height of a layout row in SVG user units.
    static let cellHeight = 13.0
    static let fontSize = 12.0
    /// Wider drawings shrink to fit the page down to this width, then scroll, so that their text
    /// stays readable.
    static let shrinkableWidth = 640.0
    /// Room above the drawing and below it.
    static let margin = 6.0

    /// Light fills by box kind; the stylesheet overrides them per colour scheme.
    static let fills: [DiagramBox.Kind: String] = [
        .convolution: "#dbe9f7", .normalization: "#dcf1e4", .activation: "#fbeccb", .pooling: "#e9e3f7",
        .linear: "#f7e1ec", .reshape: "none", .block: "#dbe9f7", .container: "#eceff3", .shortcut: "none",
        .other: "#eceff3",
    ]
    /// The radius of a ⊕ node.
    static let nodeRadius = 7.0
    /// The shortcut's colour, the plots' second series colour.
    static let accent = "#d55e00"

    /// The SVG for `diagram`; `id` makes the ids of its title and description unique on a page.
    func render(_ diagram: Diagram, id: String) -> String {
        let id = SVGPlotRenderer.sanitizedID(id)
        let layout = DiagramLayout(diagram)
        let width = Double(layout.width) * Self.cellWidth
        let height = Double(layout.height) * Self.cellHeight + 2 * Self.margin
        var svg = SVGWriter()
        svg.line(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram-svg\" viewBox=\"0 0 \(number(width)) \(number(height))\""
                + " width=\"\(number(width))\" height=\"\(number(height))\" style=\"min-width: \(number(min(width, Self.shrinkableWidth)))px\""
                + " role=\"img\""
                + " aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"system-ui, sans-serif\""
                + " font-size=\"\(number(Self.fontSize))\" fill=\"currentColor\">")
        svg.line("<title id=\"\(id)-title\">\(diagram.title.htmlEscaped)</title>")
        svg.line("<desc id=\"\(id)-desc\">\(diagram.textAlternative.htmlEscaped)</desc>")
        svg.line("<defs>")
        for (suffix, fill, className) in [("head", "currentColor", "diagram-head"), ("shortcut-head", Self.accent, "diagram-shortcut-head")] {
            svg.line(
                "<marker id=\"\(id)-\(suffix)\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                    + " orient=\"auto\"><path class=\"\(className)\" d=\"M0 0 L10 5 L0 10 Z\" fill=\"\(fill)\"/></marker>")
        }
        svg.line("</defs>")
        // Arrows first, so boxes and nodes sit on top of their ends.
        let addNodes = Set(layout.elements.compactMap { element -> DiagramLayout.Point? in
            if case .add(let point) = element { point } else { nil }
        })
        for element in layout.elements {
            if case .arrow(let points, let shortcut, let dashed) = element {
                arrow(points, shortcut: shortcut, dashed: dashed, endsAtNode: points.last.map(addNodes.contains) ?? false, id: id, into: &svg)
            }
        }
        for element in layout.elements {
            switch element {
            case .box(let origin, let width, let lines, let kind, _):
                box(origin, width: width, lines: lines, kind: kind, into: &svg)
            case .text(let point, let text, let role):
                self.text(text, at: point, role: role, into: &svg)
            case .add(let point):
                let (x, y) = centre(point)
                svg.line(
                    "<g class=\"diagram-add\"><circle cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"\(number(Self.nodeRadius))\" fill=\"#ffffff\" stroke=\"currentColor\" stroke-width=\"1.5\"/>"
                        + "<path d=\"M\(number(x - 4)) \(number(y)) H\(number(x + 4)) M\(number(x)) \(number(y - 4)) V\(number(y + 4))\" stroke=\"currentColor\" stroke-width=\"1.5\"/></g>")
            case .junction(let point):
                let (x, y) = centre(point)
                svg.line("<circle class=\"diagram-junction\" cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"3\" fill=\"\(Self.accent)\"/>")
            case .arrow:
                break
            }
        }
        svg.line("</svg>")
        return svg.text
    }

    // MARK: Parts

    private func arrow(
        _ points: [DiagramLayout.Point], shortcut: Bool, dashed: Bool, endsAtNode: Bool, id: String, into svg: inout SVGWriter
    ) {
        guard points.count >= 2 else { return }
        var coordinates = points.map(centre)
        // Stop at the edge of what the arrow points at: a box border runs through the centre of
        // its cells, a ⊕ node has a radius of 7.
        let last = points[points.count - 1], before = points[points.count - 2]
        let inset = endsAtNode ? Self.nodeRadius : 0
        let dx = Double((before.x - last.x).signum()), dy = Double((before.y - last.y).signum())
        coordinates[coordinates.count - 1].0 += dx * inset
        coordinates[coordinates.count - 1].1 += dy * inset
        let path = coordinates.enumerated().map { offset, point in
            (offset == 0 ? "M" : "L") + "\(number(point.0)) \(number(point.1))"
        }.joined(separator: " ")
        let stroke = shortcut ? Self.accent : "currentColor"
        let dash = dashed ? " stroke-dasharray=\"5 3\"" : ""
        let className = shortcut ? "diagram-arrow diagram-shortcut-line" : "diagram-arrow"
        svg.line(
            "<path class=\"\(className)\" d=\"\(path)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"1.5\"\(dash)"
                + " marker-end=\"url(#\(id)-\(shortcut ? "shortcut-head" : "head"))\"/>")
    }

    private func box(_ origin: DiagramLayout.Point, width: Int, lines: [String], kind: DiagramBox.Kind, into svg: inout SVGWriter) {
        let (x, y) = centre(origin)
        let boxWidth = Double(width - 1) * Self.cellWidth
        let boxHeight = Double(lines.count + 1) * Self.cellHeight
        let dashed = kind == .reshape || kind == .shortcut
        let fill = Self.fills[kind] ?? "none"
        svg.line("<g class=\"diagram-box diagram-\(kind.rawValue)\">")
        svg.line(
            "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(boxWidth))\" height=\"\(number(boxHeight))\" rx=\"4\""
                + " fill=\"\(fill)\" stroke=\"currentColor\" stroke-width=\"1\"\(dashed ? " stroke-dasharray=\"4 3\"" : "")/>")
        for (index, line) in lines.enumerated() {
            let baseline = centre(.init(x: origin.x, y: origin.y + 1 + index)).1 + 4
            let style = index == 0 ? " font-weight=\"600\"" : " class=\"diagram-detail\" font-size=\"11\" fill-opacity=\"0.8\""
            svg.line("<text x=\"\(number(x + 8))\" y=\"\(number(baseline))\"\(style)>\(line.htmlEscaped)</text>")
        }
        svg.line("</g>")
    }

    private func text(_ text: String, at point: DiagramLayout.Point, role: DiagramLayout.TextRole, into svg: inout SVGWriter) {
        let (x, y) = centre(point)
        let position = "x=\"\(number(x - Self.cellWidth / 2))\" y=\"\(number(y + 4))\""
        switch role {
        case .shape:
            svg.line("<text class=\"diagram-shape\" \(position) font-family=\"ui-monospace, monospace\" font-size=\"11\">\(text.htmlEscaped)</text>")
        case .heading:
            svg.line("<text class=\"diagram-heading\" \(position) font-weight=\"700\" font-size=\"13\">\(text.htmlEscaped)</text>")
        case .note:
            svg.line("<text class=\"diagram-note\" \(position) font-style=\"italic\" fill=\"\(Self.accent)\">\(text.htmlEscaped)</text>")
        }
    }

    /// The centre of a cell in SVG user units.
    private func centre(_ point: DiagramLayout.Point) -> (Double, Double) {
        ((Double(point.x) + 0.5) * Self.cellWidth, Self.margin + (Double(point.y) + 0.5) * Self.cellHeight)
    }

    private func number(_ value: Double) -> String {
        PlotNumberFormat.coordinate(value)
    }
}
