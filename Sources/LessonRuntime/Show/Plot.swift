/// A chart a cell shows with `show(_:)`: data only; the book draws it as SVG when it renders.
public struct Plot: Codable, Hashable, Sendable {
    /// How values map to positions along an axis.
    public enum Scale: String, Codable, Hashable, Sendable {
        case linear, logarithmic
    }

    /// How series are drawn.
    public enum Kind: String, Codable, Hashable, Sendable {
        /// Points joined by lines, x numeric.
        case line
        /// One bar per category (x values index `categories`), series side by side.
        case bar
    }

    /// One named sequence of points.
    public struct Series: Codable, Hashable, Sendable {
        /// The legend entry.
        public var name: String
        /// The x coordinates (for bar charts, category indices).
        public var x: [Double]
        /// The y coordinates.
        public var y: [Double]

        /// Creates a series; `x` and `y` must have the same length.
        public init(name: String, x: [Double], y: [Double]) {
            require(x.count == y.count, "Series '\(name)' has \(x.count) x values and \(y.count) y values")
            self.name = name
            self.x = x
            self.y = y
        }

        /// Creates a series with x = 1, 2, 3, … (layer numbers, epochs).
        public init(name: String, y: [Double]) {
            self.init(name: name, x: (0..<y.count).map { Double($0 + 1) }, y: y)
        }
    }

    /// The chart's title, also its accessible name.
    public var title: String
    /// Line or bar.
    public var kind: Kind
    /// The label under the x axis.
    public var xLabel: String
    /// The label beside the y axis.
    public var yLabel: String
    /// The scale of the y axis; logarithmic for quantities spanning orders of magnitude.
    public var yScale: Scale
    /// The data.
    public var series: [Series]
    /// Category names for bar charts.
    public var categories: [String]

    /// Creates a chart.
    public init(
        title: String, kind: Kind = .line, xLabel: String, yLabel: String, yScale: Scale = .linear,
        series: [Series], categories: [String] = []
    ) {
        self.title = title
        self.kind = kind
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.yScale = yScale
        self.series = series
        self.categories = categories
    }
}
