/// A box of a diagram: one module call (a layer, or a block or stage drawn closed), or a
/// reshape between two calls that is no module.
public struct DiagramBox: Codable, Hashable, Sendable {
    /// What a box stands for; renderers colour by it.
    public enum Kind: String, Codable, Hashable, Sendable {
        /// A convolution.
        case convolution
        /// A batch norm.
        case normalization
        /// A ReLU.
        case activation
        /// Max or average pooling.
        case pooling
        /// A fully connected layer.
        case linear
        /// A view change between modules (`flattened(fromAxis:)` before the classifier).
        case reshape
        /// A residual block drawn closed.
        case block
        /// A container (a stage, a whole network) drawn closed.
        case container
        /// The option-A shortcut layer.
        case shortcut
        /// Any other module.
        case other
    }

    /// What the box stands for.
    public var kind: Kind
    /// The layer and its hyperparameters, e.g. `Conv2d 3×3, 64→128, stride 2`.
    public var label: String
    /// The module's dotted path in the drawn module (`layer2.0.conv1`); empty for a reshape or
    /// the drawn module itself.
    public var path: String
    /// The shape going in.
    public var inputShape: [Int]
    /// The shape coming out.
    public var outputShape: [Int]
    /// Trainable scalars of the module and all below it (0 on a repeated call of one module).
    public var parameters: Int
    /// For a residual block drawn closed, how its shortcut is made; `nil` otherwise.
    public var shortcut: DiagramShortcut.Kind?

    /// Creates a box.
    public init(
        kind: Kind, label: String, path: String, inputShape: [Int], outputShape: [Int], parameters: Int,
        shortcut: DiagramShortcut.Kind? = nil
    ) {
        self.kind = kind
        self.label = label
        self.path = path
        self.inputShape = inputShape
        self.outputShape = outputShape
        self.parameters = parameters
        self.shortcut = shortcut
    }
}
