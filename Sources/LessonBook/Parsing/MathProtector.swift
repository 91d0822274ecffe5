/// Hides TeX math from the Markdown parser and puts it back, escaped, into the rendered HTML.
///
/// Markdown would read `a_1 \times b_1` as emphasis and escapes; each `$…$` or `$$…$$` span
/// outside code is swapped for a private-use token that Markdown leaves alone.
struct MathProtector {
    /// One math span taken out of the text.
    struct Span: Hashable {
        var tex: String
        var isDisplay: Bool
    }

    /// The Markdown with every math span replaced by its token.
    private(set) var markdown: String
    /// The spans, in order; span `i` was replaced by `token(i)`.
    private(set) var spans: [Span] = []

    /// Scans `markdown`, leaving fenced code blocks and inline code spans alone.
    init(_ markdown: String) {
        var replaced = ""
        var spans: [Span] = []
        for segment in MarkdownSegments(markdown).segments {
            if case .math(let tex, let isDisplay, _) = segment {
                replaced += Self.token(spans.count)
                spans.append(Span(tex: tex, isDisplay: isDisplay))
            } else {
                replaced += segment.source
            }
        }
        self.markdown = replaced
        self.spans = spans
    }

    /// The token standing for span `index`.
    static func token(_ index: Int) -> String { "\u{E000}math\(index)\u{E001}" }

    /// Puts the spans back into `html`, HTML-escaped and wrapped for KaTeX.
    func restore(in html: String) -> String {
        var result = html
        for (index, span) in spans.enumerated() {
            let token = Self.token(index)
            let escaped = span.tex.htmlEscaped
            if span.isDisplay {
                let block = "<div class=\"math display\">\\[\(escaped)\\]</div>"
                if result.contains("<p>\(token)</p>") {
                    result = result.replacingOccurrences(of: "<p>\(token)</p>", with: block)
                } else {
                    result = result.replacingOccurrences(of: token, with: block)
                }
            } else {
                result = result.replacingOccurrences(
                    of: token, with: "<span class=\"math inline\">\\(\(escaped)\\)</span>")
            }
        }
        return result
    }
}
