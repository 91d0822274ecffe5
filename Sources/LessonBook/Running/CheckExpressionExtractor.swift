import SwiftParser
import SwiftSyntax

/// Finds the source text of a check call in the lesson, from the position the runtime reports.
///
/// A call's `#column` default argument is the column of its opening parenthesis. Each cell is
/// parsed with SwiftParser, and the call is the function-call node whose parenthesis (or callee)
/// is at that position; its text is rebuilt from its tokens with comments dropped and
/// whitespace collapsed, so a parenthesis inside a string, a raw string or a comment cannot
/// end it early. The runtime cannot know this text, the engine can.
struct CheckExpressionExtractor {
    /// One cell's syntax tree and the lesson line its first code line is on.
    private struct ParsedCell {
        var firstLine: Int
        var lineCount: Int
        var tree: SourceFileSyntax
        var converter: SourceLocationConverter
    }

    private let lines: [Substring]
    private let cells: [ParsedCell]

    /// Prepares to extract from `cells` of the lesson whose full text is `text`.
    init(cells: [Cell], text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        self.cells = cells.map { cell in
            let tree = Parser.parse(source: cell.source)
            return ParsedCell(
                firstLine: cell.codeStartLine, lineCount: cell.source.split(separator: "\n", omittingEmptySubsequences: false).count,
                tree: tree, converter: SourceLocationConverter(fileName: "", tree: tree))
        }
    }

    /// Prepares to extract from the lesson whose full text is `text`, finding its cells by
    /// parsing it; a caller holding the parsed lesson should pass its cells instead.
    init(text: String) {
        self.init(cells: (try? LessonParser.parse(text, path: ""))?.cells ?? [], text: text)
    }

    /// The call at `line`, `column` (1-based, UTF-8, in the lesson file) and the column where
    /// its callee starts, or nil if the position holds no call.
    func expression(line: Int, column: Int) -> (text: String, column: Int)? {
        guard let cell = cells.first(where: { line >= $0.firstLine && line < $0.firstLine + $0.lineCount }) else {
            return nil
        }
        let position = cell.converter.position(ofLine: line - cell.firstLine + 1, column: column)
        guard let token = cell.tree.token(at: position) else { return nil }
        guard let call = token.ancestorOrSelf(mapping: { node -> FunctionCallExprSyntax? in
            guard let call = node.as(FunctionCallExprSyntax.self) else { return nil }
            let isParenthesis = call.leftParen.map { $0.id == token.id } ?? false
            let isCallee = call.calledExpression.range.contains(token.position)
            return isParenthesis || isCallee ? call : nil
        }) else { return nil }
        let start = cell.converter.location(for: call.positionAfterSkippingLeadingTrivia)
        return (Self.collapsedText(of: call), start.column)
    }

    /// The column of the first non-blank character on `line`, where a trap message points.
    func firstCodeColumn(line: Int) -> Int {
        guard line >= 1, line <= lines.count else { return 1 }
        let indentation = lines[line - 1].prefix { $0 == " " || $0 == "\t" }.count
        return indentation + 1
    }

    /// The tokens of `node` on one line: comments dropped, a single space where the source had
    /// white space, none just inside brackets or before a comma.
    private static func collapsedText(of node: some SyntaxProtocol) -> String {
        var text = ""
        var previous: TokenSyntax?
        for token in node.tokens(viewMode: .sourceAccurate) {
            if let previous {
                let between = previous.trailingTrivia.pieces + token.leadingTrivia.pieces
                let spaced = between.contains { $0.isWhitespace }
                let tight = [.leftParen, .leftSquare].contains(previous.tokenKind)
                    || [.rightParen, .rightSquare, .comma].contains(token.tokenKind)
                if spaced && !tight { text += " " }
            }
            text += token.text
            previous = token
        }
        return text
    }
}
