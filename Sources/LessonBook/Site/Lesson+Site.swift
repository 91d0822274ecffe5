extension Lesson {
    /// The page's file name in the site: the Markdown file's name with `.html`, e.g.
    /// `03-basic-block.html`, so pages sort like the lessons and links survive renumbering only
    /// when the file is renamed too.
    var pageFileName: String {
        let name = fileName
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        return (stem.isEmpty ? slug : stem) + ".html"
    }

    /// `3. The basic block`, or the title alone for a lesson without a number.
    var numberedTitle: String {
        number.map { "\($0). \(title)" } ?? title
    }
}
