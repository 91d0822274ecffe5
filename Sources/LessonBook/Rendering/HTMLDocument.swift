/// The shell shared by every page: doctype, head with the stylesheet and scripts (KaTeX where
/// the page has math), a skip link and the book's header with the search box.
struct HTMLDocument {
    /// The `<title>`.
    var title: String
    /// Whether the page contains math that KaTeX must typeset.
    var hasMath: Bool
    /// The book's name, linked to the contents page.
    var bookTitle: String
    /// The markup inside `<main>`.
    var main: String

    /// The complete page, ending with a newline.
    var html: String {
        var lines = [
            "<!doctype html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"color-scheme\" content=\"light dark\">",
            "<title>\(title.htmlEscaped)</title>",
            "<link rel=\"stylesheet\" href=\"assets/book.css\">",
        ]
        if hasMath {
            lines += [
                "<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">",
                "<script defer src=\"assets/katex/katex.min.js\"></script>",
                "<script defer src=\"assets/book.js\"></script>",
            ]
        }
        lines += [
            "<script defer src=\"assets/lunr/lunr.min.js\"></script>",
            "<script defer src=\"assets/search-index.js\"></script>",
            "<script defer src=\"assets/search.js\"></script>",
        ]
        lines += [
            "</head>",
            "<body>",
            "<a class=\"skip-link\" href=\"#content\">Skip to content</a>",
            "<header class=\"site-header\"><a class=\"site-title\" href=\"index.html\">\(bookTitle.htmlEscaped)</a>",
            "<div class=\"search\" role=\"search\"><label class=\"search-label\" for=\"book-search\">Search the book</label>"
                + "<input id=\"book-search\" type=\"search\" placeholder=\"Search (press /)\" autocomplete=\"off\">"
                + "<ol id=\"book-search-results\" class=\"search-results\" hidden></ol></div>",
            "</header>",
            "<main id=\"content\">",
            main.hasSuffix("\n") ? String(main.dropLast()) : main,
            "</main>",
            "</body>",
            "</html>",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
