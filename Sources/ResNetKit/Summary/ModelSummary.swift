/// A layer-by-layer account of a model for one input size: each layer's output shape,
/// parameters and multiply-adds, with totals, like `torchinfo.summary`.
///
/// Multiply-adds count convolutions (`outputs · inputChannels · k²`) and fully connected layers
/// (`inputs · outputs`) for one image: the figures torchvision and He et al. report
/// (1.814 G for ResNet-18 at 224x224). Batch norm, ReLU, pooling and additions are not counted.
public struct ModelSummary: Hashable, Sendable {
    /// One computing layer (a module without children) as called during the forward pass.
    public struct Row: Hashable, Sendable {
        /// The dotted path, e.g. `layer2.0.conv1`.
        public var name: String
        /// The class name, e.g. `Conv2d`.
        public var type: String
        /// The hyperparameters, e.g. `64, 128, kernel_size=3, stride=2, padding=1, bias=False`.
        public var hyperparameters: String
        /// The output shape for a batch of one.
        public var outputShape: [Int]
        /// Trainable scalars of this layer (counted at its first call only).
        public var parameters: Int
        /// Multiply-adds for one image.
        public var multiplyAdds: Int
    }

    /// The input shape, batch of one: `[1, C, H, W]`.
    public var inputShape: [Int]
    /// The computing layers in call order.
    public var rows: [Row]
    /// All trainable scalars of the model.
    public var totalParameters: Int

    /// Runs `model` once on zeros of `[1, channels, height, width]` in evaluation mode without
    /// gradients, recording every layer call; the model's training mode is restored afterwards.
    public init(of model: Module, inputShape: [Int]) {
        require(inputShape.count == 4 && inputShape[0] == 1, "ModelSummary needs an input shape [1, C, H, W], got \(inputShape)")
        let wasTraining = model.isTraining
        model.eval()
        defer { if wasTraining { model.train() } }
        let names = Dictionary(model.namedModules().map { (ObjectIdentifier($0.module), $0.name) }, uniquingKeysWith: { first, _ in first })
        let recorder = ModuleCallRecorder()
        withoutGradients {
            recorder.record { _ = model(Tensor.zeros(inputShape)) }
        }
        var seen = Set<ObjectIdentifier>()
        rows = recorder.calls.compactMap { call in
            guard call.isLeaf else { return nil }
            var row = call.row
            row.name = names[call.module] ?? row.name
            if !seen.insert(call.module).inserted { row.parameters = 0 }
            return row
        }
        self.inputShape = inputShape
        totalParameters = model.parameterCount
    }

    /// Multiply-adds of the whole forward pass for one image.
    public var totalMultiplyAdds: Int { rows.reduce(0) { $0 + $1.multiplyAdds } }

    /// Rows merged by the first `depth` components of their names (`layer1`, `layer1.0`, …):
    /// each group's parameters and multiply-adds summed, its output shape the last row's.
    public func grouped(depth: Int) -> [Row] {
        var groups: [Row] = []
        for row in rows {
            let key = row.name.split(separator: ".").prefix(depth).joined(separator: ".")
            if let last = groups.last, last.name == key {
                groups[groups.count - 1].parameters += row.parameters
                groups[groups.count - 1].multiplyAdds += row.multiplyAdds
                groups[groups.count - 1].outputShape = row.outputShape
                if groups[groups.count - 1].type != row.type { groups[groups.count - 1].type = "Sequential" }
            } else {
                groups.append(Row(
                    name: key, type: key == row.name ? row.type : "Sequential",
                    hyperparameters: key == row.name ? row.hyperparameters : "",
                    outputShape: row.outputShape, parameters: row.parameters, multiplyAdds: row.multiplyAdds))
            }
        }
        return groups
    }

    static func multiplyAdds(of module: Module, outputShape: [Int]) -> Int {
        let perImage = outputShape.dropFirst().reduce(1, *)
        switch module {
        case let conv as Conv2d:
            return perImage * conv.inputChannels * conv.kernelSize * conv.kernelSize
        case let linear as Linear:
            return perImage * linear.inputFeatures
        default:
            return 0
        }
    }
}
