/// Batch normalisation over the channels of `[N, C, H, W]` input (PyTorch's `nn.BatchNorm2d`).
///
/// In training mode it normalises with the batch's mean and biased variance and updates the
/// running statistics with momentum 0.1, putting the unbiased variance into `runningVariance`;
/// in evaluation mode it normalises with the running statistics. Output has the input's shape.
public final class BatchNorm2d: Module {
    /// The per-channel scale γ, `[features]`, starting at 1.
    @Parameter public var weight: Tensor
    /// The per-channel shift β, `[features]`, starting at 0.
    @Parameter public var bias: Tensor
    /// The running mean, `[features]` (`running_mean`).
    @Buffer("running_mean") public var runningMean: Tensor
    /// The running unbiased variance, `[features]` (`running_var`).
    @Buffer("running_var") public var runningVariance: Tensor
    /// How many training batches updated the running statistics (`num_batches_tracked`).
    @Buffer("num_batches_tracked") public var batchesTracked: Tensor
    /// The number of channels.
    public let features: Int
    /// The weight of the newest batch in the running statistics.
    public let momentum: Float
    /// Added to the variance before the square root.
    public let epsilon: Float

    /// Creates a batch-norm layer with PyTorch's defaults.
    public init(features: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        require(features > 0, "BatchNorm2d needs a positive channel count, got \(features)")
        self.features = features
        self.momentum = momentum
        self.epsilon = epsilon
        weight = .ones([features])
        bias = .zeros([features])
        super.init()
        // Buffers renamed in their attribute are assigned once the module exists.
        runningMean = .zeros([features])
        runningVariance = .ones([features])
        batchesTracked = Tensor(0)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        require(
            input.rank >= 2 && input.shape[1] == features,
            "BatchNorm2d\(displayName) (\(features)) expects input [N, \(features), ...], got \(input.shape)")
        if !isTraining {
            return Tensor.batchNorm(
                input, weight: weight, bias: bias, runningStatistics: (runningMean, runningVariance),
                epsilon: epsilon, layerName: "BatchNorm2d").output
        }
        let (output, mean, variance, count) = Tensor.batchNorm(
            input, weight: weight, bias: bias, runningStatistics: nil, epsilon: epsilon, layerName: "BatchNorm2d")
        let unbias = Double(count) / Double(count - 1)
        let m = Double(momentum)
        runningMean = Tensor(shape: [features], values: zip(runningMean.values, mean).map { Float((1 - m) * Double($0) + m * $1) })
        runningVariance = Tensor(
            shape: [features], values: zip(runningVariance.values, variance).map { Float((1 - m) * Double($0) + m * $1 * unbias) })
        batchesTracked = Tensor(batchesTracked.scalar + 1)
        return output
    }

    public override var hyperparameterDescription: String { "\(features)" }
}
