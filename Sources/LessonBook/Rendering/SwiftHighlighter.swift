import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Turns Swift source into HTML with `<span class="tok-…">` around classified tokens, using
/// swift-syntax's classifier at build time so pages need no script to colour code.
enum SwiftHighlighter {
    /// `source` as escaped HTML, ready to sit inside `<pre><code>`; unclassified text is escaped
    /// but not wrapped, and the text content equals `source` exactly.
    static func highlight(_ source: String) -> String {
        let tree = Parser.parse(source: source)
        let bytes = Array(source.utf8)
        var html = ""
        var cursor = 0
        for range in tree.classifications {
            let start = range.range.lowerBound.utf8Offset
            let end = range.range.upperBound.utf8Offset
            guard start >= cursor, end <= bytes.count, start < end else { continue }
            if start > cursor {
                html += text(bytes[cursor..<start])
            }
            let piece = text(bytes[start..<end])
            if let name = className(range.kind) {
                html += "<span class=\"\(name)\">\(piece)</span>"
            } else {
                html += piece
            }
            cursor = end
        }
        if cursor < bytes.count {
            html += text(bytes[cursor...])
        }
        return html
    }

    /// The CSS class for a classification, or `nil` for plain text.
    static func className(_ kind: SyntaxClassification) -> String? {
        switch kind {
        case .keyword, .ifConfigDirective: "tok-keyword"
        case .attribute: "tok-attribute"
        case .type: "tok-type"
        case .integerLiteral, .floatLiteral: "tok-number"
        case .stringLiteral, .regexLiteral: "tok-string"
        case .lineComment, .blockComment: "tok-comment"
        case .docLineComment, .docBlockComment: "tok-doc-comment"
        case .argumentLabel: "tok-label"
        case .operator: "tok-operator"
        case .dollarIdentifier, .identifier, .editorPlaceholder, .none: nil
        @unknown default: nil
        }
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self).htmlEscaped
    }
}
