/// What the current sources would produce for one page, as far as `--check` needs to know: the
/// lesson as it parses now and the input hash of its run.
package struct SiteExpectation: Hashable, Sendable {
    /// The lesson as it stands, prose included; the page is made from it.
    var lesson: Lesson
    /// The input hash the engine computes for the lesson's run now.
    var inputHash: String

    /// The expectation for `lesson` with the input hash the engine computed for it.
    package init(lesson: Lesson, inputHash: String) {
        self.lesson = lesson
        self.inputHash = inputHash
    }

    /// The page's file name.
    var page: String { lesson.pageFileName }
}
