/// A block diagram a cell shows with `show(diagram:input:depth:title:)`: one or more panels
/// side by side under one caption; the book draws it as SVG on the site and as text in the
/// terminal.
///
/// It is data only, built from a module's real tree and the shapes a forward pass produced
/// (see ``DiagramPanel/init(of:input:depth:heading:)``), so the picture cannot drift from the
/// library.
public struct Diagram: Codable, Hashable, Sendable {
    /// The caption, also the accessible name of the drawing.
    public var title: String
    /// The drawings, left to right.
    public var panels: [DiagramPanel]

    /// Creates a diagram of one or more panels.
    public init(title: String, panels: [DiagramPanel]) {
        require(!panels.isEmpty, "A diagram needs at least one panel")
        require(!title.isEmpty, "A diagram needs a title: it is the caption and what a screen reader announces")
        self.title = title
        self.panels = panels
    }
}
