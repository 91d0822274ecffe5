/// Turns `swiftc -diagnostic-style llvm` output into ``Diagnostic``s.
///
/// Each message line `file:line:column: severity: message` is followed by the compiler's
/// excerpt (the source line, a caret line, maybe a fix-it line); the excerpt is kept verbatim.
/// Notes attach to the error or warning before them.
enum CompilerOutputParser {
    /// Parses `output`; messages without a location are reported against `fallbackFile`.
    static func parse(_ output: String, fallbackFile: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Excerpt lines belong to the last error or warning, but not to a note printed after it.
        var collectingExcerpt = false
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let header = header(line, fallbackFile: fallbackFile) {
                if header.severity == .note, !diagnostics.isEmpty {
                    diagnostics[diagnostics.count - 1].notes.append(
                        Diagnostic.Note(message: header.message, location: header.location))
                    collectingExcerpt = false
                } else {
                    diagnostics.append(header)
                    collectingExcerpt = true
                }
            } else if collectingExcerpt, !line.isEmpty {
                let last = diagnostics.count - 1
                diagnostics[last].excerpt = (diagnostics[last].excerpt.map { $0 + "\n" } ?? "") + line
            }
        }
        return diagnostics
    }

    /// The diagnostic a message line opens, if it is one.
    private static func header(_ line: String, fallbackFile: String) -> Diagnostic? {
        for severity in [Diagnostic.Severity.error, .warning, .note] {
            let marker = ": \(severity.rawValue): "
            if let range = line.range(of: marker) {
                let place = line[..<range.lowerBound]
                let message = String(line[range.upperBound...])
                let parts = place.split(separator: ":", omittingEmptySubsequences: false)
                if parts.count >= 3, let lineNumber = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) {
                    let file = parts.dropLast(2).joined(separator: ":")
                    return Diagnostic(
                        file: file, location: SourceLocation(line: lineNumber, column: column), severity: severity,
                        message: message)
                }
                return Diagnostic(file: fallbackFile, location: nil, severity: severity, message: message)
            }
            if line.hasPrefix("\(severity.rawValue): ") {
                return Diagnostic(
                    file: fallbackFile, location: nil, severity: severity,
                    message: String(line.dropFirst(severity.rawValue.count + 2)))
            }
        }
        return nil
    }
}
