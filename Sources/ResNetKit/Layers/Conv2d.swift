/// A 2-D convolution over `[N, C, H, W]` input with a square kernel (PyTorch's `nn.Conv2d`).
///
/// Input `[N, inputChannels, H, W]`, output
/// `[N, outputChannels, (H + 2·padding − kernelSize) / stride + 1, …]`.
/// Weights start as Kaiming normal with fan-out, as torchvision's ResNets initialise them.
public final class Conv2d: Module {
    /// `[outputChannels, inputChannels, kernelSize, kernelSize]`.
    @Parameter public var weight: Tensor
    /// `[outputChannels]`, or `nil` when the layer has no bias (every conv followed by BN).
    @Parameter public var bias: Tensor?
    /// Channels the layer expects.
    public let inputChannels: Int
    /// Channels the layer produces.
    public let outputChannels: Int
    /// The side of the square kernel.
    public let kernelSize: Int
    /// The step between windows.
    public let stride: Int
    /// Zeros added on every side.
    public let padding: Int
    /// The weights with the following batch norm folded in, kept between inference calls.
    var foldedInference: FoldedConvolution?

    /// Creates a convolution with Kaiming-normal (fan-out, ReLU gain) weights and a zero bias.
    public init(
        inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        bias: Bool = false, generator: inout RandomGenerator
    ) {
        require(inputChannels > 0 && outputChannels > 0 && kernelSize > 0 && stride > 0 && padding >= 0,
                     "Conv2d needs positive channels, kernel and stride, got \(inputChannels)->\(outputChannels), k=\(kernelSize), s=\(stride), p=\(padding)")
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        let fanOut = outputChannels * kernelSize * kernelSize
        self.weight = Tensor.normal(
            [outputChannels, inputChannels, kernelSize, kernelSize],
            standardDeviation: (2 / Float(fanOut)).squareRoot(), generator: &generator)
        self.bias = bias ? Tensor.zeros([outputChannels]) : nil
        super.init()
    }

    /// Creates a convolution whose weights are drawn from a generator seeded with `seed`.
    public convenience init(
        inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        bias: Bool = false, seed: UInt64 = 0
    ) {
        var generator = RandomGenerator(seed: seed)
        self.init(
            inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: kernelSize, stride: stride,
            padding: padding, bias: bias, generator: &generator)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        require(
            input.rank == 4 && input.shape[1] == inputChannels,
            "Conv2d\(displayName) (\(hyperparameterDescription)) expects input [N, \(inputChannels), H, W], got \(input.shape)")
        return Tensor.conv2d(input, weight: weight, bias: bias, stride: stride, padding: padding, layerName: "Conv2d")
    }

    public override var hyperparameterDescription: String {
        "\(inputChannels), \(outputChannels), kernel_size=\(kernelSize), stride=\(stride), padding=\(padding)\(bias == nil ? ", bias=False" : "")"
    }
}
