/// Escapes text for XML and HTML content and attribute values.
enum XMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, safe in content and in quoted
    /// attributes alike.
    static func escaped(_ text: String) -> String {
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
                // Control characters other than tab and newline are not allowed in XML at all.
                if character.value < 0x20 && character != "\t" && character != "\n" {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(character)
                }
            }
        }
        return result
    }
}
