/// Reads the words after `swift` in a cell's info string.
enum CellOptionsParser {
    /// The option words, for messages.
    static let known = "hide, no-run, expect-crash, expect-compile-error, timeout=SECONDS, exercise, solution, grade"

    /// Parses option words found on `line`, each with its column.
    static func parse(
        _ words: ArraySlice<(text: String, column: Int)>, line: Int, file: String
    ) throws(LessonBookError) -> CellOptions {
        var options = CellOptions()
        var problems: [Diagnostic] = []
        func problem(_ column: Int, _ message: String) {
            problems.append(
                Diagnostic(file: file, location: SourceLocation(line: line, column: column), severity: .error, message: message))
        }
        for (word, column) in words {
            switch word {
            case "hide": options.hide = true
            case "no-run": options.noRun = true
            case "expect-crash": options.expectCrash = true
            case "expect-compile-error": options.expectCompileError = true
            case _ where ExerciseRole(rawValue: word) != nil:
                let role = ExerciseRole(rawValue: word)!
                if let earlier = options.role, earlier != role {
                    problem(column, "a cell has one part in an exercise; '\(earlier.rawValue)' and '\(word)' exclude one another")
                }
                options.role = role
            case _ where word.hasPrefix("timeout="):
                let value = word.dropFirst("timeout=".count)
                if let seconds = Double(value), seconds > 0, seconds.isFinite {
                    options.timeoutSeconds = seconds
                } else {
                    problem(column, "timeout must be a positive number of seconds, not '\(value)'")
                }
            default:
                problem(column, "unknown cell option '\(word)'; options are \(known)")
            }
        }
        let exclusive = [options.noRun, options.expectCrash, options.expectCompileError].filter { $0 }.count
        if exclusive > 1, let column = words.first?.column {
            problem(column, "no-run, expect-crash and expect-compile-error exclude one another")
        }
        if let role = options.role, let column = words.first?.column {
            if exclusive > 0 {
                problem(column, "'\(role.rawValue)' cells run as part of an exercise; no-run, expect-crash and expect-compile-error do not apply")
            }
            if options.hide, role != .grade {
                problem(column, "'hide' applies only to grade cells; a stub and a solution are always shown")
            }
        }
        guard problems.isEmpty else { throw .invalidLesson(problems) }
        return options
    }
}
