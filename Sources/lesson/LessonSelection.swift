import ArgumentParser
import Foundation
import LessonBook

/// How a command turns its lesson argument, a number or a path, into a lesson file.
enum LessonSelection {
    /// The file `argument` names: lesson `3` by number, anything else as a path. An unknown
    /// number is reported with the list of lessons there are.
    static func path(for argument: String, in book: Book) throws -> String {
        guard let number = Int(argument) else { return argument }
        do {
            return try book.lessonFile(number: number)
        } catch {
            FileHandle.standardError.write(Data((ErrorReport.message(for: error) + "\n").utf8))
            print((try? ListCommand.listing(of: book)) ?? "", terminator: "")
            throw ExitCode.failure
        }
    }
}
