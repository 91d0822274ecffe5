/// Renders one lesson's page: header with its totals, table of contents, prose and cells with
/// their outputs, and links to the previous and next lessons.
struct HTMLPageRenderer: Sendable {
    /// Turns a run of Markdown into HTML; math must come out as `.math` spans and divs.
    typealias ProseRenderer = @Sendable (String) -> String

    /// A neighbouring lesson to link to.
    struct Neighbour: Sendable, Hashable {
        /// The page file name.
        var fileName: String
        /// The title shown in the link.
        var title: String

        /// Creates a link target.
        init(fileName: String, title: String) {
            self.fileName = fileName
            self.title = title
        }
    }

    /// Renders prose.
    var proseRenderer: ProseRenderer
    /// The book's name, in the page header and the window title.
    var bookTitle: String
    /// Resolves `lesson:` links in prose to pages.
    var links = LessonLinks(lessons: [])

    /// Creates a renderer.
    init(bookTitle: String = "ResNet Lessons", proseRenderer: @escaping ProseRenderer) {
        self.bookTitle = bookTitle
        self.proseRenderer = proseRenderer
    }

    /// The complete page for `result`.
    func render(_ result: LessonResult, previous: Neighbour?, next: Neighbour?) -> String {
        let lesson = result.lesson
        var anchors = HTMLHeadingAnchors(reserved: Self.reservedIDs(cellCount: lesson.cells.count))
        let cellRenderer = HTMLCellRenderer(outputs: HTMLOutputRenderer(lessonFileName: lesson.fileName))
        let resultsByIndex = Dictionary(result.cells.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })

        var body: [String] = []
        let exercises = HTMLExerciseRenderer(lesson: lesson)
        for block in PublishedValues(result.cells).substituted(lesson).blocks {
            switch block {
            case .prose(let prose):
                var markdown = prose.markdown
                var hints = ""
                if let exercise = exercises.starting(at: prose) {
                    body.append(exercises.open(exercise))
                    (markdown, hints) = exercises.headingAndInstructions(exercise, prose: prose, renderer: proseRenderer, links: links)
                }
                let html = anchors.process(links.rewrite(proseRenderer(markdown)))
                if !html.allSatisfy(\.isWhitespace) {
                    body.append(html.hasSuffix("\n") ? String(html.dropLast()) : html)
                }
                if !hints.isEmpty { body.append(hints) }
            case .cell(let cell):
                let html = cellRenderer.render(cell, result: resultsByIndex[cell.index])
                if !html.isEmpty { body.append(exercises.frame(html, of: cell)) }
            }
        }
        let bodyHTML = body.joined(separator: "\n")

        var main = ["<article class=\"lesson\">"]
        main.append(header(result))
        if !result.diagnostics.isEmpty {
            main.append("<section class=\"lesson-diagnostics\" aria-label=\"Problems with this lesson\">")
            main += result.diagnostics.map(cellRenderer.outputs.diagnostic)
            main.append("</section>")
        }
        let contents = tableOfContents(anchors.headings)
        if !contents.isEmpty { main.append(contents) }
        main.append("<div class=\"lesson-body\">")
        main.append(bodyHTML)
        main.append("</div>")
        main.append("</article>")
        main.append(pager(previous: previous, next: next))

        return HTMLDocument(
            title: "\(lesson.numberedTitle) — \(bookTitle)",
            hasMath: bodyHTML.contains("class=\"math "),
            bookTitle: bookTitle,
            main: main.joined(separator: "\n")
        ).html
    }

    /// Ids the page uses for its own elements, which headings must not take.
    static func reservedIDs(cellCount: Int) -> Set<String> {
        Set(["content", "lesson-title"] + (0..<cellCount).map { "cell-\($0 + 1)" })
    }

    private func header(_ result: LessonResult) -> String {
        let lesson = result.lesson
        var lines = ["<header class=\"lesson-header\">"]
        if let number = lesson.number {
            lines.append("<p class=\"lesson-number\">Lesson \(number)</p>")
        }
        lines.append("<h1 id=\"lesson-title\">\(lesson.title.htmlEscaped)</h1>")
        if let summary = lesson.summary, !summary.isEmpty {
            lines.append("<p class=\"lesson-summary\">\(summary.htmlEscaped)</p>")
        }
        let state = result.outcomeState
        lines.append("<p class=\"lesson-totals totals-\(state)\">\(result.outcomeSummary.htmlEscaped)</p>")
        lines.append("</header>")
        return lines.joined(separator: "\n")
    }

    private func tableOfContents(_ headings: [HTMLHeadingAnchors.Heading]) -> String {
        let listed = headings.filter { $0.level == 2 || $0.level == 3 }
        guard !listed.isEmpty else { return "" }
        var lines = ["<nav class=\"toc\" aria-labelledby=\"toc-title\">", "<p class=\"toc-title\" id=\"toc-title\">On this page</p>", "<ol>"]
        for heading in listed {
            lines.append("<li class=\"toc-level-\(heading.level)\"><a href=\"#\(heading.id)\">\(heading.html)</a></li>")
        }
        lines += ["</ol>", "</nav>"]
        return lines.joined(separator: "\n")
    }

    private func pager(previous: Neighbour?, next: Neighbour?) -> String {
        var lines = ["<nav class=\"pager\" aria-label=\"Lessons\">"]
        if let previous {
            lines.append("<a class=\"pager-previous\" rel=\"prev\" href=\"\(previous.fileName.htmlEscaped)\"><span class=\"pager-direction\">Previous</span> \(previous.title.htmlEscaped)</a>")
        }
        lines.append("<a class=\"pager-contents\" href=\"index.html\">Contents</a>")
        if let next {
            lines.append("<a class=\"pager-next\" rel=\"next\" href=\"\(next.fileName.htmlEscaped)\"><span class=\"pager-direction\">Next</span> \(next.title.htmlEscaped)</a>")
        }
        lines.append("</nav>")
        return lines.joined(separator: "\n")
    }
}
