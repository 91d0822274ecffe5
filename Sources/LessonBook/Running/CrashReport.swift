import Foundation

/// Reads what a Swift program printed to standard error when it trapped.
///
/// Swift prints `Module/file:line: Fatal error: message`; with `#sourceLocation` the file is
/// the lesson's base name, so a trap in a cell names its Markdown line. Traps inside the
/// library or the standard library name their own file, which is kept as a note.
struct CrashReport: Hashable {
    /// The trap's message, e.g. `Precondition failed: need three`.
    var message: String
    /// The line in the lesson, when the trap happened in a cell's own code.
    var lessonLine: Int?
    /// Where the trap happened outside the lesson, e.g. `Swift/Array.swift:691`.
    var foreignLocation: String?
    /// Standard error with the trap message and the stack trace taken out.
    var remainingOutput: String

    private static let kinds = ["Fatal error", "Precondition failed", "Assertion failed"]

    /// Finds the trap message in `standardError`, if there is one.
    init?(standardError: String, lessonPath: String) {
        let lessonName = lessonPath.split(separator: "/").last.map(String.init) ?? lessonPath
        var remaining: [Substring] = []
        var found: (String, Int?, String?)?
        var inStackTrace = false
        for line in standardError.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("Current stack trace:") { inStackTrace = true }
            if inStackTrace { continue }
            if found == nil, let kind = Self.kinds.first(where: { line.contains("\($0)") }) {
                let marker = line.range(of: kind)!
                let message = String(line[marker.lowerBound...])
                let place = line[..<marker.lowerBound].dropLast(2)
                let parts = place.split(separator: ":")
                if parts.count >= 2, let number = Int(parts[parts.count - 1]) {
                    let file = parts.dropLast().joined(separator: ":")
                    if file == lessonName || file.hasSuffix("/\(lessonName)") {
                        found = (message, number, nil)
                    } else {
                        found = (message, nil, "\(file):\(number)")
                    }
                } else {
                    found = (message, nil, nil)
                }
                continue
            }
            remaining.append(line)
        }
        guard let found else { return nil }
        message = found.0
        lessonLine = found.1
        foreignLocation = found.2
        remainingOutput = remaining.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}
