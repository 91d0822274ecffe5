/// Work for the student at the end of a lesson: a stub to complete, the book's solution, and
/// the cells whose checks grade an answer.
///
/// In the Markdown an exercise is a `### Exercise: title` heading, its instructions and
/// `> **Hint:** …` block quotes, then a `swift exercise` cell (the stub the student starts
/// from), a `swift solution` cell and one or more `swift grade` cells. A normal run runs the
/// solution; a student's run puts their answer in its place.
public struct Exercise: Codable, Hashable, Sendable {
    /// `4.2`: the lesson's number and the exercise's place among the lesson's exercises.
    package var id: String
    /// The heading's text after `Exercise:`.
    package var title: String
    /// The Markdown between the heading and the stub, hints left out.
    var instructions: String
    /// Each hint's Markdown, the `**Hint:**` label left out, in the order they are given.
    var hints: [String]
    /// The line of the `### Exercise:` heading.
    var headingLine: Int
    /// The index of the `exercise` cell: the stub.
    var stubCell: Int
    /// The index of the `solution` cell.
    var solutionCell: Int
    /// The indices of the `grade` cells, in order.
    var gradeCells: [Int]

    /// Creates an exercise.
    init(
        id: String, title: String, instructions: String, hints: [String], headingLine: Int, stubCell: Int,
        solutionCell: Int, gradeCells: [Int]
    ) {
        self.id = id
        self.title = title
        self.instructions = instructions
        self.hints = hints
        self.headingLine = headingLine
        self.stubCell = stubCell
        self.solutionCell = solutionCell
        self.gradeCells = gradeCells
    }

    /// The cells an answer is judged by: the answer itself, then the grading cells.
    var judgedCells: [Int] { [solutionCell] + gradeCells }

    /// The last cell that belongs to the exercise.
    var lastCell: Int { gradeCells.last ?? solutionCell }

    /// `exercise-4-2`, the anchor of the exercise on its page.
    var anchor: String { "exercise-" + String(id.map { $0 == "." ? "-" : $0 }) }
}

/// A cell's part in an exercise, from its info string.
public enum ExerciseRole: String, Codable, Hashable, Sendable {
    /// `swift exercise`: the stub the student starts from; shown, compiled only to prove it.
    case exercise
    /// `swift solution`: the book's answer, run in a normal run.
    case solution
    /// `swift grade`: runs after the answer; its checks decide whether the answer is right.
    case grade
}
