import ArgumentParser
import Foundation
import LessonBook

/// `lesson list`: every lesson with its number, title and status from the cache.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the lessons and their status.")

    @OptionGroup var options: BookOptions

    func run() throws {
        try ErrorReport.run {
            let book = try options.book()
            print(try ListCommand.listing(of: book), terminator: "")
        }
    }

    /// One line per lesson: number, title, status.
    static func listing(of book: Book) throws -> String {
        var text = ""
        for entry in try book.entries() {
            let status = (try? book.status(of: entry.path))?.label ?? "unreadable"
            let fileNumber = LessonParser.numberAndSlug(ofPath: entry.path).number
            let number = (entry.lesson?.number ?? fileNumber).map { String(format: "%2d", $0) } ?? " –"
            let title = entry.lesson?.title ?? LessonParser.fileName(ofPath: entry.path)
            text += "\(number)  \(title.padding(toLength: max(title.count, 40), withPad: " ", startingAt: 0))  \(status)\n"
        }
        return text
    }
}
