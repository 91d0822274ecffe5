/// A fenced code block found by the Markdown parser, before it is known to be a cell.
struct FencedCodeBlock: Hashable, Sendable {
    /// The info string after the opening fence, trimmed.
    var info: String
    /// The code between the fences, indentation removed as Markdown prescribes.
    var code: String
    /// The line of the opening fence.
    var startLine: Int
    /// The line of the closing fence, or the last line of the block when it is not closed.
    var endLine: Int
    /// The column of the opening fence's first fence character.
    var fenceColumn: Int
    /// The spaces before the opening fence (0 to 3), which Markdown removes from the code lines.
    var indentation: Int
    /// Whether a closing fence was found.
    var isClosed: Bool
    /// What the block sits in, when it is not directly in the document.
    var container: Container?

    /// A Markdown block that can hold a fenced code block.
    enum Container: String, Hashable, Sendable {
        case list = "list"
        case blockQuote = "block quote"
        case other = "container"
    }

    /// Whether the block sits directly in the document rather than in a list or quote.
    var isTopLevel: Bool { container == nil }
}
