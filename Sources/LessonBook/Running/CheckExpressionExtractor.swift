import Foundation

/// Finds the source text of a check call in the lesson, from the position the runtime reports.
///
/// A call's `#column` default argument is the column of its opening parenthesis; the text is
/// the callee name before it through the matching closing parenthesis, possibly over several
/// lines, whitespace collapsed. The runtime cannot know this text, the engine can.
struct CheckExpressionExtractor {
    private let lines: [[UInt8]]

    /// Prepares to extract from the lesson whose full text is `text`.
    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
    }

    /// The call at `line`, `column` (1-based, UTF-8) and the column where its callee name
    /// starts, or nil if the position holds no call.
    func expression(line: Int, column: Int) -> (text: String, column: Int)? {
        guard line >= 1, line <= lines.count else { return nil }
        let bytes = lines[line - 1]
        var open = column - 1
        // Tolerate a column that names the callee rather than the parenthesis.
        while open < bytes.count, bytes[open] != UInt8(ascii: "(") {
            guard isIdentifier(bytes[open]) else { return nil }
            open += 1
        }
        guard open < bytes.count else { return nil }
        var start = open
        while start > 0, isIdentifier(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: ".") { start -= 1 }

        var text: [UInt8] = Array(bytes[start..<open])
        var depth = 0
        var inString = false
        var currentLine = line - 1
        var index = open
        while currentLine < lines.count, currentLine < line + 20 {
            let current = lines[currentLine]
            while index < current.count {
                let byte = current[index]
                text.append(byte)
                if inString {
                    if byte == UInt8(ascii: "\\") && index + 1 < current.count {
                        index += 1
                        text.append(current[index])
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return (collapse(text), start + 1) }
                }
                index += 1
            }
            text.append(UInt8(ascii: " "))
            currentLine += 1
            index = 0
        }
        return nil
    }

    /// The column of the first non-blank character on `line`, where a trap message points.
    func firstCodeColumn(line: Int) -> Int {
        guard line >= 1, line <= lines.count else { return 1 }
        let indentation = lines[line - 1].prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        return indentation + 1
    }

    private func isIdentifier(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private func collapse(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .replacingOccurrences(of: "( ", with: "(").replacingOccurrences(of: " )", with: ")")
    }
}
