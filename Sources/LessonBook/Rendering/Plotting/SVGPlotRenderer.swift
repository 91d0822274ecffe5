import LessonRuntime

/// Draws a ``Plot`` as a self-contained, deterministic SVG element: axes with ticks and labels,
/// grid lines, one styled path or set of bars per series, and a legend when there are several.
///
/// Colours come from `plot-series-N` classes so the page stylesheet can adapt them to light and
/// dark themes; the presentation attributes carry a palette that reads on white for SVGs shown
/// on their own. Axes and text use `currentColor`.
struct SVGPlotRenderer: Sendable {
    /// The width of the drawing in SVG user units.
    var width: Double
    /// The height of the drawing in SVG user units.
    var height: Double

    /// Colours that stay distinguishable for the common forms of colour blindness.
    static let palette = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"]
    /// Dash patterns so series differ in more than colour.
    static let dashes = ["", "7 3", "2 3", "9 3 2 3"]
    static let fontSize = 12.0
    /// A generous average glyph width at ``fontSize``, to make room for labels without measuring.
    static let glyphWidth = 7.0

    /// Creates a renderer for drawings of the given size.
    init(width: Double = 640, height: Double = 360) {
        self.width = width
        self.height = height
    }

    /// The SVG for `plot`; `id` makes the ids of its title and description unique on a page.
    func render(_ plot: Plot, id: String) -> String {
        let id = Self.sanitizedID(id)
        let layout = PlotLayout(plot: plot, width: width, height: height)
        var svg = SVGWriter()
        svg.line(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot-svg\" viewBox=\"0 0 \(number(width)) \(number(height))\""
                + " width=\"\(number(width))\" height=\"\(number(height))\" role=\"img\""
                + " aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"system-ui, sans-serif\""
                + " font-size=\"\(number(Self.fontSize))\" fill=\"currentColor\">")
        svg.line("<title id=\"\(id)-title\">\(plot.title.htmlEscaped)</title>")
        svg.line("<desc id=\"\(id)-desc\">\(plot.textAlternative.htmlEscaped)</desc>")
        drawGrid(layout, into: &svg)
        drawAxes(layout, into: &svg)
        switch plot.kind {
        case .line: drawLines(layout, into: &svg)
        case .bar: drawBars(layout, into: &svg)
        }
        drawLegend(layout, into: &svg)
        svg.line("</svg>")
        return svg.text
    }

    // MARK: Parts

    private func drawGrid(_ layout: PlotLayout, into svg: inout SVGWriter) {
        svg.line("<g class=\"plot-grid\" stroke=\"currentColor\" stroke-opacity=\"0.15\" stroke-width=\"1\">")
        for tick in layout.y.ticks.ticks {
            guard let y = layout.y.position(tick.value) else { continue }
            svg.line("<line x1=\"\(number(layout.left))\" y1=\"\(number(y))\" x2=\"\(number(layout.right))\" y2=\"\(number(y))\"/>")
        }
        svg.line("</g>")
    }

    private func drawAxes(_ layout: PlotLayout, into svg: inout SVGWriter) {
        let plot = layout.plot
        svg.line("<g class=\"plot-axes\" stroke=\"currentColor\" stroke-width=\"1\">")
        svg.line("<line x1=\"\(number(layout.left))\" y1=\"\(number(layout.top))\" x2=\"\(number(layout.left))\" y2=\"\(number(layout.bottom))\"/>")
        svg.line("<line x1=\"\(number(layout.left))\" y1=\"\(number(layout.bottom))\" x2=\"\(number(layout.right))\" y2=\"\(number(layout.bottom))\"/>")
        svg.line("</g>")

        svg.line("<g class=\"plot-y-ticks\" text-anchor=\"end\">")
        for tick in layout.y.ticks.ticks {
            guard let y = layout.y.position(tick.value) else { continue }
            svg.line("<line x1=\"\(number(layout.left - 5))\" y1=\"\(number(y))\" x2=\"\(number(layout.left))\" y2=\"\(number(y))\" stroke=\"currentColor\"/>")
            svg.line("<text x=\"\(number(layout.left - 8))\" y=\"\(number(y + 4))\">\(tickLabel(tick))</text>")
        }
        svg.line("</g>")

        svg.line("<g class=\"plot-x-ticks\" text-anchor=\"middle\">")
        let labelY = layout.bottom + 18
        switch plot.kind {
        case .line:
            for tick in layout.x.ticks.ticks {
                guard let x = layout.x.position(tick.value) else { continue }
                svg.line("<line x1=\"\(number(x))\" y1=\"\(number(layout.bottom))\" x2=\"\(number(x))\" y2=\"\(number(layout.bottom + 5))\" stroke=\"currentColor\"/>")
                svg.line("<text x=\"\(number(x))\" y=\"\(number(labelY))\">\(tick.label.htmlEscaped)</text>")
            }
        case .bar:
            for index in stride(from: 0, to: layout.categoryCount, by: layout.categoryLabelStride) {
                let x = layout.bandCentre(index)
                svg.line("<text x=\"\(number(x))\" y=\"\(number(labelY))\">\(layout.categoryLabel(index).htmlEscaped)</text>")
            }
        }
        svg.line("</g>")

        let middleX = (layout.left + layout.right) / 2
        let middleY = (layout.top + layout.bottom) / 2
        svg.line("<text class=\"plot-x-label\" x=\"\(number(middleX))\" y=\"\(number(height - 8))\" text-anchor=\"middle\">\(plot.xLabel.htmlEscaped)</text>")
        svg.line("<text class=\"plot-y-label\" transform=\"translate(\(number(16)) \(number(middleY))) rotate(-90)\" text-anchor=\"middle\">\(plot.yLabel.htmlEscaped)</text>")
    }

    private func drawLines(_ layout: PlotLayout, into svg: inout SVGWriter) {
        for (index, series) in layout.plot.series.enumerated() {
            var segments: [[(Double, Double)]] = [[]]
            for (x, y) in zip(series.x, series.y) {
                if let px = layout.x.position(x), let py = layout.y.position(y) {
                    segments[segments.count - 1].append((px, py))
                } else if !segments[segments.count - 1].isEmpty {
                    // An undrawable value breaks the line rather than joining across it.
                    segments.append([])
                }
            }
            let path = segments.filter { !$0.isEmpty }.map { points in
                points.enumerated().map { offset, point in
                    (offset == 0 ? "M" : "L") + "\(number(point.0)) \(number(point.1))"
                }.joined(separator: " ")
            }.joined(separator: " ")
            let style = seriesStyle(index)
            svg.line("<g class=\"plot-series \(style.className)\">")
            if !path.isEmpty {
                let dash = style.dash.isEmpty ? "" : " stroke-dasharray=\"\(style.dash)\""
                svg.line("<path d=\"\(path)\" fill=\"none\" stroke=\"\(style.colour)\" stroke-width=\"2\" stroke-linejoin=\"round\"\(dash)/>")
            }
            let points = segments.flatMap { $0 }
            if points.count <= 80 {
                for point in points {
                    svg.line(marker(index, at: point, colour: style.colour))
                }
            }
            svg.line("</g>")
        }
    }

    private func drawBars(_ layout: PlotLayout, into svg: inout SVGWriter) {
        let baseline = layout.barBaseline
        let count = max(layout.plot.series.count, 1)
        let barWidth = layout.bandWidth * 0.8 / Double(count)
        for (index, series) in layout.plot.series.enumerated() {
            let style = seriesStyle(index)
            svg.line("<g class=\"plot-series \(style.className)\" fill=\"\(style.colour)\">")
            for (x, y) in zip(series.x, series.y) {
                guard let category = layout.plot.categoryIndex(x), category < layout.categoryCount,
                      let top = layout.y.clampedPosition(y)
                else { continue }
                let left = layout.bandStart(category) + layout.bandWidth * 0.1 + Double(index) * barWidth
                let label = "\(series.name), \(layout.categoryLabel(category)): \(PlotNumberFormat.significant(y))"
                svg.line(
                    "<rect x=\"\(number(left))\" y=\"\(number(min(top, baseline)))\" width=\"\(number(barWidth))\""
                        + " height=\"\(number(abs(baseline - top)))\"><title>\(label.htmlEscaped)</title></rect>")
            }
            svg.line("</g>")
        }
    }

    private func drawLegend(_ layout: PlotLayout, into svg: inout SVGWriter) {
        guard layout.plot.series.count > 1 else { return }
        svg.line("<g class=\"plot-legend\">")
        for entry in layout.legendEntries {
            let style = seriesStyle(entry.index)
            let midY = entry.y + 6
            svg.line("<g class=\"plot-series \(style.className)\">")
            if layout.plot.kind == .bar {
                svg.line("<rect x=\"\(number(entry.x + 6))\" y=\"\(number(midY - 6))\" width=\"16\" height=\"12\" fill=\"\(style.colour)\"/>")
            } else {
                let dash = style.dash.isEmpty ? "" : " stroke-dasharray=\"\(style.dash)\""
                svg.line("<line x1=\"\(number(entry.x))\" y1=\"\(number(midY))\" x2=\"\(number(entry.x + 28))\" y2=\"\(number(midY))\" stroke=\"\(style.colour)\" stroke-width=\"2\"\(dash)/>")
                svg.line(marker(entry.index, at: (entry.x + 14, midY), colour: style.colour))
            }
            svg.line("</g>")
            svg.line("<text x=\"\(number(entry.x + 34))\" y=\"\(number(midY + 4))\">\(layout.plot.series[entry.index].name.htmlEscaped)</text>")
        }
        svg.line("</g>")
    }

    // MARK: Helpers

    private func seriesStyle(_ index: Int) -> (className: String, colour: String, dash: String) {
        let slot = index % Self.palette.count
        return ("plot-series-\(slot)", Self.palette[slot], Self.dashes[index % Self.dashes.count])
    }

    /// A circle, square, diamond or triangle, so series stay apart in print and for colour blindness.
    private func marker(_ index: Int, at point: (Double, Double), colour: String) -> String {
        let (x, y) = point
        let r = 3.0
        switch index % 4 {
        case 0:
            return "<circle class=\"plot-marker\" cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"\(number(r))\" fill=\"\(colour)\"/>"
        case 1:
            return "<rect class=\"plot-marker\" x=\"\(number(x - r))\" y=\"\(number(y - r))\" width=\"\(number(2 * r))\" height=\"\(number(2 * r))\" fill=\"\(colour)\"/>"
        case 2:
            let d = r * 1.4
            return "<path class=\"plot-marker\" d=\"M\(number(x)) \(number(y - d)) L\(number(x + d)) \(number(y)) L\(number(x)) \(number(y + d)) L\(number(x - d)) \(number(y)) Z\" fill=\"\(colour)\"/>"
        default:
            let d = r * 1.3
            return "<path class=\"plot-marker\" d=\"M\(number(x)) \(number(y - d)) L\(number(x + d)) \(number(y + d * 0.8)) L\(number(x - d)) \(number(y + d * 0.8)) Z\" fill=\"\(colour)\"/>"
        }
    }

    private func tickLabel(_ tick: AxisTicks.Tick) -> String {
        guard let exponent = tick.exponent else { return tick.label.htmlEscaped }
        return "10<tspan dy=\"-5\" font-size=\"9\">\(PlotNumberFormat.exponent(exponent))</tspan>"
    }

    private func number(_ value: Double) -> String {
        PlotNumberFormat.coordinate(value)
    }

    /// Keeps only characters that are safe in an XML id and a CSS selector.
    static func sanitizedID(_ id: String) -> String {
        let kept = id.unicodeScalars.map { scalar -> Character in
            let allowed = (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || scalar == "-" || scalar == "_"
            return allowed ? Character(scalar) : "-"
        }
        let text = String(kept)
        return text.first.map { $0.isLetter } == true ? text : "plot-" + text
    }
}
