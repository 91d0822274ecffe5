/// Gives every heading in rendered prose a stable id derived from its text, and lists the
/// headings for the page's table of contents.
struct HTMLHeadingAnchors {
    /// A heading found in the prose.
    struct Heading: Equatable {
        /// 1 for `<h1>` … 6 for `<h6>`.
        var level: Int
        /// The id given to it.
        var id: String
        /// Its inner HTML without links, for the table of contents.
        var html: String
    }

    /// Ids already taken on the page; new ones get `-2`, `-3`, … to stay unique.
    private(set) var usedIDs: Set<String>
    /// The headings seen so far, in page order.
    private(set) var headings: [Heading] = []

    /// Starts with the ids the page uses itself.
    init(reserved: Set<String>) {
        usedIDs = reserved
    }

    /// `html` with `id` attributes added to its `<h1>`…`<h6>` start tags that have none.
    mutating func process(_ html: String) -> String {
        var output = ""
        var rest = Substring(html)
        while let open = rest.firstRange(of: "<h") {
            let afterOpen = rest[open.upperBound...]
            guard let levelCharacter = afterOpen.first, let level = levelCharacter.wholeNumberValue,
                  (1...6).contains(level), let tagEnd = afterOpen.firstIndex(of: ">")
            else {
                output += rest[..<open.upperBound]
                rest = afterOpen
                continue
            }
            let attributes = afterOpen[afterOpen.index(after: afterOpen.startIndex)..<tagEnd]
            let closing = "</h\(level)>"
            let contentStart = afterOpen.index(after: tagEnd)
            guard attributes.first.map({ $0 == " " || $0 == "\t" || $0 == "\n" }) ?? true,
                  let close = afterOpen[contentStart...].firstRange(of: closing)
            else {
                output += rest[..<open.upperBound]
                rest = afterOpen
                continue
            }
            let inner = String(afterOpen[contentStart..<close.lowerBound])
            output += rest[..<open.lowerBound]
            if let existing = Self.existingID(in: attributes) {
                usedIDs.insert(existing)
                headings.append(Heading(level: level, id: existing, html: Self.removingLinks(inner)))
                output += rest[open.lowerBound..<close.upperBound]
            } else {
                let id = uniqueID(for: inner)
                headings.append(Heading(level: level, id: id, html: Self.removingLinks(inner)))
                output += "<h\(level) id=\"\(id)\"\(attributes)>\(inner)\(closing)"
            }
            rest = afterOpen[close.upperBound...]
        }
        output += rest
        return output
    }

    private mutating func uniqueID(for innerHTML: String) -> String {
        let base = Self.slug(Self.plainText(innerHTML))
        var candidate = base
        var counter = 2
        while usedIDs.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        usedIDs.insert(candidate)
        return candidate
    }

    /// Lowercase ASCII letters and digits joined by single hyphens; `section` if nothing is left.
    static func slug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII && (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)) {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// The text of an HTML fragment: tags dropped, the common entities decoded.
    static func plainText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return text.replacingAll("&lt;", with: "<").replacingAll("&gt;", with: ">")
            .replacingAll("&quot;", with: "\"").replacingAll("&#39;", with: "'").replacingAll("&amp;", with: "&")
    }

    /// Drops `<a …>` and `</a>` tags so the heading can sit inside a table-of-contents link.
    static func removingLinks(_ html: String) -> String {
        var output = ""
        var rest = Substring(html)
        while let start = rest.firstRange(of: "<a"), let end = rest[start.upperBound...].firstIndex(of: ">") {
            let next = rest[start.upperBound...].first
            output += rest[..<start.lowerBound]
            if next == " " || next == ">" {
                rest = rest[rest.index(after: end)...]
            } else {
                output += rest[start.lowerBound...end]
                rest = rest[rest.index(after: end)...]
            }
        }
        output += rest
        return output.replacingAll("</a>", with: "")
    }

    private static func existingID(in attributes: Substring) -> String? {
        guard let range = attributes.firstRange(of: "id=\"") else { return nil }
        let value = attributes[range.upperBound...]
        return value.firstIndex(of: "\"").map { String(value[..<$0]) }
    }
}
