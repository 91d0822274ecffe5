/// Max pooling over square windows (PyTorch's `nn.MaxPool2d`).
///
/// Input `[N, C, H, W]`, output `[N, C, (H + 2·padding − kernelSize) / stride + 1, …]`.
public final class MaxPool2d: Module {
    /// The side of the square window.
    public let kernelSize: Int
    /// The step between windows.
    public let stride: Int
    /// Implicit −∞ added on every side.
    public let padding: Int

    /// Creates a max-pooling layer; the stride defaults to the kernel size, as in PyTorch.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        Tensor.maxPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding)
    }

    public override var hyperparameterDescription: String {
        "kernel_size=\(kernelSize), stride=\(stride), padding=\(padding)"
    }
}

/// Averages each channel over its height and width (`nn.AdaptiveAvgPool2d((1, 1))`).
///
/// Input `[N, C, H, W]`, output `[N, C, 1, 1]`.
public final class GlobalAvgPool2d: Module {
    public override func forward(_ input: Tensor) -> Tensor { Tensor.globalAveragePool(input) }
}
