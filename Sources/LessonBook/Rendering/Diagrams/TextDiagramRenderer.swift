import LessonRuntime

/// Draws a ``Diagram`` as Unicode text for the terminal: boxes of box-drawing characters,
/// arrows with the shape they carry beside them, shortcuts down a column to the right into a
/// ⊕ node (dashed for option A), panels side by side, and the caption on top.
///
/// Lines meeting in a cell are joined (`├`, `┬`, `┘`) from the directions that reach it, so
/// the drawing needs no special cases where a shortcut leaves an arrow.
struct TextDiagramRenderer: Sendable {
    /// The drawing, one line a row, trailing spaces removed, ending in a newline.
    func render(_ diagram: Diagram) -> String {
        let layout = DiagramLayout(diagram)
        var canvas = Canvas(width: layout.width, height: layout.height)
        for element in layout.elements {
            switch element {
            case .box(let origin, let width, let lines, let kind, _):
                let height = lines.count + 2
                let (l, r, t, b) = (origin.x, origin.x + width - 1, origin.y, origin.y + height - 1)
                let dashed = kind == .reshape || kind == .shortcut
                canvas.path([.init(x: l, y: t), .init(x: r, y: t), .init(x: r, y: b), .init(x: l, y: b), .init(x: l, y: t)], dashed: dashed)
                for (index, line) in lines.enumerated() {
                    canvas.write(line, at: .init(x: l + 2, y: t + 1 + index))
                }
            case .arrow(let points, _, let dashed):
                guard points.count >= 2 else { continue }
                // The last point is the target; the head sits in the cell before it.
                let target = points[points.count - 1]
                let before = points[points.count - 2]
                let head = DiagramLayout.Point(x: target.x + (before.x - target.x).signum(), y: target.y + (before.y - target.y).signum())
                canvas.path(Array(points.dropLast()) + [head], dashed: dashed)
                canvas.set(head, to: Self.arrowHead(from: before, to: target))
                // A box border the arrow meets shows where it arrives.
                canvas.connect(target, towards: head)
            case .text(let point, let text, _):
                canvas.write(text, at: point)
            case .add(let point):
                canvas.set(point, to: "⊕")
            case .junction:
                break
            }
        }
        return "\(diagram.title)\n" + canvas.text
    }

    private static func arrowHead(from: DiagramLayout.Point, to: DiagramLayout.Point) -> Character {
        if to.y > from.y { return "▼" }
        if to.y < from.y { return "▲" }
        return to.x < from.x ? "◄" : "►"
    }
}

/// A grid of characters where lines are drawn as the directions leaving each cell.
private struct Canvas {
    private struct Directions: OptionSet {
        let rawValue: UInt8
        static let up = Directions(rawValue: 1)
        static let down = Directions(rawValue: 2)
        static let left = Directions(rawValue: 4)
        static let right = Directions(rawValue: 8)
    }

    private let width: Int
    private var characters: [[Character?]]
    private var directions: [[Directions]]
    private var dashed: [[Bool]]

    init(width: Int, height: Int) {
        self.width = width
        characters = Array(repeating: Array(repeating: nil, count: width), count: height)
        directions = Array(repeating: Array(repeating: [], count: width), count: height)
        dashed = Array(repeating: Array(repeating: false, count: width), count: height)
    }

    /// Draws straight segments between consecutive points.
    mutating func path(_ points: [DiagramLayout.Point], dashed isDashed: Bool) {
        for (from, to) in zip(points, points.dropFirst()) {
            let dx = (to.x - from.x).signum(), dy = (to.y - from.y).signum()
            var point = from
            while point != to {
                let next = DiagramLayout.Point(x: point.x + dx, y: point.y + dy)
                add(direction(dx, dy), at: point, dashed: isDashed)
                add(direction(-dx, -dy), at: next, dashed: isDashed)
                point = next
            }
        }
    }

    /// Makes the line at `point` reach out towards the neighbouring cell `neighbour`.
    mutating func connect(_ point: DiagramLayout.Point, towards neighbour: DiagramLayout.Point) {
        guard contains(point), !directions[point.y][point.x].isEmpty else { return }
        add(direction((neighbour.x - point.x).signum(), (neighbour.y - point.y).signum()), at: point, dashed: false)
    }

    mutating func set(_ point: DiagramLayout.Point, to character: Character) {
        guard contains(point) else { return }
        characters[point.y][point.x] = character
    }

    mutating func write(_ text: String, at point: DiagramLayout.Point) {
        for (offset, character) in text.enumerated() {
            set(.init(x: point.x + offset, y: point.y), to: character)
        }
    }

    /// Every row, trailing spaces trimmed.
    var text: String {
        characters.indices.map { row in
            var line = String(characters[row].indices.map { column in
                characters[row][column] ?? glyph(directions[row][column], dashed: dashed[row][column])
            })
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }.joined()
    }

    private func contains(_ point: DiagramLayout.Point) -> Bool {
        point.y >= 0 && point.y < characters.count && point.x >= 0 && point.x < width
    }

    private mutating func add(_ direction: Directions, at point: DiagramLayout.Point, dashed isDashed: Bool) {
        guard contains(point) else { return }
        directions[point.y][point.x].insert(direction)
        if isDashed { dashed[point.y][point.x] = true }
    }

    private func direction(_ dx: Int, _ dy: Int) -> Directions {
        if dx > 0 { return .right }
        if dx < 0 { return .left }
        return dy > 0 ? .down : .up
    }

    private func glyph(_ directions: Directions, dashed: Bool) -> Character {
        switch directions {
        case []: return " "
        case [.left, .right], [.left], [.right]: return dashed ? "┄" : "─"
        case [.up, .down], [.up], [.down]: return dashed ? "┆" : "│"
        case [.down, .right]: return "┌"
        case [.down, .left]: return "┐"
        case [.up, .right]: return "└"
        case [.up, .left]: return "┘"
        case [.up, .down, .right]: return "├"
        case [.up, .down, .left]: return "┤"
        case [.left, .right, .down]: return "┬"
        case [.left, .right, .up]: return "┴"
        default: return "┼"
        }
    }
}
