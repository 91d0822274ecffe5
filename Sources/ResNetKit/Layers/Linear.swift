/// A fully connected layer, `y = x Wᵀ + b` (PyTorch's `nn.Linear`).
///
/// Input `[N, inputFeatures]`, output `[N, outputFeatures]`. Weights and bias start uniform in
/// `±1/√inputFeatures`, as PyTorch initialises them.
public final class Linear: Module {
    /// `[outputFeatures, inputFeatures]`.
    public var weight: Tensor
    /// `[outputFeatures]`, or `nil`.
    public var bias: Tensor?
    /// Features the layer expects.
    public let inputFeatures: Int
    /// Features the layer produces.
    public let outputFeatures: Int

    /// Creates a fully connected layer.
    public init(inputFeatures: Int, outputFeatures: Int, bias: Bool = true, generator: inout RandomGenerator) {
        require(inputFeatures > 0 && outputFeatures > 0, "Linear needs positive sizes, got \(inputFeatures)->\(outputFeatures)")
        self.inputFeatures = inputFeatures
        self.outputFeatures = outputFeatures
        let bound = 1 / Float(inputFeatures).squareRoot()
        var w = Tensor.uniform([outputFeatures, inputFeatures], in: -bound...bound, generator: &generator)
        w.requiresGradient = true
        weight = w
        if bias {
            var b = Tensor.uniform([outputFeatures], in: -bound...bound, generator: &generator)
            b.requiresGradient = true
            self.bias = b
        }
        super.init()
    }

    public override func forEachOwnParameter(_ body: (String, inout Tensor) -> Void) {
        body("weight", &weight)
        if bias != nil { body("bias", &bias!) }
    }

    public override func forward(_ input: Tensor) -> Tensor {
        require(
            input.rank == 2 && input.shape[1] == inputFeatures,
            "Linear\(displayName) (\(inputFeatures), \(outputFeatures)) expects input [N, \(inputFeatures)], got \(input.shape)")
        let product = Tensor.matmul(input, weight.transposed())
        guard let bias else { return product }
        return product + bias
    }

    public override var hyperparameterDescription: String {
        "in_features=\(inputFeatures), out_features=\(outputFeatures)\(bias == nil ? ", bias=False" : "")"
    }
}
