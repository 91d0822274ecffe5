/// What the current sources would produce for one page, as far as `--check` needs to know: the
/// page's name and the input hash of its lesson's run.
public struct SiteExpectation: Hashable, Sendable {
    /// The page's file name.
    public var page: String
    /// The input hash the engine computes for the lesson now.
    public var inputHash: String

    /// Creates an expectation.
    public init(page: String, inputHash: String) {
        self.page = page
        self.inputHash = inputHash
    }

    /// The expectation for `lesson` with the input hash the engine computed for it.
    public init(lesson: Lesson, inputHash: String) {
        self.init(page: lesson.pageFileName, inputHash: inputHash)
    }
}
