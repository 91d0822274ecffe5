/// One thing a running lesson program reports to the engine, in order.
///
/// Printed text is not an event: it arrives on standard output between events.
public enum LessonEvent: Codable, Hashable, Sendable {
    /// Cell `index` (0-based among the lesson's runnable cells) starts.
    case cellStarted(index: Int)
    /// A check was evaluated.
    case check(CheckRecord)
    /// A table was shown.
    case table(Table)
    /// A plot was shown.
    case plot(Plot)
    /// Cell `index` ended normally after `seconds`.
    case cellFinished(index: Int, seconds: Double)
}
