import Foundation

/// The book's own assets, kept as SwiftPM resources (`Sources/LessonBook/Resources`) and part of
/// the renderer hash, so a change to either marks every page outdated.
///
/// - `book.css`: the book's look, light and dark by `prefers-color-scheme`, one column that
///   reads on a phone, and visible keyboard focus.
/// - `book.js`: typesets the page's `.math` elements with KaTeX once the page has loaded. The
///   prose renderer wraps math in `\(…\)` or `\[…\]` inside `span.math.inline` and
///   `div.math.display`; rendering exactly those elements (rather than scanning the page for
///   delimiters) keeps code cells and outputs that contain dollar signs untouched.
/// - `search.js`: the search box of every page, over `search-index.js` with lunr; `/` focuses it.
enum BookAssets {
    /// The stylesheet and the script, as the site's `assets/` files.
    static let files: [SiteFile] = [
        SiteFile(path: "assets/book.css", contents: resource("book", "css")),
        SiteFile(path: "assets/book.js", contents: resource("book", "js")),
        SiteFile(path: "assets/search.js", contents: resource("search", "js")),
    ]

    /// A resource of this module; its absence means the package was built or installed wrongly.
    private static func resource(_ name: String, _ fileExtension: String) -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: fileExtension),
            let data = FileManager.default.contents(atPath: url.path)
        else {
            preconditionFailure("The resource \(name).\(fileExtension) is missing from \(Bundle.module.bundlePath)")
        }
        return data
    }
}
