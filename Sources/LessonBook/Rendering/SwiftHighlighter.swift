import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Classifies Swift source with swift-syntax's classifier, once, for both renderers: the pages
/// wrap classified runs in `<span class="tok-…">` at build time (no script colours code), and
/// the terminal paints the same runs with ANSI colours.
enum SwiftHighlighter {
    /// A run of source text and how the classifier saw it; `nil` for text it leaves plain.
    struct Segment: Equatable {
        /// The source text, exactly; the segments of a source concatenate to it.
        var text: String
        /// The classification, or `nil` for plain text (identifiers, whitespace, punctuation).
        var kind: SyntaxClassification?
    }

    /// `source` cut into classified and plain runs, in order; broken code is classified as far
    /// as the parser's recovery goes and never loses a byte.
    static func segments(_ source: String) -> [Segment] {
        let tree = Parser.parse(source: source)
        let bytes = Array(source.utf8)
        var segments: [Segment] = []
        var cursor = 0
        func plain(upTo end: Int) {
            if end > cursor { segments.append(Segment(text: String(decoding: bytes[cursor..<end], as: UTF8.self), kind: nil)) }
        }
        for range in tree.classifications {
            let start = range.range.lowerBound.utf8Offset
            let end = range.range.upperBound.utf8Offset
            guard start >= cursor, end <= bytes.count, start < end else { continue }
            plain(upTo: start)
            let kind: SyntaxClassification? = range.kind == SyntaxClassification.none ? nil : range.kind
            segments.append(Segment(text: String(decoding: bytes[start..<end], as: UTF8.self), kind: kind))
            cursor = end
        }
        plain(upTo: bytes.count)
        return segments
    }

    /// `source` as escaped HTML, ready to sit inside `<pre><code>`; unclassified text is escaped
    /// but not wrapped, and the text content equals `source` exactly.
    static func highlight(_ source: String) -> String {
        segments(source).map { segment in
            let text = segment.text.htmlEscaped
            guard let name = segment.kind.flatMap(className) else { return text }
            return "<span class=\"\(name)\">\(text)</span>"
        }.joined()
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
}
