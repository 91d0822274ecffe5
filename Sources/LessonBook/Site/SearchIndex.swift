import Foundation

/// The documents the reader's search looks through: one per section of every lesson (the text
/// before the first heading, then each `h2`–`h4`), holding its prose and code but not the cells'
/// outputs. Written as `assets/search-index.js`, a script rather than JSON, because a page opened
/// from disk may not fetch files; `assets/search.js` indexes them with lunr in the page.
enum SearchIndex {
    /// One section.
    struct Document: Codable, Hashable, Sendable {
        /// `4. The BasicBlock`.
        var lesson: String
        /// The section's heading, or the lesson's title for the text before the first heading.
        var section: String
        /// The page and anchor, e.g. `04-basic-block.html#counting-the-parameters`.
        var url: String
        /// The section's words.
        var text: String
    }

    /// The index script for the pages in `pages` (HTML by file name), in the order of `lessons`.
    static func file(lessons: [Lesson], pages: [String: String]) throws -> SiteFile {
        let documents = lessons.flatMap { lesson in
            pages[lesson.pageFileName].map { Self.documents(lesson: lesson, html: $0) } ?? []
        }
        let json = String(decoding: try CanonicalJSON.data(documents), as: UTF8.self)
        return SiteFile(path: "assets/search-index.js", text: "window.bookSearchDocuments = \(json);\n")
    }

    /// The sections of one rendered page.
    static func documents(lesson: Lesson, html: String) -> [Document] {
        guard let start = html.range(of: "<div class=\"lesson-body\">"),
            let end = html.range(of: "</article>", range: start.upperBound..<html.endIndex)
        else { return [] }
        let body = removingOutputs(String(html[start.upperBound..<end.lowerBound]))
        var documents: [Document] = []
        var section = (title: lesson.title, url: lesson.pageFileName)
        var rest = Substring(body)
        while true {
            let next = ["<h2 id=\"", "<h3 id=\"", "<h4 id=\""].compactMap { rest.range(of: $0) }.min { $0.lowerBound < $1.lowerBound }
            let chunk = next.map { rest[..<$0.lowerBound] } ?? rest
            let text = words(String(chunk))
            if !text.isEmpty || section.url != lesson.pageFileName {
                documents.append(Document(lesson: lesson.numberedTitle, section: section.title, url: section.url, text: text))
            }
            guard let next else { break }
            let afterID = rest[next.upperBound...]
            guard let idEnd = afterID.firstIndex(of: "\""), let tagEnd = afterID.firstIndex(of: ">") else { break }
            let level = rest[rest.index(next.lowerBound, offsetBy: 2)]
            let close = afterID.range(of: "</h\(level)>") ?? (afterID.endIndex..<afterID.endIndex)
            let id = String(afterID[..<idEnd])
            section = (words(String(afterID[afterID.index(after: tagEnd)..<close.lowerBound])), "\(lesson.pageFileName)#\(id)")
            rest = afterID[close.upperBound...]
        }
        return documents
    }

    /// The plain text of an HTML fragment with runs of white space made one space.
    private static func words(_ html: String) -> String {
        HTMLHeadingAnchors.plainText(html).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `html` without its `<div class="cell-output">` elements (nested divs included).
    private static func removingOutputs(_ html: String) -> String {
        var output = ""
        var rest = Substring(html)
        while let start = rest.range(of: "<div class=\"cell-output\">") {
            output += rest[..<start.lowerBound]
            var depth = 1
            var cursor = start.upperBound
            while depth > 0 {
                let open = rest.range(of: "<div", range: cursor..<rest.endIndex)
                guard let close = rest.range(of: "</div>", range: cursor..<rest.endIndex) else {
                    cursor = rest.endIndex
                    break
                }
                if let open, open.lowerBound < close.lowerBound {
                    depth += 1
                    cursor = open.upperBound
                } else {
                    depth -= 1
                    cursor = close.upperBound
                }
            }
            rest = rest[cursor...]
        }
        return output + rest
    }
}
