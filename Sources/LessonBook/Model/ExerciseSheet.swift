/// The Swift file a student answers a lesson's exercises in, e.g. `Exercises/04-basic-block.swift`.
///
/// Each exercise is a section between two marker comments, `// MARK: - Exercise 4.1: title`
/// and `// MARK: - End of exercise 4.1`. Everything between them, the instructions' comments
/// included, replaces the book's solution when the student runs the lesson, so an answer can
/// use what the lesson's cells before it define; the markers are how the file's lines stay
/// tied to the lesson.
package enum ExerciseSheet {
    /// `04-basic-block.swift` for `Lessons/04-basic-block.md`.
    package static func fileName(for lesson: Lesson) -> String {
        let name = lesson.fileName
        return (name.hasSuffix(".md") ? String(name.dropLast(3)) : name) + ".swift"
    }

    /// The first line of exercise `id`'s section.
    static func startMarker(_ exercise: Exercise) -> String {
        "// MARK: - Exercise \(exercise.id): \(exercise.title)"
    }

    /// The line that ends exercise `id`'s section.
    static func endMarker(id: String) -> String {
        "// MARK: - End of exercise \(id)"
    }

    /// A fresh file: a header on how to use it, then every exercise's section with its stub.
    package static func text(for lesson: Lesson) -> String {
        let run = lesson.number.map { "swift run lesson \($0)" } ?? "swift run lesson run \(lesson.path)"
        let reset = lesson.number.map { "swift run lesson exercises \($0) --reset" } ?? "swift run lesson exercises \(lesson.path) --reset"
        let example = lesson.exercises?.first?.id ?? "1"
        var text = """
            // Exercises of lesson \(lesson.number.map(String.init) ?? lesson.path), \u{201C}\(lesson.title)\u{201D} (\(lesson.path)).
            //
            // Write each answer between its two MARK lines and keep the MARK lines as they are.
            // Everything between them takes the place of the book's solution when you run the
            // lesson, after the lesson's cells before it, so it can use what they define. The
            // checks under each exercise in the lesson grade it.
            //
            //   \(run)
            //       runs the lesson with your answers and grades them
            //   \(run) --hint \(example)
            //       shows the next hint for exercise \(example)
            //   \(reset)
            //       starts again from the stubs; your answers are lost

            """
        for exercise in lesson.exercises ?? [] {
            text += "\n" + section(for: exercise, in: lesson)
        }
        return text
    }

    /// One exercise's section: markers, instructions as comments, the stub.
    package static func section(for exercise: Exercise, in lesson: Lesson) -> String {
        var text = startMarker(exercise) + "\n//\n"
        for line in exercise.instructions.split(separator: "\n", omittingEmptySubsequences: false) {
            text += line.isEmpty ? "//\n" : "// \(line)\n"
        }
        let grade = lesson.cell(exercise.gradeCells[0])
        let hints = exercise.hints.count
        text += "//\n// Graded by the checks at \(lesson.path):\(grade.codeStartLine)"
        text += hints == 0 ? ".\n" : "; \(hints) hint\(hints == 1 ? "" : "s") with --hint \(exercise.id).\n"
        text += "\n" + lesson.cell(exercise.stubCell).source
        if !text.hasSuffix("\n") { text += "\n" }
        text += "\n" + endMarker(id: exercise.id) + "\n"
        return text
    }

    /// The student's answers in `text`, read from `path`, by exercise id; exercises of the
    /// lesson the file has no section for are left out.
    ///
    /// A marker out of place is an error at its line, so a student who deleted one learns where.
    static func answers(in text: String, path: String, lesson: Lesson) throws(LessonBookError) -> [String: ExerciseCode] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let ids = Set((lesson.exercises ?? []).map(\.id))
        var answers: [String: ExerciseCode] = [:]
        var problems: [Diagnostic] = []
        var open: (id: String, line: Int)?
        func problem(_ line: Int, _ message: String) {
            problems.append(Diagnostic(file: path, location: SourceLocation(line: line, column: 1), severity: .error, message: message))
        }
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            let trimmed = line.drop { $0 == " " }
            if let id = markedID(trimmed, prefix: "// MARK: - Exercise ") {
                if let open {
                    problem(number, "exercise \(id) starts before exercise \(open.id) (line \(open.line)) ends; put back its line '\(endMarker(id: open.id))'")
                }
                if answers[id] != nil { problem(number, "exercise \(id) appears twice") }
                if !ids.contains(id) { problem(number, "\(lesson.path) has no exercise \(id)") }
                open = (id, number)
            } else if let id = markedID(trimmed, prefix: "// MARK: - End of exercise ") {
                guard let started = open, started.id == id else {
                    problem(number, "this ends exercise \(id), which has not started here")
                    continue
                }
                let code = lines[started.line..<offset].joined(separator: "\n") + "\n"
                answers[id] = ExerciseCode(source: code, file: path, firstLine: started.line + 1)
                open = nil
            }
        }
        if let open {
            problem(open.line, "exercise \(open.id) never ends; put back its last line '\(endMarker(id: open.id))'")
        }
        guard problems.isEmpty else { throw .invalidExerciseFile(problems) }
        return answers
    }

    /// The id after `prefix` (up to a colon or the line's end), if the line starts with it.
    private static func markedID(_ line: Substring, prefix: String) -> String? {
        guard line.hasPrefix(prefix) else { return nil }
        let rest = line.dropFirst(prefix.count)
        let id = rest.prefix { $0 != ":" && $0 != " " }
        return id.isEmpty ? nil : String(id)
    }
}
