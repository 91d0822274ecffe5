import ArgumentParser
import Foundation
import LessonBook

/// `lesson run 3` or `lesson run PATH.md`: runs one lesson now, streaming it to the terminal.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run one lesson and show each cell's code, output and checks.")

    @Argument(help: "A lesson number, or the path of any lesson file.")
    var lesson: String

    @OptionGroup var options: BookOptions

    func run() throws {
        InterruptHandler.install()
        try ErrorReport.run {
            let book = try options.book()
            let path: String
            do {
                path = try Int(lesson).map { number in try book.lessonFile(number: number) } ?? lesson
            } catch {
                // An unknown number: say so, then show the lessons there are.
                FileHandle.standardError.write(Data((ErrorReport.message(for: error) + "\n").utf8))
                print((try? ListCommand.listing(of: book)) ?? "", terminator: "")
                throw ExitCode.failure
            }
            let text = try LessonParser.text(contentsOf: path)
            let lesson = try LessonParser.parse(text, path: path)
            let renderer = TerminalRenderer(lesson: lesson, text: text)
            renderer.start()
            let (result, _) = try book.run(lesson, text: text, useCache: false, progress: renderer.handle)
            renderer.finish(result)
            if !result.succeeded { throw ExitCode.failure }
        }
    }
}
