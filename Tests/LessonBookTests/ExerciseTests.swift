import Foundation
import Testing

@testable import LessonBook

/// The exercises of a lesson: how they are written, handed to a student, graded and proven.
@Suite("Exercises")
struct ExerciseTests {
    static let directory = "\(TestSupport.inputs)/ExerciseLessons"

    private func lesson(_ name: String) throws -> (Lesson, String) {
        let path = "\(Self.directory)/\(name)"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return (try LessonParser.parse(text, path: path), text)
    }

    // MARK: Writing exercises

    @Test("An exercise has an id, a title, instructions without its hints, and its cells")
    func parsing() throws {
        let (lesson, _) = try lesson("01-practice.md")
        let exercises = try #require(lesson.exercises)
        #expect(exercises.map(\.id) == ["1.1", "1.2"])
        #expect(exercises.map(\.title) == ["double a width", "the last width"])
        #expect(exercises[0].hints == ["Multiply by two.", "`width * 2`, or `width + width`."])
        #expect(exercises[0].instructions.contains("Write `doubled`"))
        #expect(exercises[0].instructions.contains("> Widths double from stage to stage."))
        #expect(!exercises[0].instructions.contains("Hint"))
        #expect(exercises[1].hints.isEmpty)
        // Cells: 0 the lesson's, 1-3 the first exercise, 4-7 the second, 8 the lesson's last.
        #expect((exercises[0].stubCell, exercises[0].solutionCell, exercises[0].gradeCells) == (1, 2, [3]))
        #expect((exercises[1].stubCell, exercises[1].solutionCell, exercises[1].gradeCells) == (4, 5, [6, 7]))
        // The prose before an exercise's heading is split off, so the page can frame the exercise.
        let proseStarts = lesson.blocks.compactMap { if case .prose(let prose) = $0 { prose.range.start.line } else { nil } }
        #expect(exercises.allSatisfy { proseStarts.contains($0.headingLine) })
    }

    @Test("Misplaced exercise cells are errors at their fences, in file order")
    func misplacedCells() throws {
        let path = "\(Self.directory)/04-misplaced.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(throws: LessonBookError.self) { try LessonParser.parse(text, path: path) }
        do {
            _ = try LessonParser.parse(text, path: path)
        } catch {
            let found = error.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.message)" }
            #expect(found == [
                "5:1 a solution cell must come right after its exercise cell",
                "11:1 exercise 4.1 needs a solution cell right after it and at least one grade cell after that",
                "15:1 a grade cell must follow an exercise's solution cell or another grade cell",
                "21:1 an exercise cell needs a heading '### Exercise: title' in the prose just before it",
            ])
        }
    }

    @Test("exercise, solution and grade exclude one another and no-run, expect-crash, expect-compile-error")
    func optionConflicts() throws {
        for info in ["swift exercise solution", "swift grade no-run", "swift solution expect-crash", "swift exercise hide"] {
            let text = "---\ntitle: T\n---\n\n### Exercise: x\n\n```\(info)\nlet a = 1\n```\n"
            #expect(throws: LessonBookError.self, "\(info)") { try LessonParser.parse(text, path: "t.md") }
        }
    }

    @Test("Every lesson of the book ends with at least two exercises")
    func everyLessonHasExercises() throws {
        let book = Book(lessonsDirectory: "\(TestSupport.packageRoot)/Lessons", package: PackageLocation(root: TestSupport.packageRoot))
        let entries = try book.entries()
        #expect(entries.count >= 10)
        for entry in entries {
            let lesson = try #require(entry.lesson, "\(entry.path) does not parse")
            #expect((lesson.exercises?.count ?? 0) >= 2, "\(entry.path) has \(lesson.exercises?.count ?? 0) exercises")
        }
    }

    // MARK: The student's file

    @Test("The student's file has each exercise's instructions and stub between markers, and reads back")
    func sheetRoundTrip() throws {
        let (lesson, _) = try lesson("01-practice.md")
        let text = ExerciseSheet.text(for: lesson)
        #expect(text.contains("// MARK: - Exercise 1.1: double a width\n//\n// Write `doubled` so that it returns twice its argument."))
        #expect(text.contains("2 hints with --hint 1.1"))
        #expect(text.contains("// MARK: - End of exercise 1.2"))
        let answers = try ExerciseSheet.answers(in: text, path: "Exercises/01-practice.swift", lesson: lesson)
        #expect(answers.keys.sorted() == ["1.1", "1.2"])
        let answer = try #require(answers["1.1"])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[answer.firstLine - 2] == "// MARK: - Exercise 1.1: double a width")
        #expect(answer.source.contains("func doubled(_ width: Int) -> Int {\n    // Your code here.\n    return 0\n}"))
        #expect(answer.file == "Exercises/01-practice.swift")
    }

    @Test("A marker out of place is an error at its line in the student's file")
    func sheetMarkers() throws {
        let (lesson, _) = try lesson("01-practice.md")
        let text = ExerciseSheet.text(for: lesson).replacingOccurrences(of: "// MARK: - End of exercise 1.1\n", with: "")
        do {
            _ = try ExerciseSheet.answers(in: text, path: "sheet.swift", lesson: lesson)
            Issue.record("a missing end marker was accepted")
        } catch {
            let messages = error.diagnostics.map(\.description)
            #expect(messages.count == 1)
            #expect(messages.first?.hasPrefix("sheet.swift:") == true)
            #expect(messages.first?.contains("exercise 1.2 starts before exercise 1.1") == true)
        }
        let unknown = ExerciseSheet.text(for: lesson) + "\n// MARK: - Exercise 1.9: extra\n// MARK: - End of exercise 1.9\n"
        #expect(throws: LessonBookError.self) { try ExerciseSheet.answers(in: unknown, path: "sheet.swift", lesson: lesson) }
    }
}

/// The student's loop and the author's proof, with real compiles and runs.
@Suite("Exercises, run", .enabled(if: TestSupport.compilerAvailable), .serialized)
struct ExerciseRunTests {
    private func book() throws -> (Book, String) {
        let exercises = try TestSupport.temporaryDirectory()
        let book = Book(
            lessonsDirectory: ExerciseTests.directory,
            package: PackageLocation(root: TestSupport.packageRoot, cacheDirectory: EngineFixture.shared.cacheDirectory),
            options: RunOptions(defaultCellTimeout: 60), exercisesDirectory: exercises)
        return (book, exercises)
    }

    private func practice() throws -> (Lesson, String) {
        let path = "\(ExerciseTests.directory)/01-practice.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return (try LessonParser.parse(text, path: path), text)
    }

    /// Replaces the stub of exercise `id` in the student's file with `code`.
    private func answer(_ id: String, with code: String, in file: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let start = try #require(text.range(of: "// MARK: - Exercise \(id):"))
        let lineEnd = try #require(text[start.upperBound...].firstIndex(of: "\n"))
        let end = try #require(text.range(of: "// MARK: - End of exercise \(id)"))
        try (text[..<text.index(after: lineEnd)] + code + "\n" + text[end.lowerBound...]).write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test("The file is written once, kept on the next call, rewritten only with reset, and gains new exercises")
    func writingTheFile() throws {
        let (book, _) = try book()
        let (lesson, _) = try practice()
        guard case .created(let path) = try book.writeExerciseFile(for: lesson, reset: false) else {
            Issue.record("the first call did not create the file")
            return
        }
        try answer("1.1", with: "func doubled(_ width: Int) -> Int { 2 * width }", in: path)
        let edited = try String(contentsOfFile: path, encoding: .utf8)
        #expect(try book.writeExerciseFile(for: lesson, reset: false) == .kept(path: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == edited)

        // An exercise the lesson gained later is added at the end; the answers stay.
        let withoutSecond = edited.components(separatedBy: "// MARK: - Exercise 1.2:")[0]
        try withoutSecond.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try book.writeExerciseFile(for: lesson, reset: false) == .added(path: path, ids: ["1.2"]))
        let extended = try String(contentsOfFile: path, encoding: .utf8)
        #expect(extended.hasPrefix(withoutSecond))
        #expect(extended.contains("// MARK: - End of exercise 1.2"))

        #expect(try book.writeExerciseFile(for: lesson, reset: true) == .reset(path: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == ExerciseSheet.text(for: lesson))
    }

    @Test("Untouched stubs fail with the exercise's name; answers that are right pass; the lesson's checks are counted apart")
    func gradingAnswers() throws {
        let (book, _) = try book()
        let (lesson, text) = try practice()
        _ = try book.writeExerciseFile(for: lesson, reset: false)
        var student = try #require(try book.studentAnswers(for: lesson))
        let fresh = try book.run(lesson, text: text, answers: student.answers)
        #expect(fresh.exerciseGrades.map(\.isSolved) == [false, false])
        #expect(fresh.exerciseGrades[0].summary.hasPrefix("1.1 double a width: 3 of 3 checks failed, first at \(lesson.path):"))
        #expect(!fresh.succeeded)
        #expect(fresh.tally == (0, 0))

        try answer("1.1", with: "func doubled(_ width: Int) -> Int { width + width }", in: student.path)
        try answer("1.2", with: "func lastWidth() -> Int { widths.last! }", in: student.path)
        student = try #require(try book.studentAnswers(for: lesson))
        let solved = try book.run(lesson, text: text, answers: student.answers)
        #expect(solved.exerciseGrades.map(\.isSolved) == [true, true])
        #expect(solved.succeeded)
        // The answer runs from the student's file, and the page-to-be shows it as theirs.
        #expect(solved.lesson.cells[2].codeFile == student.path)
    }

    @Test("An answer that does not compile points into the student's file and costs only its own exercise")
    func compileErrorInAnswer() throws {
        let (book, _) = try book()
        let (lesson, text) = try practice()
        _ = try book.writeExerciseFile(for: lesson, reset: false)
        let path = book.exerciseFile(for: lesson)
        try answer("1.1", with: "func doubled(_ width: Int) -> Int {\n    width * \"two\"\n}", in: path)
        try answer("1.2", with: "func lastWidth() -> Int { 512 }", in: path)
        let student = try #require(try book.studentAnswers(for: lesson))
        let result = try book.run(lesson, text: text, answers: student.answers)
        let grades = result.exerciseGrades
        guard case .broke(.compileError, let diagnostics) = grades[0].verdict else {
            Issue.record("expected a compile error, got \(grades[0].verdict)")
            return
        }
        let errorLine = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("\"two\"") }! + 1
        #expect(diagnostics.contains { $0.file == path && $0.location?.line == errorLine })
        #expect(grades[0].summary.contains("does not compile at \(path):\(errorLine):"))
        // The second exercise and the lesson's last cell still ran.
        #expect(grades[1].isSolved)
        #expect(result.cells.last?.status == .completed)
        #expect(result.cells.last?.outputs == [.text("the lesson's last cell ran\n")])
    }

    @Test("An answer that crashes is reported at its line in the student's file, and the rest still runs")
    func crashInAnswer() throws {
        let (book, _) = try book()
        let (lesson, text) = try practice()
        _ = try book.writeExerciseFile(for: lesson, reset: false)
        let path = book.exerciseFile(for: lesson)
        try answer("1.1", with: "func doubled(_ width: Int) -> Int {\n    let table = [1, 2]\n    return table[width]\n}", in: path)
        let student = try #require(try book.studentAnswers(for: lesson))
        let result = try book.run(lesson, text: text, answers: student.answers)
        guard case .broke(.crashed, let diagnostics) = result.exerciseGrades[0].verdict else {
            Issue.record("expected a crash, got \(result.exerciseGrades[0].verdict)")
            return
        }
        let crashLine = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("table[width]") }! + 1
        #expect(diagnostics.first?.file == path)
        #expect(diagnostics.first?.location?.line == crashLine)
        #expect(result.exerciseGrades[1].verdict != .notRun)
        #expect(result.cells.last?.status == .completed)
    }

    @Test("Hints come one at a time, then the last again; an unknown exercise names those there are")
    func hints() throws {
        let (book, _) = try book()
        let (lesson, _) = try practice()
        #expect(try book.nextHint(id: "1.1", of: lesson) == (1, 2, "Multiply by two."))
        #expect(try book.nextHint(id: "1.1", of: lesson).number == 2)
        #expect(try book.nextHint(id: "1.1", of: lesson).number == 2)
        #expect(try book.nextHint(id: "1.2", of: lesson).count == 0)
        #expect(throws: LessonBookError.unknownExercise("1.7", available: ["1.1", "1.2"])) { try book.nextHint(id: "1.7", of: lesson) }
    }

    @Test("lesson check proves each exercise both ways and names the exercise and the way that fails")
    func proofs() throws {
        let (book, _) = try book()
        for (name, expected) in [
            ("01-practice.md", [(true, true, ""), (true, true, "")]),
            ("02-noop.md", [(true, false, "exercise 2.1, stub: its untouched stub passes every check")]),
            ("03-broken-solution.md", [(false, true, "exercise 3.1, solution: 3.1 wrong answer: 1 of 1 checks failed")]),
        ] {
            let path = "\(ExerciseTests.directory)/\(name)"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let lesson = try LessonParser.parse(text, path: path)
            let result = try book.run(lesson, text: text, useCache: false).result
            let proofs = try book.proveExercises(of: lesson, text: text, result: result)
            #expect(proofs.count == expected.count, "\(name)")
            for (proof, (solutionPasses, stubFails, problem)) in zip(proofs, expected) {
                #expect(proof.solutionPasses == solutionPasses, "\(name) \(proof.id)")
                #expect(proof.stubFails == stubFails, "\(name) \(proof.id)")
                if problem.isEmpty {
                    #expect(proof.problems.isEmpty, "\(name) \(proof.id)")
                } else {
                    #expect(proof.problems.first?.hasPrefix(problem) == true, "\(name): \(proof.problems)")
                }
            }
        }
    }

    @Test("A student's run in the terminal: answers from their file, each exercise graded, counted apart (golden)")
    func studentTranscript() throws {
        let (book, exercises) = try book()
        let (lesson, text) = try practice()
        _ = try book.writeExerciseFile(for: lesson, reset: false)
        let path = book.exerciseFile(for: lesson)
        try answer("1.1", with: "func doubled(_ width: Int) -> Int { width * 3 }", in: path)
        try answer("1.2", with: "func lastWidth() -> Int { widths.last! }", in: path)
        let student = try #require(try book.studentAnswers(for: lesson))
        final class Sink: @unchecked Sendable { var text = "" }
        let sink = Sink()
        let renderer = TerminalRenderer(lesson: lesson, text: text, exerciseFile: path, style: TerminalStyle(colored: false)) {
            sink.text += $0
        }
        renderer.start()
        let result = try book.run(lesson, text: text, answers: student.answers, progress: renderer.handle)
        renderer.finish(result)
        let transcript = sink.text
            .replacingOccurrences(of: exercises, with: "Exercises")
            .replacingOccurrences(of: ExerciseTests.directory, with: "Lessons")
        try TestSupport.expectGolden(transcript, "exercise-student-run.txt")
        #expect(transcript.contains("exercises: 1 of 2 solved (your answers in Exercises/01-practice.swift)"))
        #expect(transcript.contains("✗ 1.1 double a width: 3 of 3 checks failed"))
    }

    @Test("On the page an exercise is a section: hints and the solution folded, the stub and the grading shown (golden)")
    func page() throws {
        let (book, _) = try book()
        let (lesson, text) = try practice()
        var result = try book.run(lesson, text: text, useCache: false).result
        result.lesson.path = "Lessons/01-practice.md"
        let html = HTMLPageRenderer(proseRenderer: SiteFixtures.proseRenderer).render(result, previous: nil, next: nil)
        try TestSupport.expectGolden(html, "exercise-page.html")
        #expect(html.components(separatedBy: "<section class=\"exercise\"").count == 3)
        #expect(html.contains("<section class=\"exercise\" id=\"exercise-1-1\" aria-label=\"Exercise 1.1\">"))
        #expect(html.components(separatedBy: "<details class=\"exercise-hint\">").count == 3)
        #expect(html.components(separatedBy: "<details class=\"exercise-solution\">").count == 3)
        #expect(!html.contains("<details class=\"exercise-solution\" open"))
        #expect(html.contains("All 0 checks passed") == false)
        #expect(html.contains("2 exercises"))
    }
}
