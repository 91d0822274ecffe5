/// Finds the links in lessons' prose that point inside the site and do not arrive: a lesson that
/// does not exist, a page that is not written, an anchor that no element of the page carries.
enum LinkChecker {
    /// One diagnostic per broken link, at the link's target in its Markdown file; `pages` holds
    /// each written page's HTML by file name.
    static func diagnostics(lessons: [Lesson], pages: [String: String], links: LessonLinks) -> [Diagnostic] {
        var idsByPage: [String: Set<String>] = [:]
        func ids(_ page: String) -> Set<String>? {
            if let known = idsByPage[page] { return known }
            guard let html = pages[page] else { return nil }
            let found = Self.ids(in: html)
            idsByPage[page] = found
            return found
        }
        var diagnostics: [Diagnostic] = []
        for lesson in lessons {
            for case .prose(let prose) in lesson.blocks {
                for link in LessonLinks.links(inMarkdown: prose.markdown, firstLine: prose.range.start.line) {
                    guard let problem = problem(with: link.target, on: lesson, links: links, ids: ids) else { continue }
                    diagnostics.append(Diagnostic(file: lesson.path, location: link.location, severity: .error, message: problem))
                }
            }
        }
        return diagnostics
    }

    /// What is wrong with `target`, or nil when it resolves or leaves the site.
    private static func problem(
        with target: String, on lesson: Lesson, links: LessonLinks, ids: (String) -> Set<String>?
    ) -> String? {
        let address: String
        if target.hasPrefix(LessonLinks.scheme) {
            guard let resolved = links.resolve(target) else {
                return "the link \(target) names no lesson of this book (write lesson:NUMBER or lesson:SLUG)"
            }
            address = resolved
        } else if target.hasPrefix("#") {
            address = lesson.pageFileName + target
        } else if !target.contains(":"), !target.hasPrefix("/"), target.split(separator: "#").first?.hasSuffix(".html") == true {
            address = target
        } else {
            return nil
        }
        let parts = address.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let page = String(parts[0])
        guard let pageIDs = ids(page) else { return "the link \(target) points at \(page), which the site does not have" }
        if parts.count == 2, !parts[1].isEmpty, !pageIDs.contains(String(parts[1])) {
            return "the link \(target) points at #\(parts[1]), which \(page) has no element for"
        }
        return nil
    }

    /// The values of every `id="…"` attribute in `html`.
    static func ids(in html: String) -> Set<String> {
        var ids: Set<String> = []
        var rest = Substring(html)
        while let start = rest.range(of: " id=\"") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            ids.insert(String(rest[..<end]))
            rest = rest[end...]
        }
        return ids
    }
}
