/// A residual block drawn open: the residual branch F(x) as a column of boxes, the shortcut
/// beside it, the sum F(x) + shortcut(x) at a ⊕ node, then the layers after the sum.
public struct DiagramResidual: Codable, Hashable, Sendable {
    /// The block and its hyperparameters (`BasicBlock 64→128, stride 2`).
    public var label: String
    /// The block's dotted path in the drawn module; empty when the block is the drawn module.
    public var path: String
    /// The shape going into the block (and into both branches).
    public var inputShape: [Int]
    /// The shape coming out of the block.
    public var outputShape: [Int]
    /// All trainable scalars of the block.
    public var parameters: Int
    /// The residual branch, in call order.
    public var branch: [DiagramBox]
    /// The shortcut branch.
    public var shortcut: DiagramShortcut
    /// The layers after the sum (the block's last ReLU).
    public var afterSum: [DiagramBox]

    /// Creates an open residual block.
    public init(
        label: String, path: String, inputShape: [Int], outputShape: [Int], parameters: Int, branch: [DiagramBox],
        shortcut: DiagramShortcut, afterSum: [DiagramBox]
    ) {
        self.label = label
        self.path = path
        self.inputShape = inputShape
        self.outputShape = outputShape
        self.parameters = parameters
        self.branch = branch
        self.shortcut = shortcut
        self.afterSum = afterSum
    }

    /// The shape of the residual branch's output, the left operand of the sum.
    public var branchOutputShape: [Int] { branch.last?.outputShape ?? inputShape }
}
