/// A Markdown heading, for a lesson's table of contents.
public struct Heading: Codable, Hashable, Sendable {
    /// 1 for `#`, 2 for `##`, and so on.
    public var level: Int
    /// The heading's plain text, inline markup removed.
    public var text: String
    /// The line of the heading in the Markdown it came from.
    public var line: Int
    /// A URL fragment derived from the text: lowercase words joined by hyphens.
    public var anchor: String

    /// Creates a heading; the anchor is derived from `text`.
    public init(level: Int, text: String, line: Int) {
        self.level = level
        self.text = text
        self.line = line
        self.anchor = Heading.anchor(for: text)
    }

    /// Lowercase letters and digits of `text`, other runs of characters collapsed into one hyphen.
    static func anchor(for text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                result.append(character)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return result
    }
}
