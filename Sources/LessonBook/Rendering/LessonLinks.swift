/// Links from one lesson to another written by number or slug rather than by file name, so they
/// survive renaming a file: `[the BasicBlock](lesson:4)`, `[shortcuts](lesson:downsampling-shortcuts#option-a)`.
struct LessonLinks: Sendable {
    /// The scheme of such links.
    static let scheme = "lesson:"

    /// A link found in a lesson's Markdown.
    struct Link: Hashable, Sendable {
        /// What the link points at, as written.
        var target: String
        /// Where the target starts in the lesson file.
        var location: SourceLocation
    }

    /// Page file names by lesson number (`4`, `04`) and by slug.
    private var pages: [String: String] = [:]

    /// The links of a book made of `lessons`.
    init(lessons: [Lesson]) {
        for lesson in lessons {
            pages[lesson.slug] = lesson.pageFileName
            if let number = lesson.number {
                pages[String(number)] = lesson.pageFileName
            }
        }
    }

    /// `04-basic-block.html#anchor` for `lesson:4#anchor` or `lesson:basic-block#anchor`; nil for a
    /// lesson that does not exist or a target in another form.
    func resolve(_ target: String) -> String? {
        guard target.hasPrefix(Self.scheme) else { return nil }
        let rest = target.dropFirst(Self.scheme.count)
        let (key, anchor) = rest.firstIndex(of: "#").map { (rest[..<$0], String(rest[$0...])) } ?? (rest, "")
        let normalised = Int(key).map(String.init) ?? String(key)
        return pages[normalised].map { $0 + anchor }
    }

    /// `html` with every `href="lesson:…"` that resolves replaced by the page's address.
    func rewrite(_ html: String) -> String {
        let marker = "href=\"\(Self.scheme)"
        guard html.contains(marker) else { return html }
        var output = ""
        var rest = Substring(html)
        while let start = rest.range(of: marker) {
            output += rest[..<start.lowerBound]
            let targetStart = rest.index(start.lowerBound, offsetBy: "href=\"".count)
            guard let end = rest[targetStart...].firstIndex(of: "\"") else { break }
            let target = String(rest[targetStart..<end])
            output += "href=\"" + (resolve(target) ?? target) + "\""
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }

    /// The targets of the inline links `[text](target)` in `markdown`, whose first line is line
    /// `firstLine` of the file, with where each target starts (columns in UTF-8 bytes, as
    /// compilers count them); code spans, fenced blocks and math are skipped.
    static func links(inMarkdown markdown: String, firstLine: Int) -> [Link] {
        let start = SourceLocation(line: firstLine, column: 1)
        return MarkdownSegments(markdown).textSegments(from: start).flatMap { text, segmentStart in
            var links: [Link] = []
            var rest = text[...]
            while let opening = rest.range(of: "](") {
                let targetStart = opening.upperBound
                let end = text[targetStart...].firstIndex { $0 == ")" || $0 == " " || $0 == "\n" } ?? text.endIndex
                var location = segmentStart
                location.advance(over: text[..<targetStart])
                links.append(Link(target: String(text[targetStart..<end]), location: location))
                rest = text[targetStart...]
            }
            return links
        }
    }
}
