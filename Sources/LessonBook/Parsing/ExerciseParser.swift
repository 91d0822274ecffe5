/// Finds a lesson's exercises among its blocks: the heading, instructions and hints in the
/// prose, then the `exercise`, `solution` and `grade` cells, in that order.
enum ExerciseParser {
    /// The exercises of a lesson numbered `number`, and its blocks with the prose before each
    /// exercise split at the exercise's heading, so a page can frame the exercise.
    ///
    /// Every misplaced cell is reported at its fence, all at once.
    static func exercises(
        in blocks: [LessonBlock], lines: [String], number: Int?, path: String
    ) throws(LessonBookError) -> (blocks: [LessonBlock], exercises: [Exercise]) {
        guard blocks.contains(where: { if case .cell(let cell) = $0 { cell.options.role != nil } else { false } }) else {
            return (blocks, [])
        }
        var problems: [Diagnostic] = []
        func problem(_ cell: Cell, _ message: String) {
            problems.append(Diagnostic(file: path, location: cell.range.start, severity: .error, message: message))
        }

        var exercises: [Exercise] = []
        var output: [LessonBlock] = []
        // The exercise whose cells are being collected, and the role its last cell had.
        var open: (exercise: Exercise, stub: Cell)?
        var lastRole: ExerciseRole?
        // Ends the open exercise: kept if it is whole, reported at its stub if not.
        func close() {
            if let (exercise, stub) = open {
                if lastRole == .grade {
                    exercises.append(exercise)
                } else {
                    problem(stub, "exercise \(exercise.id) needs a solution cell right after it and at least one grade cell after that")
                }
            }
            open = nil
            lastRole = nil
        }

        for (position, block) in blocks.enumerated() {
            guard case .cell(let cell) = block else {
                output.append(block)
                continue
            }
            switch cell.options.role {
            case .exercise:
                close()
                let prose: Prose? = if position > 0, case .prose(let prose) = blocks[position - 1] { prose } else { nil }
                guard let prose, let heading = heading(in: prose, lines: lines) else {
                    problem(cell, "an exercise cell needs a heading '### Exercise: title' in the prose just before it")
                    output.append(block)
                    continue
                }
                let (instructions, hints) = instructionsAndHints(lines: lines, from: heading.line + 1, through: prose.range.end.line)
                // The prose before the heading stays the lesson's; the heading starts the exercise.
                output.removeLast()
                if heading.line > prose.range.start.line {
                    output.append(.prose(slice(lines: lines, from: prose.range.start.line, through: heading.line - 1)))
                }
                output.append(.prose(slice(lines: lines, from: heading.line, through: prose.range.end.line)))
                let ordinal = exercises.count + 1
                open = (
                    Exercise(
                        id: number.map { "\($0).\(ordinal)" } ?? "\(ordinal)", title: heading.title, instructions: instructions,
                        hints: hints, headingLine: heading.line, stubCell: cell.index, solutionCell: -1, gradeCells: []),
                    cell
                )
                lastRole = .exercise
            case .solution:
                if lastRole == .exercise {
                    open?.exercise.solutionCell = cell.index
                    lastRole = .solution
                } else {
                    problem(cell, "a solution cell must come right after its exercise cell")
                }
            case .grade:
                if lastRole == .solution || lastRole == .grade {
                    open?.exercise.gradeCells.append(cell.index)
                    lastRole = .grade
                } else {
                    problem(cell, "a grade cell must follow an exercise's solution cell or another grade cell")
                }
            case nil:
                close()
            }
            output.append(block)
        }
        close()
        guard problems.isEmpty else {
            throw .invalidLesson(problems.sorted { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) })
        }
        return (output, exercises)
    }

    /// The last `Exercise:` heading (any ATX level) in `prose`, outside code fences.
    private static func heading(in prose: Prose, lines: [String]) -> (line: Int, title: String)? {
        var found: (Int, String)?
        var fence: Character?
        for line in prose.range.start.line...prose.range.end.line {
            let text = lines[line - 1].drop { $0 == " " }
            if let marker = text.first, marker == "`" || marker == "~", text.prefix(3).allSatisfy({ $0 == marker }) {
                fence = fence == nil ? marker : (fence == marker ? nil : fence)
                continue
            }
            guard fence == nil, text.hasPrefix("#") else { continue }
            let afterHashes = text.drop { $0 == "#" }
            guard text.count - afterHashes.count <= 6, afterHashes.first == " " else { continue }
            let words = afterHashes.drop { $0 == " " }
            guard words.hasPrefix("Exercise:") else { continue }
            let title = words.dropFirst("Exercise:".count).trimmingSpaces(trailingHashes: true)
            found = (line, title)
        }
        return found
    }

    /// The Markdown of lines `first...last` with the hint block quotes taken out, and the hints.
    ///
    /// A hint is a block quote whose text starts with `**Hint:**`; other block quotes are
    /// instructions.
    static func instructionsAndHints(lines: [String], from first: Int, through last: Int) -> (String, [String]) {
        var instructions: [String] = []
        var hints: [String] = []
        var quote: [String] = []
        func endQuote() {
            guard !quote.isEmpty else { return }
            let text = quote.joined(separator: "\n")
            let label = "**Hint:**"
            let trimmed = text.drop { $0 == " " }
            if trimmed.hasPrefix(label) {
                // The label ends a sentence on the page, so the hint reads as one starting anew.
                let hint = String(trimmed.dropFirst(label.count)).trimmingSpaces(trailingHashes: false)
                hints.append(hint.prefix(1).uppercased() + hint.dropFirst())
            } else {
                instructions += quote.map { "> " + $0 }
            }
            quote = []
        }
        if first <= last {
            for line in lines[(first - 1)...(last - 1)] {
                let text = line.drop { $0 == " " }
                if text.hasPrefix(">") {
                    var content = text.dropFirst()
                    if content.first == " " { content = content.dropFirst() }
                    quote.append(String(content))
                } else {
                    endQuote()
                    instructions.append(line)
                }
            }
        }
        endQuote()
        // Hints removed from the middle leave double blank lines; Markdown does not mind, but
        // comments in the student's file would, so runs of blank lines become one.
        var collapsed: [String] = []
        for line in instructions {
            let blank = line.allSatisfy(\.isWhitespace)
            if blank, collapsed.last.map({ $0.allSatisfy(\.isWhitespace) }) ?? true { continue }
            collapsed.append(blank ? "" : line)
        }
        while collapsed.last == "" { collapsed.removeLast() }
        return (collapsed.joined(separator: "\n"), hints)
    }

    /// Lines `first...last` as a prose block.
    private static func slice(lines: [String], from first: Int, through last: Int) -> Prose {
        var end = last
        while end > first, lines[end - 1].allSatisfy(\.isWhitespace) { end -= 1 }
        return Prose(
            markdown: lines[(first - 1)...(end - 1)].joined(separator: "\n") + "\n",
            range: SourceRange(
                start: SourceLocation(line: first, column: 1),
                end: SourceLocation(line: end, column: max(1, lines[end - 1].utf8.count))))
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and, for a heading, its closing `#`s.
    fileprivate func trimmingSpaces(trailingHashes: Bool) -> String {
        var text = Substring(self).drop { $0 == " " || $0 == "\n" }
        while let last = text.last, last == " " || last == "\n" { text = text.dropLast() }
        if trailingHashes {
            let withoutHashes = text.reversed().drop { $0 == "#" }
            if withoutHashes.first == " " || withoutHashes.isEmpty {
                text = Substring(String(withoutHashes.reversed()))
                while let last = text.last, last == " " { text = text.dropLast() }
            }
        }
        return String(text)
    }
}
