/// One module drawn from its input to its output: a column of steps joined by arrows, each
/// arrow labelled with the shape of the tensor that flows along it.
public struct DiagramPanel: Codable, Hashable, Sendable {
    /// A heading above the drawing (`option A`), or `nil`.
    public var heading: String?
    /// What the whole module is (`BasicBlock 64→128, stride 2`).
    public var label: String
    /// The shape the module was run on.
    public var inputShape: [Int]
    /// The shape it returned.
    public var outputShape: [Int]
    /// All trainable scalars of the module.
    public var parameters: Int
    /// The steps from input to output.
    public var steps: [DiagramStep]

    /// Creates a panel from parts; ``init(of:input:depth:heading:)`` builds one from a module.
    public init(
        heading: String? = nil, label: String, inputShape: [Int], outputShape: [Int], parameters: Int,
        steps: [DiagramStep]
    ) {
        self.heading = heading
        self.label = label
        self.inputShape = inputShape
        self.outputShape = outputShape
        self.parameters = parameters
        self.steps = steps
    }
}
