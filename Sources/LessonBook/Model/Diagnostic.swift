/// A finding about a lesson (a parse error, a compiler error, a crash) as data, pointing at a
/// place in a file.
public struct Diagnostic: Codable, Hashable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is.
    enum Severity: String, Codable, Hashable, Sendable {
        case error, warning, note
    }

    /// A secondary message attached to a diagnostic, possibly elsewhere.
    struct Note: Codable, Hashable, Sendable {
        /// The note's text.
        var message: String
        /// Where it points, if anywhere.
        var location: SourceLocation?

        /// Creates a note.
        init(message: String, location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    /// The file as the user names it, e.g. `Lessons/03-basic-block.md`.
    var file: String
    /// Where in the file, if known.
    var location: SourceLocation?
    /// Error, warning or note.
    var severity: Severity
    /// The message, one line.
    var message: String
    /// Further notes.
    var notes: [Note]
    /// The source excerpt the compiler printed under its message (the offending line and a caret
    /// line), kept verbatim so the terminal can show it exactly as the compiler does.
    var excerpt: String?

    /// Creates a diagnostic.
    init(
        file: String, location: SourceLocation?, severity: Severity, message: String, notes: [Note] = [],
        excerpt: String? = nil
    ) {
        self.file = file
        self.location = location
        self.severity = severity
        self.message = message
        self.notes = notes
        self.excerpt = excerpt
    }

    /// `file:line:column: severity: message`, the form compilers and editors understand.
    public var description: String {
        var text = file
        if let location { text += ":\(location.line):\(location.column)" }
        return "\(text): \(severity.rawValue): \(message)"
    }
}
