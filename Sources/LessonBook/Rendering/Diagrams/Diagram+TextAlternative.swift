import LessonRuntime

extension Diagram {
    /// The diagram in words, for screen readers and for anyone who cannot see it: per panel the
    /// module, its input and output, then each step with its parameters and the shape after it,
    /// and for an open residual block what its shortcut does and where the two branches meet.
    var textAlternative: String {
        var sentences = [panels.count == 1 ? "Block diagram." : "\(panels.count) block diagrams side by side."]
        for panel in panels {
            let heading = panel.heading.map { "\($0): " } ?? ""
            sentences.append(
                "\(heading)\(panel.label), \(Self.parameters(panel.parameters)), from input \(DiagramLayout.shape(panel.inputShape))"
                    + " to output \(DiagramLayout.shape(panel.outputShape)).")
            let steps = panel.steps.map { step -> String in
                switch step {
                case .box(let box):
                    return Self.describe(box)
                case .residual(let residual):
                    let branch = residual.branch.map(Self.describe).joined(separator: ", ")
                    let shortcut = residual.shortcut.boxes.isEmpty
                        ? "the \(residual.shortcut.label) shortcut carries the input unchanged"
                        : "the \(residual.shortcut.label) shortcut runs "
                            + residual.shortcut.boxes.map(Self.describe).joined(separator: ", ")
                    let after = residual.afterSum.map(Self.describe).joined(separator: ", ")
                    return "residual block \(residual.label) (\(Self.parameters(residual.parameters))): its branch runs \(branch); "
                        + "\(shortcut); the two are added (⊕) to give \(DiagramLayout.shape(residual.branchOutputShape))"
                        + (after.isEmpty ? "" : ", then \(after)")
                }
            }
            sentences.append("Steps: " + steps.joined(separator: "; then ") + ".")
        }
        return sentences.joined(separator: " ")
    }

    private static func describe(_ box: DiagramBox) -> String {
        let path = box.path.isEmpty ? "" : "\(box.path), "
        let parameters = box.kind == .reshape ? "" : " (\(path)\(Self.parameters(box.parameters)))"
        return "\(box.label)\(parameters) to \(DiagramLayout.shape(box.outputShape))"
    }

    private static func parameters(_ count: Int) -> String {
        count == 1 ? "1 parameter" : "\(NumberFormat.grouped(count)) parameters"
    }
}
