/// What the cache knows about a lesson, for `lesson list`.
package enum LessonStatus: Hashable, Sendable {
    /// The latest run, from the current inputs, succeeded.
    case passed
    /// The latest run, from the current inputs, failed.
    case failing
    /// The lesson has never been run.
    case notRunYet
    /// It was run, but the lesson, the library, the toolchain or the options changed since.
    case stale
    /// The lesson does not parse.
    case invalid

    /// The word shown in listings.
    package var label: String {
        switch self {
        case .passed: "passed"
        case .failing: "failing"
        case .notRunYet: "not run yet"
        case .stale: "stale"
        case .invalid: "invalid"
        }
    }
}
