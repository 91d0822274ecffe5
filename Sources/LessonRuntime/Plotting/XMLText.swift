/// Escapes text for XML and HTML content and attribute values; the plots and the book's pages
/// share it, so lesson output is escaped one way everywhere.
package enum XMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, safe in content and in quoted
    /// attributes alike.
    package static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                // C0 controls other than tab, newline and carriage return are invalid in XML and
                // HTML text alike.
                if character.value < 0x20 && character != "\t" && character != "\n" && character != "\r" {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(character)
                }
            }
        }
        return result
    }
}
