import Testing

/// The message of the fatal error a child process of an exit test stopped with: the text after
/// "Fatal error: " on that line of its standard error, or `nil` if there is no such line (as
/// when an optimised build drops a precondition's message).
///
/// The exit test must observe `\.standardErrorContent`. Only the fatal-error line counts, so
/// words that appear in the crash backtrace's symbol names cannot satisfy a test.
public func fatalErrorMessage(_ result: ExitTest.Result?) -> String? {
    guard let result else { return nil }
    let text = String(decoding: result.standardErrorContent, as: UTF8.self)
    let marker = "Fatal error: "
    for line in text.split(separator: "\n") {
        if let range = line.range(of: marker) {
            return String(line[range.upperBound...])
        }
    }
    return nil
}
