/// Collects SVG markup line by line; one element a line keeps diffs of generated pages readable.
struct SVGWriter {
    /// The markup so far.
    private(set) var text = ""

    /// Appends `markup` and a newline.
    mutating func line(_ markup: String) {
        text += markup
        text += "\n"
    }
}
