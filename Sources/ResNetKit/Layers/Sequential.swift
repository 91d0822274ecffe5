/// Runs its layers in order; children are named `0`, `1`, … as in PyTorch's `nn.Sequential`.
public final class Sequential: Module {
    /// The layers, in call order.
    public let layers: [Module]

    /// Creates a sequence of layers.
    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
    }

    // Reflection would name the layers `layers.0`, …; PyTorch's container is named by index alone.
    public override var children: [(name: String, module: Module)] {
        layers.enumerated().map { (String($0.offset), $0.element) }
    }

    public override func forward(_ input: Tensor) -> Tensor {
        guard InferenceFusion.applies(to: [self] + layers) else {
            return layers.reduce(input) { x, layer in layer(x) }
        }
        // A convolution, the batch norm and ReLU right after it run as one (a projection
        // shortcut is a convolution and a batch norm).
        var x = input
        var index = 0
        while index < layers.count {
            guard let conv = layers[index] as? Conv2d else {
                x = layers[index](x)
                index += 1
                continue
            }
            var next = index + 1
            let batchNorm = next < layers.count ? layers[next] as? BatchNorm2d : nil
            if batchNorm != nil { next += 1 }
            let relu = next < layers.count && layers[next] is ReLU
            if relu { next += 1 }
            x = conv.fusedForInference(x, batchNorm: batchNorm, relu: relu)
            index = next
        }
        return x
    }
}
