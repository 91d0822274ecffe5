import Foundation

/// Turns a lesson file into a ``Lesson``: front matter, prose, and Swift cells with their options.
package enum LessonParser {
    /// Reads and parses the lesson at `path`; `path` is kept as given, for diagnostics.
    package static func parse(contentsOf path: String) throws(LessonBookError) -> Lesson {
        try parse(text(contentsOf: path), path: path)
    }

    /// The text of the lesson file at `path`, invalid UTF-8 replaced.
    package static func text(contentsOf path: String) throws(LessonBookError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw .fileNotFound(path: path) }
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses lesson `text` that was read from `path`.
    ///
    /// Every problem is collected before throwing, so an author sees all of them at once.
    package static func parse(_ text: String, path: String) throws(LessonBookError) -> Lesson {
        let frontMatter = try FrontMatter.parse(text, file: path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Blank lines in place of the front matter keep cmark's line numbers those of the file.
        let body = (Array(repeating: "", count: frontMatter.lineCount) + lines.dropFirst(frontMatter.lineCount))
            .joined(separator: "\n")

        var problems: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var cells: [Cell] = []
        for block in CommonMarkConverter.fencedCodeBlocks(in: body) {
            guard block.isClosed else {
                problems.append(
                    Diagnostic(
                        file: path, location: SourceLocation(line: block.startLine, column: block.fenceColumn),
                        severity: .error, message: "code fence opened here is never closed"))
                continue
            }
            if let container = block.container {
                guard block.info.split(separator: " ").first == "swift" else { continue }
                warnings.append(
                    Diagnostic(
                        file: path, location: SourceLocation(line: block.startLine, column: block.fenceColumn),
                        severity: .warning,
                        message: "a swift cell inside a \(container.rawValue) is not run; move it to the top level"))
                continue
            }
            let words = infoWords(lines[block.startLine - 1])
            guard words.first?.text == "swift" else { continue }
            do throws(LessonBookError) {
                let options = try CellOptionsParser.parse(words.dropFirst(), line: block.startLine, file: path)
                let endColumn = max(1, lines[block.endLine - 1].utf8.count)
                cells.append(
                    Cell(
                        index: cells.count, source: block.code, options: options,
                        range: SourceRange(
                            start: SourceLocation(line: block.startLine, column: block.fenceColumn),
                            end: SourceLocation(line: block.endLine, column: endColumn)),
                        codeStartLine: block.startLine + 1, indentation: block.indentation))
            } catch {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else { throw .invalidLesson(problems) }

        let (number, slug) = numberAndSlug(ofPath: path)
        let (blocks, exercises) = try ExerciseParser.exercises(
            in: interleave(cells, lines: lines, from: frontMatter.lineCount + 1), lines: lines, number: number, path: path)
        return Lesson(
            path: path, number: number, slug: slug, title: frontMatter.values["title"]!,
            summary: frontMatter.values["summary"], blocks: blocks,
            memoryLimit: frontMatter.memoryLimit, artifacts: frontMatter.artifacts, warnings: warnings, exercises: exercises)
    }

    /// The file name of the lesson at `path`, folders dropped: `Lessons/03-basic-block.md` →
    /// `03-basic-block.md`. Every other use of a lesson's file name goes through this.
    package static func fileName(ofPath path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    /// `Lessons/03-basic-block.md` → `(3, "basic-block")`; a name without a number keeps the
    /// whole stem.
    package static func numberAndSlug(ofPath path: String) -> (number: Int?, slug: String) {
        let name = fileName(ofPath: path)
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, stem.dropFirst(digits.count).first == "-", let number = Int(digits) else {
            return (nil, stem)
        }
        return (number, String(stem.dropFirst(digits.count + 1)))
    }

    /// The info string's words after the fence characters, with their 1-based UTF-8 columns.
    static func infoWords(_ fenceLine: String) -> [(text: String, column: Int)] {
        let bytes = Array(fenceLine.utf8)
        var index = 0
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        let fenceByte = index < bytes.count ? bytes[index] : 0
        while index < bytes.count, bytes[index] == fenceByte { index += 1 }
        var words: [(String, Int)] = []
        while index < bytes.count {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: " "), bytes[index] != UInt8(ascii: "\t") { index += 1 }
            if index > start {
                words.append((String(decoding: bytes[start..<index], as: UTF8.self), start + 1))
            }
        }
        return words
    }

    /// Prose runs between the cells, skipping runs that are only blank lines.
    private static func interleave(_ cells: [Cell], lines: [String], from firstLine: Int) -> [LessonBlock] {
        var blocks: [LessonBlock] = []
        var nextLine = firstLine
        func addProse(upTo lastLine: Int) {
            guard lastLine >= nextLine else { return }
            var first = nextLine
            var last = lastLine
            while first <= last, lines[first - 1].allSatisfy(\.isWhitespace) { first += 1 }
            while last >= first, lines[last - 1].allSatisfy(\.isWhitespace) { last -= 1 }
            guard first <= last else { return }
            let markdown = lines[(first - 1)...(last - 1)].joined(separator: "\n") + "\n"
            let range = SourceRange(
                start: SourceLocation(line: first, column: 1),
                end: SourceLocation(line: last, column: max(1, lines[last - 1].utf8.count)))
            blocks.append(.prose(Prose(markdown: markdown, range: range)))
        }
        for cell in cells {
            addProse(upTo: cell.range.start.line - 1)
            blocks.append(.cell(cell))
            nextLine = cell.range.end.line + 1
        }
        addProse(upTo: lines.count)
        return blocks
    }
}
