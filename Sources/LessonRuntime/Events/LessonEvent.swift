/// One thing a running lesson program reports to the engine, in order.
///
/// Printed text is not an event: it arrives on standard output between events. Each event is
/// one line of JSON on standard output after ``sentinel``; the runtime flushes printed text
/// first, so text and events keep their order.
public enum LessonEvent: Codable, Hashable, Sendable {
    /// The bytes that open an event line: a record separator that printed text hardly ever
    /// contains, then a name, so a stray separator in a cell's output is still read as text.
    public static let sentinel = "\u{1E}lesson-event "

    /// Cell `index` (0-based among all the lesson's cells, as in ``Cell/index``) starts.
    case cellStarted(index: Int)
    /// A check was evaluated.
    case check(CheckRecord)
    /// A table was shown.
    case table(Table)
    /// A plot was shown.
    case plot(Plot)
    /// A block diagram of a module was shown.
    case diagram(Diagram)
    /// A cell published a value for the prose after it (`publish`).
    case published(PublishedValue)
    /// A cell loaded an experiment's artifact; the page notes how it was made.
    case artifact(ArtifactNote)
    /// Cell `index` ended normally after `seconds`.
    case cellFinished(index: Int, seconds: Double)
}
