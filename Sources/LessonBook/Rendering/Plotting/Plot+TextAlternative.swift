import LessonRuntime

extension Plot {
    /// A plain-language summary of the chart for screen readers and for anyone who cannot see it:
    /// the kind, the axes, and per series its extremes (or, for a few bars, every value).
    var textAlternative: String {
        var sentences: [String] = []
        let seriesCount = series.count == 1 ? "1 series" : "\(series.count) series"
        let scale = yScale == .logarithmic ? ", logarithmic scale" : ""
        switch kind {
        case .line:
            sentences.append("Line chart with \(seriesCount). X axis: \(xLabel). Y axis: \(yLabel)\(scale).")
        case .bar:
            let names = (0..<categoryCount).map(categoryName)
            let listed = names.count <= 12 ? " (" + names.joined(separator: ", ") + ")" : ""
            sentences.append(
                "Bar chart with \(seriesCount) over \(names.count) categories\(listed). Y axis: \(yLabel)\(scale).")
        }
        for item in series {
            sentences.append(summary(of: item))
        }
        return sentences.joined(separator: " ")
    }

    /// The most categories a bar chart draws; a larger index is treated as a mistake in the data
    /// and its bar left out rather than squeezing every bar to nothing.
    static let maximumCategories = 1_000

    /// How many categories a bar chart has: the named ones, or as many as the largest index needs.
    var categoryCount: Int {
        let largest = series.flatMap(\.x).compactMap(categoryIndex).max() ?? -1
        return min(max(categories.count, largest + 1), Self.maximumCategories)
    }

    /// The category a bar's x value stands for, or `nil` if it names none.
    func categoryIndex(_ x: Double) -> Int? {
        guard x.isFinite, x > -0.5, x < Double(Self.maximumCategories) - 0.5 else { return nil }
        return Int(x.rounded())
    }

    /// The name of category `index`, or its number from 1 when the chart names none.
    func categoryName(_ index: Int) -> String {
        index < categories.count ? categories[index] : String(index + 1)
    }

    private func summary(of item: Series) -> String {
        let points = Array(zip(item.x, item.y))
        let drawable = points.filter { x, y in
            y.isFinite && (yScale == .linear || y > 0) && (kind == .line || categoryIndex(x) != nil)
        }
        let skipped = points.count - drawable.count
        var text = "\(item.name): "
        if kind == .bar && drawable.count <= 12 && !drawable.isEmpty {
            text += drawable.map { x, y in
                "\(categoryName(categoryIndex(x) ?? 0)) \(PlotNumberFormat.significant(y))"
            }.joined(separator: ", ")
        } else if let lowest = drawable.min(by: { $0.1 < $1.1 }), let highest = drawable.max(by: { $0.1 < $1.1 }) {
            let count = points.count == 1 ? "1 point" : "\(points.count) points"
            text += "\(count), lowest \(PlotNumberFormat.significant(lowest.1)) at \(xName(lowest.0)), "
                + "highest \(PlotNumberFormat.significant(highest.1)) at \(xName(highest.0))"
        } else {
            text += "no drawable values"
        }
        if skipped > 0 {
            let reason = kind == .bar
                ? "outside the categories or not drawable"
                : (yScale == .logarithmic ? "zero, negative or not finite" : "not finite")
            text += "; \(skipped) \(skipped == 1 ? "value" : "values") \(reason), not drawn"
        }
        return text + "."
    }

    private func xName(_ x: Double) -> String {
        kind == .bar ? categoryName(categoryIndex(x) ?? 0) : "\(xLabel) \(PlotNumberFormat.significant(x))"
    }
}
