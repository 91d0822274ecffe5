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
        self.markdown = ""
        self.markdown = replaceMath(in: markdown)
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

    /// Replaces math outside fenced blocks and code spans, recording each span.
    private mutating func replaceMath(in text: String) -> String {
        let characters = Array(text)
        var output = ""
        var index = 0
        var atLineStart = true
        var fence: String?
        while index < characters.count {
            if atLineStart {
                let lineEnd = characters[index...].firstIndex(of: "\n") ?? characters.count
                let line = String(characters[index..<lineEnd])
                let trimmed = line.drop { $0 == " " }
                let isFenceLine = trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~")
                if fence != nil || isFenceLine {
                    if let open = fence {
                        if trimmed.hasPrefix(open) && trimmed.allSatisfy({ $0 == open.first || $0.isWhitespace }) {
                            fence = nil
                        }
                    } else {
                        fence = String(trimmed.prefix { $0 == trimmed.first })
                    }
                    output += line
                    if lineEnd < characters.count { output += "\n" }
                    index = lineEnd + 1
                    continue
                }
            }
            let character = characters[index]
            atLineStart = character == "\n"
            switch character {
            case "\\" where index + 1 < characters.count:
                output.append(character)
                output.append(characters[index + 1])
                index += 2
            case "`":
                let run = characters[index...].prefix { $0 == "`" }.count
                let closing = findRun(of: "`", length: run, in: characters, from: index + run)
                let end = closing.map { $0 + run } ?? index + run
                output += String(characters[index..<end])
                index = end
            case "$":
                if let (span, end) = mathSpan(in: characters, at: index) {
                    output += Self.token(spans.count)
                    spans.append(span)
                    index = end
                } else {
                    output.append(character)
                    index += 1
                }
            default:
                output.append(character)
                index += 1
            }
        }
        return output
    }

    /// The math span starting at the `$` at `start`, and the index just after it.
    private func mathSpan(in characters: [Character], at start: Int) -> (Span, Int)? {
        let isDisplay = start + 1 < characters.count && characters[start + 1] == "$"
        let contentStart = start + (isDisplay ? 2 : 1)
        var index = contentStart
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                index += 2
                continue
            }
            // Math never spans a paragraph break or contains a code span.
            if character == "\n", index + 1 < characters.count, characters[index + 1] == "\n" {
                return nil
            }
            if character == "`" { return nil }
            if character == "$" {
                if isDisplay {
                    guard index + 1 < characters.count, characters[index + 1] == "$" else { return nil }
                    let tex = String(characters[contentStart..<index])
                    return tex.allSatisfy(\.isWhitespace) ? nil : (Span(tex: tex, isDisplay: true), index + 2)
                }
                // Pandoc's rule keeps prices like "$5 and $6" as text.
                let tex = String(characters[contentStart..<index])
                let followedByDigit = index + 1 < characters.count && characters[index + 1].isNumber
                guard !tex.isEmpty, tex.first?.isWhitespace == false, tex.last?.isWhitespace == false,
                    !followedByDigit
                else { return nil }
                return (Span(tex: tex, isDisplay: false), index + 1)
            }
            index += 1
        }
        return nil
    }

    private func findRun(of character: Character, length: Int, in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index < characters.count {
            if characters[index] == character {
                let run = characters[index...].prefix { $0 == character }.count
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }
}
