import Foundation
import SwiftIDEUtils

/// ANSI colours for the terminal, or none when output is not a terminal or `NO_COLOR` is set.
package struct TerminalStyle: Sendable {
    /// Whether escape codes are written at all.
    var colored: Bool

    /// Colours only for a terminal, and never when `NO_COLOR` is set (to anything).
    package static func detect() -> TerminalStyle {
        TerminalStyle(colored: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }

    /// Creates a style.
    init(colored: Bool) {
        self.colored = colored
    }

    func paint(_ text: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func dim(_ text: String) -> String { paint(text, "2") }
    func bold(_ text: String) -> String { paint(text, "1") }
    func red(_ text: String) -> String { paint(text, "31") }
    func green(_ text: String) -> String { paint(text, "32") }
    func yellow(_ text: String) -> String { paint(text, "33") }

    /// Swift source with keywords, numbers, strings and comments coloured, classified as the
    /// pages classify it (``SwiftHighlighter``); lines stay lines, each painted on its own so a
    /// line-number gutter between them keeps its own colour.
    func highlight(_ source: String) -> String {
        guard colored else { return source }
        return SwiftHighlighter.segments(source).map { segment in
            guard let code = segment.kind.flatMap(Self.colourCode) else { return segment.text }
            return segment.text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : paint(String($0), code) }
                .joined(separator: "\n")
        }.joined()
    }

    /// The ANSI colour of a classification; types, labels and operators stay plain.
    private static func colourCode(_ kind: SyntaxClassification) -> String? {
        switch kind {
        case .keyword, .ifConfigDirective: "35"
        case .integerLiteral, .floatLiteral: "36"
        case .stringLiteral, .regexLiteral: "31"
        case .lineComment, .blockComment, .docLineComment, .docBlockComment: "90"
        default: nil
        }
    }
}
