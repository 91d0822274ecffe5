import Foundation
import LessonRuntime

/// A `{{name}}` in a lesson's prose: a place where the page shows a value a cell published.
///
/// References are found in text only: in code (fenced blocks, inline code spans) and in math
/// they are left as written, and a backslash before the braces (`\{{name}}`) keeps them
/// literal.
struct ValueReference: Hashable, Sendable {
    /// The published name between the braces, without spaces.
    var name: String
    /// Where the opening braces stand in the lesson file.
    var location: SourceLocation
    /// The reference as written, braces included, e.g. `{{ ratio }}`.
    var source: String

    /// The references in `prose`, in order.
    static func references(in prose: Prose) -> [ValueReference] {
        MarkdownSegments(prose.markdown).textSegments(from: prose.range.start).flatMap { text, start in
            matches(in: text).map { match in
                var location = start
                location.advance(over: text[..<match.range.lowerBound])
                return ValueReference(name: match.name, location: location, source: String(text[match.range]))
            }
        }
    }

    /// `markdown` with every reference in its text replaced by `replacement(name)`; a reference
    /// whose replacement is `nil` stays as written.
    static func substitute(in markdown: String, _ replacement: (String) -> String?) -> String {
        var output = ""
        for segment in MarkdownSegments(markdown).segments {
            guard case .text(let text) = segment else {
                output += segment.source
                continue
            }
            var rest = text[...]
            for match in matches(in: text) {
                output += text[rest.startIndex..<match.range.lowerBound]
                output += replacement(match.name) ?? String(text[match.range])
                rest = text[match.range.upperBound...]
            }
            output += rest
        }
        return output
    }

    /// The `{{ name }}` spans of a text segment.
    private static func matches(in text: String) -> [(name: String, range: Range<String.Index>)] {
        var found: [(String, Range<String.Index>)] = []
        var searchStart = text.startIndex
        while let open = text.range(of: "{{", range: searchStart..<text.endIndex) {
            searchStart = open.upperBound
            if open.lowerBound > text.startIndex, text[text.index(before: open.lowerBound)] == "\\" { continue }
            guard let close = text.range(of: "}}", range: open.upperBound..<text.endIndex) else { break }
            let inside = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard PublishedValue.isValidName(inside) else { continue }
            found.append((inside, open.lowerBound..<close.upperBound))
            searchStart = close.upperBound
        }
        return found
    }
}
