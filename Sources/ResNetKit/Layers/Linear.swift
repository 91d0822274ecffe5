/// A fully connected layer, `y = x Wᵀ + b` (PyTorch's `nn.Linear`).
///
/// Input `[N, inputFeatures]`, output `[N, outputFeatures]`. Weights and bias start uniform in
/// `±1/√inputFeatures`, as PyTorch initialises them.
public final class Linear: Module {
    /// `[outputFeatures, inputFeatures]`.
    @Parameter public var weight: Tensor
    /// `[outputFeatures]`, or `nil`.
    @Parameter public var bias: Tensor?
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
        weight = Tensor.uniform([outputFeatures, inputFeatures], in: -bound...bound, generator: &generator)
        self.bias = bias ? Tensor.uniform([outputFeatures], in: -bound...bound, generator: &generator) : nil
        super.init()
    }

    /// Creates a fully connected layer whose values are drawn from a generator seeded with `seed`.
    public convenience init(inputFeatures: Int, outputFeatures: Int, bias: Bool = true, seed: UInt64 = 0) {
        var generator = RandomGenerator(seed: seed)
        self.init(inputFeatures: inputFeatures, outputFeatures: outputFeatures, bias: bias, generator: &generator)
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
