extension String {
    /// The string with `&`, `<`, `>`, `"` and `'` replaced by entities: safe as element content,
    /// as a quoted attribute value, and in the SVG of plots. Everything a page or a plot shows
    /// from a lesson goes through this one escaper.
    var htmlEscaped: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in unicodeScalars {
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

    /// Every occurrence of `target` replaced by `replacement`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
