/// Frames a lesson's exercises on its page: a section from the heading to the last grading
/// cell, the hints folded one by one, the stub labelled as the starting point, the solution
/// folded away with its output, and the grading cells labelled as what an answer must pass.
struct HTMLExerciseRenderer {
    /// The lesson whose exercises are framed.
    var lesson: Lesson

    /// The exercise whose heading opens `prose`, if any.
    func starting(at prose: Prose) -> Exercise? {
        lesson.exercises?.first { $0.headingLine == prose.range.start.line }
    }

    /// The section's opening tag.
    func open(_ exercise: Exercise) -> String {
        "<section class=\"exercise\" id=\"\(exercise.anchor)\" aria-label=\"Exercise \(exercise.id)\">"
    }

    /// The Markdown of the exercise's heading (numbered) and instructions, and its hints as
    /// folded HTML; `prose` is the exercise's prose with published values already in place.
    func headingAndInstructions(
        _ exercise: Exercise, prose: Prose, renderer: HTMLPageRenderer.ProseRenderer, links: LessonLinks
    ) -> (markdown: String, hints: String) {
        let lines = prose.markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let (instructions, hints) = ExerciseParser.instructionsAndHints(lines: lines, from: 2, through: lines.count)
        let markdown = "### Exercise \(exercise.id): \(exercise.title)\n\n\(instructions)\n"
        let folded = hints.enumerated().map { number, hint in
            "<details class=\"exercise-hint\">\n<summary>Hint \(number + 1)</summary>\n\(links.rewrite(renderer(hint)))</details>"
        }
        return (markdown, folded.joined(separator: "\n"))
    }

    /// `html`, the rendering of `cell`, with what marks its part in an exercise around it.
    func frame(_ html: String, of cell: Cell) -> String {
        guard let exercise = lesson.exercise(containingCell: cell.index) else {
            return html
        }
        switch cell.options.role {
        case .exercise:
            let file = "Exercises/\(ExerciseSheet.fileName(for: lesson))"
            let write = lesson.number.map { "swift run lesson exercises \($0)" } ?? "swift run lesson exercises \(lesson.path)"
            let run = lesson.number.map { "swift run lesson \($0)" } ?? "swift run lesson run \(lesson.path)"
            return """
                <p class="exercise-label">Start from this stub: <code>\(write.htmlEscaped)</code> writes it into \
                <code>\(file.htmlEscaped)</code>, and <code>\(run.htmlEscaped)</code> grades your answer.</p>
                \(html)
                """
        case .solution:
            return "<details class=\"exercise-solution\">\n<summary>Solution and its output</summary>\n\(html)\n</details>"
        case .grade:
            var framed = html
            if cell.index == exercise.gradeCells.first {
                framed = "<p class=\"exercise-label\">Graded by these checks:</p>\n" + framed
            }
            if cell.index == exercise.lastCell { framed += "\n</section>" }
            return framed
        case nil:
            return html
        }
    }
}
