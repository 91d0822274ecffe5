import LessonRuntime

/// Where every part of a ``Diagram`` goes, on a grid of character cells: the terminal draws the
/// grid as it is and the SVG renderer scales it, so both show the same picture.
///
/// A panel is a column of boxes joined by downward arrows, each arrow labelled to its right with
/// the shape it carries. An open residual block splits its incoming arrow: the branch goes on
/// down the main column, the shortcut runs down a column to the right (through its own boxes,
/// if any) and turns left into a ⊕ node under the branch. Panels sit side by side.
struct DiagramLayout {
    /// A cell of the grid: column `x`, row `y`.
    struct Point: Hashable {
        var x: Int
        var y: Int
    }

    /// How a text is set.
    enum TextRole {
        /// A tensor shape beside an arrow.
        case shape
        /// A panel's heading.
        case heading
        /// The name of a shortcut.
        case note
    }

    /// One thing to draw.
    enum Element {
        /// A box whose top-left cell is `origin`, `width` cells wide and `lines.count + 2` high;
        /// the first line is the label, the rest are details.
        case box(origin: Point, width: Int, lines: [String], kind: DiagramBox.Kind, onShortcut: Bool)
        /// An orthogonal path through `points` whose last point is the cell it points at (a box
        /// border or a ⊕ node); `shortcut` paths are styled apart, `dashed` ones for option A.
        case arrow(points: [Point], shortcut: Bool, dashed: Bool)
        /// Text starting at a cell.
        case text(Point, String, TextRole)
        /// A ⊕ node.
        case add(Point)
        /// The point where a shortcut leaves the main column.
        case junction(Point)
    }

    /// The elements, in drawing order.
    private(set) var elements: [Element] = []
    /// Columns the drawing needs.
    private(set) var width = 0
    /// Rows the drawing needs.
    private(set) var height = 0

    /// Columns between panels shown side by side.
    static let panelGap = 3

    /// Lays out every panel of `diagram`, left to right.
    init(_ diagram: Diagram) {
        var left = 0
        for panel in diagram.panels {
            var builder = PanelBuilder(panel, left: left)
            builder.build()
            elements += builder.elements
            width = builder.right
            height = max(height, builder.bottom)
            left = builder.right + Self.panelGap
        }
    }

    /// The lines a box shows: its label, its path and parameter count, and for a closed
    /// residual block its shortcut.
    static func lines(of box: DiagramBox) -> [String] {
        var lines = [box.label]
        if box.kind != .reshape {
            let parameters = "\(NumberFormat.grouped(box.parameters)) params"
            lines.append(box.path.isEmpty ? parameters : "\(box.path) · \(parameters)")
        }
        if let shortcut = box.shortcut {
            lines.append("⊕ " + Self.closedShortcutName(shortcut))
        }
        return lines
    }

    /// How a closed residual block's box names its shortcut.
    static func closedShortcutName(_ kind: DiagramShortcut.Kind) -> String {
        switch kind {
        case .identity: "identity shortcut"
        case .zeroPadding: "option A shortcut (zero-padding)"
        case .projection: "option B shortcut (1×1 projection)"
        }
    }

    /// A shape as lessons print it: `[1, 64, 56, 56]`.
    static func shape(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }
}

/// Lays out one panel, top to bottom.
private struct PanelBuilder {
    let panel: DiagramPanel
    let left: Int
    /// Width of every box in the main column.
    let boxWidth: Int
    /// The main column's centre.
    let centre: Int
    /// Width of every box on a shortcut.
    let shortcutBoxWidth: Int
    /// The shortcut column's centre.
    let shortcutColumn: Int
    /// Where shortcut names start.
    let noteColumn: Int
    private(set) var elements: [DiagramLayout.Element] = []
    /// One past the rightmost column used.
    private(set) var right: Int
    /// One past the lowest row used.
    private(set) var bottom = 0
    /// The row of the last thing drawn in the main column (a box's bottom border, a ⊕), if any.
    private var previousBottom: Int?
    /// The first free row when nothing is drawn yet.
    private var cursor = 0

    init(_ panel: DiagramPanel, left: Int) {
        self.panel = panel
        self.left = left
        var mainBoxes: [DiagramBox] = []
        var shortcutBoxes: [DiagramBox] = []
        var shapes = [panel.inputShape, panel.outputShape]
        var notes: [String] = []
        for step in panel.steps {
            shapes.append(step.outputShape)
            switch step {
            case .box(let box):
                mainBoxes.append(box)
            case .residual(let residual):
                mainBoxes += residual.branch + residual.afterSum
                shortcutBoxes += residual.shortcut.boxes
                shapes += residual.branch.map(\.outputShape) + [residual.inputShape, residual.shortcut.outputShape]
                notes.append(residual.shortcut.label)
            }
        }
        func widest(_ boxes: [DiagramBox]) -> Int {
            // 15 % more than the characters: proportional bold text runs wider than the grid.
            boxes.flatMap(DiagramLayout.lines).map { ($0.count * 23 + 19) / 20 + 4 }.max() ?? 0
        }
        boxWidth = max(24, widest(mainBoxes), (panel.heading?.count ?? 0))
        centre = left + boxWidth / 2
        shortcutBoxWidth = widest(shortcutBoxes)
        let shapeWidth = shapes.map { DiagramLayout.shape($0).count }.max() ?? 0
        shortcutColumn = max(left + boxWidth + 2, centre + 2 + shapeWidth + 2) + shortcutBoxWidth / 2
        // A shortcut's name sits above the line where it leaves the main column, after the
        // shape label there.
        let noteColumn = centre + 2 + shapeWidth + 2
        self.noteColumn = noteColumn
        let noteEnd = notes.map { noteColumn + $0.count }.max() ?? 0
        right = max(left + boxWidth, centre + 2 + shapeWidth, noteEnd)
        if !notes.isEmpty {
            right = max(right, shortcutColumn + (shortcutBoxWidth + 1) / 2, shortcutColumn + 2 + shapeWidth)
        }
    }

    mutating func build() {
        if let heading = panel.heading {
            elements.append(.text(.init(x: left, y: 0), heading, .heading))
            cursor = 2
        }
        for step in panel.steps {
            switch step {
            case .box(let box):
                let top = arrowIntoMainColumn(carrying: box.inputShape)
                mainBox(box, top: top)
            case .residual(let residual):
                self.residual(residual)
            }
        }
        // The output leaves the last step.
        let start = previousBottom ?? cursor
        let labelRow = previousBottom.map { $0 + 1 } ?? cursor
        elements.append(.arrow(points: [.init(x: centre, y: start), .init(x: centre, y: labelRow + 2)], shortcut: false, dashed: false))
        elements.append(.text(.init(x: centre + 2, y: labelRow), DiagramLayout.shape(panel.outputShape), .shape))
        bottom = max(bottom, labelRow + 2)
    }

    /// Draws the arrow down the main column into the next element, labelled with `shape`, and
    /// returns the row the element starts on.
    private mutating func arrowIntoMainColumn(carrying shape: [Int], extraRows: Int = 0) -> Int {
        let start = previousBottom ?? cursor
        let labelRow = previousBottom.map { $0 + 1 } ?? cursor
        let target = labelRow + 2 + extraRows
        elements.append(.arrow(points: [.init(x: centre, y: start), .init(x: centre, y: target)], shortcut: false, dashed: false))
        elements.append(.text(.init(x: centre + 2, y: labelRow), DiagramLayout.shape(shape), .shape))
        return target
    }

    private mutating func mainBox(_ box: DiagramBox, top: Int) {
        let lines = DiagramLayout.lines(of: box)
        elements.append(.box(origin: .init(x: left, y: top), width: boxWidth, lines: lines, kind: box.kind, onShortcut: false))
        previousBottom = top + lines.count + 1
        bottom = max(bottom, top + lines.count + 2)
    }

    private mutating func residual(_ residual: DiagramResidual) {
        let shortcut = residual.shortcut
        let dashed = shortcut.kind == .zeroPadding
        // The incoming arrow gets one more row, where the shortcut leaves it.
        let firstTop = arrowIntoMainColumn(carrying: residual.inputShape, extraRows: 1)
        let split = firstTop - 2
        elements.append(.junction(.init(x: centre, y: split)))
        elements.append(.text(.init(x: noteColumn, y: split - 1), shortcut.label, .note))

        // The shortcut column, top to bottom.
        var shortcutRow = split
        var from = [DiagramLayout.Point(x: centre, y: split), .init(x: shortcutColumn, y: split)]
        var shapeRow = split + 1
        var carried = residual.inputShape
        for box in shortcut.boxes {
            elements.append(.text(.init(x: shortcutColumn + 2, y: shapeRow), DiagramLayout.shape(carried), .shape))
            let top = shapeRow + 2
            elements.append(.arrow(points: from + [.init(x: shortcutColumn, y: top)], shortcut: true, dashed: dashed))
            let lines = DiagramLayout.lines(of: box)
            let origin = DiagramLayout.Point(x: shortcutColumn - shortcutBoxWidth / 2, y: top)
            elements.append(.box(origin: origin, width: shortcutBoxWidth, lines: lines, kind: box.kind, onShortcut: true))
            shortcutRow = top + lines.count + 1
            from = [.init(x: shortcutColumn, y: shortcutRow)]
            shapeRow = shortcutRow + 1
            carried = box.outputShape
        }
        elements.append(.text(.init(x: shortcutColumn + 2, y: shapeRow), DiagramLayout.shape(shortcut.outputShape), .shape))
        let shortcutNeeds = shapeRow + 2

        // The branch, down the main column.
        mainBox(residual.branch.first ?? DiagramBox(
            kind: .other, label: "(empty branch)", path: "", inputShape: residual.inputShape,
            outputShape: residual.inputShape, parameters: 0), top: firstTop)
        for box in residual.branch.dropFirst() {
            let top = arrowIntoMainColumn(carrying: box.inputShape)
            mainBox(box, top: top)
        }
        let branchNeeds = previousBottom! + 3
        let addRow = max(branchNeeds, shortcutNeeds)
        _ = arrowIntoMainColumn(carrying: residual.branchOutputShape, extraRows: addRow - branchNeeds)
        elements.append(.arrow(points: from + [.init(x: shortcutColumn, y: addRow), .init(x: centre, y: addRow)], shortcut: true, dashed: dashed))
        elements.append(.add(.init(x: centre, y: addRow)))
        previousBottom = addRow
        bottom = max(bottom, addRow + 1)

        for box in residual.afterSum {
            let top = arrowIntoMainColumn(carrying: box.inputShape)
            mainBox(box, top: top)
        }
    }
}
