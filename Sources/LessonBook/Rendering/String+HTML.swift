import LessonRuntime

extension String {
    /// The string with `&`, `<`, `>`, `"` and `'` replaced by entities: safe as element content and
    /// as a quoted attribute value. Lesson output goes through this before it reaches a page.
    var htmlEscaped: String {
        XMLText.escaped(self)
    }

    /// Every occurrence of `target` replaced by `replacement`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
