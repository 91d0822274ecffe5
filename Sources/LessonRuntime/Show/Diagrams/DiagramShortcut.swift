/// The shortcut of a residual block: what carries x around the residual branch to the sum.
public struct DiagramShortcut: Codable, Hashable, Sendable {
    /// How the shortcut matches the branch's output (He et al. 2015, section 3.3).
    public enum Kind: String, Codable, Hashable, Sendable {
        /// x itself; shapes already match.
        case identity
        /// Option A: keep every stride-th pixel and pad the new channels with zeros; no parameters.
        case zeroPadding
        /// Option B: a strided 1x1 convolution and batch norm.
        case projection
    }

    /// How it is made.
    public var kind: Kind
    /// A short name for the drawing (`identity`, `option A: zero-padding`, `option B: 1×1 projection`).
    public var label: String
    /// The layers on the shortcut, in call order; empty for the identity.
    public var boxes: [DiagramBox]
    /// The shape the shortcut delivers to the sum.
    public var outputShape: [Int]
    /// Trainable scalars on the shortcut.
    public var parameters: Int

    /// Creates a shortcut.
    public init(kind: Kind, label: String, boxes: [DiagramBox], outputShape: [Int], parameters: Int) {
        self.kind = kind
        self.label = label
        self.boxes = boxes
        self.outputShape = outputShape
        self.parameters = parameters
    }

    /// The name of a shortcut of `kind`, as diagrams label it.
    public static func name(of kind: Kind) -> String {
        switch kind {
        case .identity: "identity"
        case .zeroPadding: "option A: zero-padding"
        case .projection: "option B: 1×1 projection"
        }
    }
}
