/// Renders `index.html`: the book's contents with each lesson's number, title, summary and
/// check counts.
struct HTMLIndexRenderer: Sendable {
    /// The book's name, the page's heading.
    var bookTitle: String

    /// Creates a renderer.
    init(bookTitle: String = "ResNet Lessons") {
        self.bookTitle = bookTitle
    }

    /// The contents page for `results`, in the order given.
    func render(_ results: [LessonResult]) -> String {
        var main = ["<h1>\(bookTitle.htmlEscaped)</h1>"]
        let failing = results.filter { !$0.succeeded }.count
        let overview = failing == 0
            ? "\(results.count) \(results.count == 1 ? "lesson" : "lessons"), every one passing its checks."
            : "\(results.count) \(results.count == 1 ? "lesson" : "lessons"), \(failing) with failures."
        main.append("<p class=\"book-overview\">\(overview)</p>")
        main.append("<ol class=\"contents\">")
        for result in results {
            let lesson = result.lesson
            let state = result.outcomeState
            var entry = "<li class=\"contents-entry\">"
            entry += "<a class=\"contents-link\" href=\"\(lesson.pageFileName.htmlEscaped)\">"
            if let number = lesson.number {
                entry += "<span class=\"contents-number\">\(number)</span> "
            }
            entry += "<span class=\"contents-title\">\(lesson.title.htmlEscaped)</span></a>"
            if let summary = lesson.summary, !summary.isEmpty {
                entry += "\n<p class=\"contents-summary\">\(summary.htmlEscaped)</p>"
            }
            entry += "\n<p class=\"contents-status status-\(state)\">\(result.outcomeSummary.htmlEscaped)</p></li>"
            main.append(entry)
        }
        main.append("</ol>")
        return HTMLDocument(title: bookTitle, hasMath: false, bookTitle: bookTitle, main: main.joined(separator: "\n")).html
    }
}
