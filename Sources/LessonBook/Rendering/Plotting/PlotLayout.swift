import LessonRuntime

/// Where the parts of a chart go: margins sized to the labels, scales for both axes, legend rows.
struct PlotLayout {
    /// A legend entry's series and top-left corner.
    struct LegendEntry {
        var index: Int
        var x: Double
        var y: Double
    }

    let plot: Plot
    /// The plot area's edges.
    let left: Double, right: Double, top: Double, bottom: Double
    /// The horizontal scale (line charts; bar charts place categories in bands instead).
    let x: PlotScale
    /// The vertical scale.
    let y: PlotScale
    let legendEntries: [LegendEntry]
    let categoryCount: Int

    init(plot: Plot, width: Double, height: Double) {
        self.plot = plot
        let glyph = SVGPlotRenderer.glyphWidth

        let yTicks = Self.yTicks(for: plot)
        let widestTick = yTicks.ticks.map { tick -> Double in
            tick.exponent.map { 2 * glyph + Double(PlotNumberFormat.exponent($0).count) * glyph * 0.75 }
                ?? Double(tick.label.count) * glyph
        }.max() ?? glyph
        left = 28 + widestTick + 10
        right = width - 20

        // Legend entries flow left to right and wrap, above the plot area.
        var entries: [LegendEntry] = []
        var cursorX = left, cursorY = 8.0
        if plot.series.count > 1 {
            for (index, series) in plot.series.enumerated() {
                let entryWidth = 34 + Double(series.name.count) * glyph + 18
                if cursorX + entryWidth > right && cursorX > left {
                    cursorX = left
                    cursorY += 18
                }
                entries.append(LegendEntry(index: index, x: cursorX, y: cursorY))
                cursorX += entryWidth
            }
        }
        legendEntries = entries
        top = entries.isEmpty ? 12 : cursorY + 24
        bottom = height - 44

        y = PlotScale(ticks: yTicks, start: bottom, end: top)
        let xs = plot.series.flatMap(\.x).filter { $0.isFinite && abs($0) < 1e300 }
        x = PlotScale(
            ticks: AxisTicks.linear(lower: xs.min() ?? 0, upper: xs.max() ?? 1, targetCount: 8),
            start: left, end: right)
        categoryCount = max(plot.categoryCount, 1)
    }

    private static func yTicks(for plot: Plot) -> AxisTicks {
        // Beyond these magnitudes the axis arithmetic overflows; such values are not plotted data.
        let values = plot.series.flatMap(\.y).filter { $0.isFinite && abs($0) < 1e300 }
        switch plot.yScale {
        case .logarithmic:
            let positive = values.filter { $0 > 1e-300 }
            return AxisTicks.logarithmic(lower: positive.min() ?? 1, upper: positive.max() ?? 10)
        case .linear:
            var lower = values.min() ?? 0, upper = values.max() ?? 1
            if plot.kind == .bar {
                // Bars grow from zero, so zero must be on the axis.
                lower = min(lower, 0)
                upper = max(upper, 0)
            }
            return AxisTicks.linear(lower: lower, upper: upper)
        }
    }

    // MARK: Bar charts

    /// The width of one category's band.
    var bandWidth: Double { (right - left) / Double(categoryCount) }

    /// The left edge of category `index`'s band.
    func bandStart(_ index: Int) -> Double { left + Double(index) * bandWidth }

    /// The centre of category `index`'s band.
    func bandCentre(_ index: Int) -> Double { bandStart(index) + bandWidth / 2 }

    /// The coordinate bars grow from: zero, or the bottom of a logarithmic axis.
    var barBaseline: Double {
        y.ticks.logarithmic ? bottom : (y.clampedPosition(0) ?? bottom)
    }

    /// The label of category `index`.
    func categoryLabel(_ index: Int) -> String { plot.categoryName(index) }

    /// Label every n-th category so labels do not overlap.
    var categoryLabelStride: Int {
        let widest = (0..<categoryCount).map { Double(categoryLabel($0).count) }.max() ?? 1
        let needed = widest * SVGPlotRenderer.glyphWidth + 8
        return max(1, Int((needed / bandWidth).rounded(.up)))
    }
}
