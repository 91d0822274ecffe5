/// One step of a panel's column: a box, or a residual block drawn with its shortcut.
public enum DiagramStep: Codable, Hashable, Sendable {
    /// A layer, or a module drawn closed as one box.
    case box(DiagramBox)
    /// A residual block drawn open: its layers, its shortcut beside them, the sum, what follows.
    case residual(DiagramResidual)

    /// The shape going into the step.
    public var inputShape: [Int] {
        switch self {
        case .box(let box): box.inputShape
        case .residual(let residual): residual.inputShape
        }
    }

    /// The shape coming out of the step.
    public var outputShape: [Int] {
        switch self {
        case .box(let box): box.outputShape
        case .residual(let residual): residual.outputShape
        }
    }
}
