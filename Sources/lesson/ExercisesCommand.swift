import ArgumentParser
import Foundation
import LessonBook

/// `lesson exercises 4`: writes lesson 4's exercises into a file the student edits.
struct ExercisesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises", abstract: "Write a lesson's exercises into a Swift file for you to answer.",
        discussion: """
            The file (Exercises/NN-slug.swift) holds one section per exercise: its instructions and \
            a stub that compiles. Run the lesson afterwards to grade your answers. An existing file \
            is never overwritten unless you pass --reset.
            """)

    @Argument(help: "A lesson number, or the path of any lesson file.")
    var lesson: String

    @Flag(help: "Write the stubs again, replacing your answers.")
    var reset = false

    @OptionGroup var options: BookOptions

    func run() throws {
        try ErrorReport.run {
            let book = try options.book()
            let path = try LessonSelection.path(for: lesson, in: book)
            let lesson = try LessonParser.parse(contentsOf: path)
            let count = lesson.exercises?.count ?? 0
            guard count > 0 else {
                print("\(path) has no exercises.")
                return
            }
            let run = lesson.number.map { "swift run lesson \($0)" } ?? "swift run lesson run \(path)"
            switch try book.writeExerciseFile(for: lesson, reset: reset) {
            case .created(let file):
                print("Wrote \(count) exercise\(count == 1 ? "" : "s") to \(file). Answer them there, then: \(run)")
            case .reset(let file):
                print("Wrote \(file) again from the stubs; your answers are gone. Then: \(run)")
            case .added(let file, let ids):
                print("\(file) was already there; added exercise\(ids.count == 1 ? "" : "s") \(ids.joined(separator: ", ")) at its end. Then: \(run)")
            case .kept(let file):
                print("\(file) is already there and has every exercise; edit it, or pass --reset to start again. Then: \(run)")
            }
        }
    }
}
