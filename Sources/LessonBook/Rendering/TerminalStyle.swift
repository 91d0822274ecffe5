import Foundation

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

    private static let keywords: Set<String> = [
        "let", "var", "func", "for", "in", "if", "else", "guard", "return", "while", "struct", "class", "enum",
        "import", "true", "false", "nil", "try", "throw", "switch", "case", "default", "break", "continue",
        "init", "self", "where", "inout", "static", "repeat",
    ]

    /// A line of Swift with keywords, numbers, strings and comments coloured.
    func highlight(_ line: String) -> String {
        guard colored else { return line }
        var result = ""
        var word = ""
        var literal: String?
        func flushWord() {
            if Self.keywords.contains(word) {
                result += paint(word, "35")
            } else if let first = word.first, first.isNumber {
                result += paint(word, "36")
            } else {
                result += word
            }
            word = ""
        }
        let characters = Array(line)
        for (index, character) in characters.enumerated() {
            if literal == nil, character == "/", index + 1 < characters.count, characters[index + 1] == "/" {
                flushWord()
                return result + paint(String(characters[index...]), "90")
            }
            if literal != nil {
                literal!.append(character)
                if character == "\"" {
                    result += paint(literal!, "31")
                    literal = nil
                }
            } else if character == "\"" {
                flushWord()
                literal = "\""
            } else if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
            } else {
                flushWord()
                result.append(character)
            }
        }
        if let literal { result += paint(literal, "31") }
        flushWord()
        return result
    }
}
