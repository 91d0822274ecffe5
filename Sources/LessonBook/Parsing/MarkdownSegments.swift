/// A run of Markdown cut into the pieces that later passes treat differently: code, which is
/// shown as written; TeX math, which Markdown must not touch; and the text around them.
///
/// The pieces, joined in order, give back the input exactly, so a pass can rewrite one kind and
/// keep the rest byte for byte. Code is a fenced block (its fence lines included) or an inline
/// code span; math is `$…$` or `$$…$$` outside code, by Pandoc's rules for where a dollar
/// opens and closes math.
struct MarkdownSegments {
    /// One piece of the Markdown.
    enum Segment: Hashable {
        /// Prose, links, emphasis: everything that is neither code nor math.
        case text(String)
        /// A fenced code block or an inline code span, as written.
        case code(String)
        /// A math span: its TeX, whether it is display math, and its source with the dollars.
        case math(tex: String, isDisplay: Bool, source: String)

        /// The segment's text as it stands in the Markdown.
        var source: String {
            switch self {
            case .text(let text), .code(let text): text
            case .math(_, _, let source): source
            }
        }
    }

    /// The pieces, in order.
    private(set) var segments: [Segment] = []

    /// Cuts `markdown` into segments.
    init(_ markdown: String) {
        split(Array(markdown))
    }

    /// The text segments, each with where it starts in the file, for Markdown whose first
    /// character stands at `start`; code and math are skipped.
    func textSegments(from start: SourceLocation) -> [(text: String, location: SourceLocation)] {
        var location = start
        var texts: [(String, SourceLocation)] = []
        for segment in segments {
            if case .text(let text) = segment { texts.append((text, location)) }
            location.advance(over: segment.source)
        }
        return texts
    }

    private mutating func split(_ characters: [Character]) {
        var text = ""
        func flushText() {
            if !text.isEmpty { segments.append(.text(text)) }
            text = ""
        }
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
                    flushText()
                    let end = min(lineEnd + 1, characters.count)
                    appendCode(String(characters[index..<end]))
                    index = end
                    continue
                }
            }
            let character = characters[index]
            atLineStart = character == "\n"
            switch character {
            case "\\" where index + 1 < characters.count:
                text.append(character)
                text.append(characters[index + 1])
                atLineStart = characters[index + 1] == "\n"
                index += 2
            case "`":
                let run = characters[index...].prefix { $0 == "`" }.count
                if let closing = Self.findRun(of: "`", length: run, in: characters, from: index + run) {
                    flushText()
                    appendCode(String(characters[index..<(closing + run)]))
                    index = closing + run
                } else {
                    // An unmatched run of backticks is literal text.
                    text += String(characters[index..<(index + run)])
                    index += run
                }
            case "$":
                if let (tex, isDisplay, end) = Self.mathSpan(in: characters, at: index) {
                    flushText()
                    segments.append(.math(tex: tex, isDisplay: isDisplay, source: String(characters[index..<end])))
                    index = end
                } else {
                    text.append(character)
                    index += 1
                }
            default:
                text.append(character)
                index += 1
            }
        }
        flushText()
    }

    /// Adds code, merging it with code just before (the lines of one fenced block).
    private mutating func appendCode(_ code: String) {
        if case .code(let previous) = segments.last {
            segments[segments.count - 1] = .code(previous + code)
        } else {
            segments.append(.code(code))
        }
    }

    /// The math span starting at the `$` at `start`: its TeX, whether it is display math, and
    /// the index just after it.
    private static func mathSpan(in characters: [Character], at start: Int) -> (String, Bool, Int)? {
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
                    return tex.allSatisfy(\.isWhitespace) ? nil : (tex, true, index + 2)
                }
                // Pandoc's rule keeps prices like "$5 and $6" as text.
                let tex = String(characters[contentStart..<index])
                let followedByDigit = index + 1 < characters.count && characters[index + 1].isNumber
                guard !tex.isEmpty, tex.first?.isWhitespace == false, tex.last?.isWhitespace == false,
                    !followedByDigit
                else { return nil }
                return (tex, false, index + 1)
            }
            index += 1
        }
        return nil
    }

    private static func findRun(of character: Character, length: Int, in characters: [Character], from start: Int) -> Int? {
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

extension SourceLocation {
    /// Moves past `text`: to the next line at each line break, otherwise one column per UTF-8
    /// byte, as compilers count columns.
    mutating func advance(over text: some StringProtocol) {
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
    }
}
