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
    /// Whether a closing fence was found.
    var isClosed: Bool
    /// Whether the block sits directly in the document rather than in a list or quote.
    var isTopLevel: Bool
}
