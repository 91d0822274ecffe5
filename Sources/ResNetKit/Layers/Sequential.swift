/// Runs its layers in order; children are named `0`, `1`, … as in PyTorch's `nn.Sequential`.
public final class Sequential: Module {
    /// The layers, in call order.
    public let layers: [Module]

    /// Creates a sequence of layers.
    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
    }

    public override var children: [(name: String, module: Module)] {
        layers.enumerated().map { (String($0.offset), $0.element) }
    }

    public override func forward(_ input: Tensor) -> Tensor {
        layers.reduce(input) { x, layer in layer(x) }
    }
}
