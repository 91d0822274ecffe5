/// The `key: value` lines between the `---` lines at the top of a lesson.
struct FrontMatter: Hashable, Sendable {
    /// The keys a lesson may set.
    static let knownKeys: Set<String> = ["title", "summary", "memory", "artifacts"]

    /// The values by key, quotes removed.
    var values: [String: String]
    /// The number of lines the front matter takes, both `---` lines included.
    var lineCount: Int
    /// `memory:`, the resident memory the lesson's program may use.
    var memoryLimit: MemorySize?
    /// `artifacts:`, the long experiments' artifacts the lesson reads (`recipe, degradation`).
    var artifacts: [String] = []

    /// Reads the front matter at the top of `text`, reporting every problem against `file`.
    ///
    /// A value may be wrapped in single or double quotes, which are removed; nothing else is
    /// interpreted, so a title may contain colons.
    static func parse(_ text: String, file: String) throws(LessonBookError) -> FrontMatter {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        func error(_ line: Int, _ column: Int, _ message: String) -> Diagnostic {
            Diagnostic(file: file, location: SourceLocation(line: line, column: column), severity: .error, message: message)
        }
        guard lines.first?.trimmingTrailingWhitespace() == "---" else {
            throw .invalidLesson([error(1, 1, "a lesson starts with front matter: a '---' line, 'title: …', and another '---' line")])
        }
        guard let closing = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingWhitespace() == "---" }) else {
            throw .invalidLesson([error(1, 1, "front matter opened here is never closed with a '---' line")])
        }
        var values: [String: String] = [:]
        var problems: [Diagnostic] = []
        for index in 1..<closing {
            let line = lines[index]
            let lineNumber = index + 1
            if line.allSatisfy(\.isWhitespace) || line.first == "#" { continue }
            guard let colon = line.firstIndex(of: ":") else {
                problems.append(error(lineNumber, 1, "expected 'key: value' in front matter"))
                continue
            }
            let key = line[..<colon].trimmingWhitespace()
            guard knownKeys.contains(key) else {
                problems.append(error(lineNumber, 1, "unknown front matter key '\(key)'; known keys are \(knownKeys.sorted().joined(separator: ", "))"))
                continue
            }
            guard values[key] == nil else {
                problems.append(error(lineNumber, 1, "'\(key)' is set twice"))
                continue
            }
            var value = line[line.index(after: colon)...].trimmingWhitespace()
            if let quote = value.first, quote == "\"" || quote == "'" {
                guard value.count >= 2, value.last == quote else {
                    let column = line.distance(from: line.startIndex, to: colon) + 2
                    problems.append(error(lineNumber, column, "unterminated quoted value"))
                    continue
                }
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
            if key == "memory", MemorySize(parsing: value) == nil {
                let column = line.distance(from: line.startIndex, to: colon) + 2
                problems.append(error(lineNumber, column, "memory must be a size such as 12GiB or 512MiB, not '\(value)'"))
            }
            if key == "artifacts", let bad = artifactNames(value).first(where: { !isArtifactName($0) }) {
                let column = line.distance(from: line.startIndex, to: colon) + 2
                problems.append(error(lineNumber, column, "artifacts lists experiment names such as 'recipe, degradation' (letters, digits, '-' and '_'), not '\(bad)'"))
            }
        }
        if values["title", default: ""].isEmpty {
            problems.append(error(1, 1, "front matter has no 'title'"))
        }
        guard problems.isEmpty else { throw .invalidLesson(problems) }
        return FrontMatter(
            values: values, lineCount: closing + 1, memoryLimit: values["memory"].flatMap(MemorySize.init(parsing:)),
            artifacts: values["artifacts"].map(artifactNames) ?? [])
    }

    /// The names in an `artifacts:` value, separated by commas or spaces.
    private static func artifactNames(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
    }

    private static func isArtifactName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    func trimmingTrailingWhitespace() -> String {
        String(reversed().drop(while: \.isWhitespace).reversed())
    }
}
