import ArgumentParser
import Foundation
import LessonBook

/// `lesson run 3` or `lesson run PATH.md`: runs one lesson now, streaming it to the terminal.
///
/// When the student has an exercise file for the lesson (`lesson exercises 3`), their answers
/// run in place of the book's solutions and are graded.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run one lesson and show each cell's code, output and checks.",
        discussion: """
            If you wrote the lesson's exercises (`lesson exercises N` makes the file), your answers \
            run in place of the book's solutions and each exercise is graded.
            """)

    @Argument(help: "A lesson number, or the path of any lesson file.")
    var lesson: String

    @Option(help: ArgumentHelp("Show the next hint for an exercise, e.g. 4.2, instead of running the lesson.", valueName: "exercise"))
    var hint: String?

    @Flag(help: "Run the book's solutions even if you have an exercise file.")
    var solutions = false

    @OptionGroup var options: BookOptions

    func run() throws {
        InterruptHandler.install()
        try ErrorReport.run {
            let book = try options.book()
            let path = try LessonSelection.path(for: lesson, in: book)
            let text = try LessonParser.text(contentsOf: path)
            let lesson = try LessonParser.parse(text, path: path)
            if let hint {
                try showHint(hint, of: lesson, in: book)
                return
            }
            let student = solutions ? nil : try book.studentAnswers(for: lesson)
            let renderer = TerminalRenderer(lesson: lesson, text: text, exerciseFile: student?.path)
            renderer.start()
            let result = if let student {
                try book.run(lesson, text: text, answers: student.answers, progress: renderer.handle)
            } else {
                try book.run(lesson, text: text, useCache: false, progress: renderer.handle).result
            }
            renderer.finish(result)
            if !result.succeeded { throw ExitCode.failure }
        }
    }

    private func showHint(_ id: String, of lesson: Lesson, in book: Book) throws {
        let (number, count, text) = try book.nextHint(id: id, of: lesson)
        guard count > 0 else {
            print("Exercise \(id) has no hints.")
            return
        }
        print("Hint \(number) of \(count) for exercise \(id):\n")
        print(text)
        print(number < count ? "\nRun the same command again for the next hint." : "\nThat was the last hint.")
    }
}
