import Foundation
import Testing
import LessonRuntime
@testable import LessonBook

@Suite("SVG plots")
struct PlotRendererTests {
    let renderer = SVGPlotRenderer()

    @Test("Logarithmic axes put a labelled tick on every decade of 1e-8…1e2")
    func logarithmicDecades() {
        let ticks = AxisTicks.logarithmic(lower: 1.3e-8, upper: 42)
        #expect(ticks.ticks.map(\.exponent) == Array(-8...2).map { Optional($0) })
        #expect(ticks.lower == 1e-8)
        #expect(ticks.upper == 100)
    }

    @Test("Very wide logarithmic ranges label every second decade, keeping 10^0")
    func logarithmicStride() {
        let ticks = AxisTicks.logarithmic(lower: 1e-12, upper: 1e12)
        let exponents = ticks.ticks.compactMap(\.exponent)
        #expect(exponents.count <= 12)
        #expect(exponents.contains(0))
        #expect(exponents.first! <= -12 && exponents.last! >= 12)
        #expect(Set(zip(exponents, exponents.dropFirst()).map { $1 - $0 }).count == 1)
    }

    @Test("Linear ticks are round numbers covering the data")
    func linearTicks() {
        let ticks = AxisTicks.linear(lower: 1, upper: 56, targetCount: 8)
        #expect(ticks.ticks.map(\.label) == ["0", "10", "20", "30", "40", "50", "60"])
        let small = AxisTicks.linear(lower: 0.84, upper: 0.93)
        #expect(small.ticks.first!.value <= 0.84 && small.ticks.last!.value >= 0.93)
        #expect(small.ticks.map(\.label).allSatisfy { $0.hasPrefix("0.") && $0.count == 4 })
        let constant = AxisTicks.linear(lower: 5, upper: 5)
        #expect(constant.lower < 5 && constant.upper > 5)
    }

    @Test("Numbers are formatted the same everywhere", arguments: [
        (0.0, "0"), (1234567.0, "1.23e6"), (0.000123456, "0.000123"), (1.2e-8, "1.2e-8"),
        (9.996, "10"), (-42.5, "-42.5"), (100.0, "100"), (0.5, "0.5"), (Double.nan, "NaN"),
    ])
    func significantDigits(value: Double, expected: String) {
        #expect(PlotNumberFormat.significant(value) == expected)
    }

    @Test("Coordinates have one decimal and no negative zero")
    func coordinates() {
        #expect(PlotNumberFormat.coordinate(12.345) == "12.3")
        #expect(PlotNumberFormat.coordinate(-0.01) == "0.0")
        #expect(PlotNumberFormat.coordinate(-3.06) == "-3.1")
        #expect(PlotNumberFormat.fixed(0.2, decimals: 2) == "0.20")
    }

    @Test("The gradient-norm plot matches its golden SVG")
    func gradientGolden() throws {
        let svg = renderer.render(SiteFixtures.gradientNormPlot, id: "gradients")
        #expect(try SiteFixtures.matchesGolden(svg, "gradient-norms.svg"))
    }

    @Test("The bar chart matches its golden SVG")
    func barGolden() throws {
        let svg = renderer.render(SiteFixtures.accuracyBars, id: "accuracy")
        #expect(try SiteFixtures.matchesGolden(svg, "accuracy-bars.svg"))
    }

    @Test("Rendering is deterministic")
    func deterministic() {
        let first = renderer.render(SiteFixtures.gradientNormPlot, id: "a")
        let second = renderer.render(SiteFixtures.gradientNormPlot, id: "a")
        #expect(first == second)
    }

    @Test("The SVG is accessible: role, labelled by its title and a data summary")
    func accessibility() {
        let svg = renderer.render(SiteFixtures.gradientNormPlot, id: "g")
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-labelledby=\"g-title g-desc\""))
        #expect(svg.contains("<title id=\"g-title\">Gradient norm per layer after one step</title>"))
        #expect(svg.contains("plain-56: 56 points, lowest 1e-8 at layer 1, highest 31.6 at layer 56."))
        #expect(svg.contains("2 values zero, negative or not finite, not drawn"))
    }

    @Test("Undrawable values break the line instead of producing NaN coordinates")
    func undrawableValues() {
        let svg = renderer.render(SiteFixtures.gradientNormPlot, id: "g")
        #expect(!svg.contains("nan") && !svg.contains("NaN") && !svg.contains("inf"))
        let bnPath = svg.components(separatedBy: "\n").first { $0.contains("<path d=\"M") && $0.contains("#d55e00") }
        #expect(bnPath.map { $0.components(separatedBy: "M").count - 1 } == 2)
    }

    @Test("Titles, labels and series names are escaped")
    func escaping() {
        let plot = Plot(
            title: "a <b> & \"c\"", xLabel: "<x>", yLabel: "y's", series: [.init(name: "</svg><script>", y: [1, 2])])
        let svg = renderer.render(plot, id: "bad id\"><")
        #expect(!svg.contains("<script>"))
        #expect(!svg.contains("<b>"))
        #expect(svg.contains("a &lt;b&gt; &amp; &quot;c&quot;"))
        #expect(svg.contains("id=\"bad-id----title\""))
    }

    @Test("Several series get a legend with each name; one series gets none")
    func legend() {
        let svg = renderer.render(SiteFixtures.gradientNormPlot, id: "g")
        #expect(svg.contains("<g class=\"plot-legend\">"))
        #expect(svg.contains(">plain-56 + BN</text>"))
        let single = Plot(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "only", y: [1, 2, 3])])
        #expect(!renderer.render(single, id: "s").contains("plot-legend"))
    }

    @Test("A plot without any drawable value still renders axes")
    func empty() {
        let plot = Plot(title: "t", xLabel: "x", yLabel: "y", yScale: .logarithmic, series: [.init(name: "zeros", y: [0, 0])])
        let svg = renderer.render(plot, id: "e")
        #expect(svg.contains("plot-axes"))
        #expect(svg.contains("zeros: no drawable values; 2 values zero, negative or not finite, not drawn."))
    }

    @Test("Absurd data neither traps nor leaks NaN into the drawing")
    func extremeValues() {
        let bars = Plot(
            title: "t", kind: .bar, xLabel: "x", yLabel: "y",
            series: [.init(name: "s", x: [0, 1e300, .nan, -5, 2], y: [1, 2, 3, 4, .infinity])], categories: ["a", "b"])
        let barSVG = renderer.render(bars, id: "b")
        #expect(barSVG.components(separatedBy: "<rect x=").count - 1 == 1)
        #expect(barSVG.contains("s: a 1; 4 values outside the categories or not drawable, not drawn."))
        let lines = Plot(
            title: "t", xLabel: "x", yLabel: "y", yScale: .logarithmic,
            series: [.init(name: "s", x: [1, 2, 3, 4], y: [1e308, 1e-320, -.infinity, 5])])
        let lineSVG = renderer.render(lines, id: "l")
        #expect(!lineSVG.contains("NaN") && !lineSVG.contains("inf"))
        #expect(lineSVG.contains("plot-axes"))
    }
}
