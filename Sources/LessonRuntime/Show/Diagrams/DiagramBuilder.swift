/// Turns a traced forward pass into diagram steps: which calls become boxes, which blocks are
/// opened with their shortcut, and what each box says.
struct DiagramBuilder {
    /// Every module of the drawn tree by its dotted path.
    private let modules: [String: Module]

    init(root: Module) {
        modules = Dictionary(root.namedModules().map { ($0.name, $0.module) }, uniquingKeysWith: { first, _ in first })
    }

    /// The steps that draw `call` with `depth` more levels to open.
    func steps(for call: ModuleCall, depth: Int) -> [DiagramStep] {
        let module = modules[call.path]
        if depth == 0 || call.calls.isEmpty || module == nil {
            return [.box(box(for: call))]
        }
        if let module, let residual = residual(module, call) {
            return [.residual(residual)]
        }
        return call.calls.flatMap { steps(for: $0, depth: depth - 1) }
    }

    /// A closed box for `call`.
    func box(for call: ModuleCall) -> DiagramBox {
        guard let module = modules[call.path] else {
            return DiagramBox(
                kind: .other, label: call.type, path: call.path, inputShape: call.inputShape,
                outputShape: call.outputShape, parameters: call.parameters)
        }
        return DiagramBox(
            kind: Self.kind(of: module), label: label(of: module, call: call), path: call.path,
            inputShape: call.inputShape, outputShape: call.outputShape, parameters: call.parameters,
            shortcut: shortcutKind(of: module))
    }

    /// The open drawing of a residual block, or `nil` if `module` is none (or a plain twin).
    private func residual(_ module: Module, _ call: ModuleCall) -> DiagramResidual? {
        let downsample: Module?
        switch module {
        case let block as BasicBlock where block.isResidual: downsample = block.downsample
        case let block as Bottleneck where block.isResidual: downsample = block.downsample
        default: return nil
        }
        // A residual block ends with the ReLU after the sum; the shortcut's calls are the
        // downsample module's; everything else is the residual branch, in call order.
        let shortcutPath = Self.join(call.path, "downsample")
        let shortcutCall = call.calls.first { $0.path == shortcutPath }
        let others = call.calls.filter { $0.path != shortcutPath }
        guard let last = others.last, downsample == nil || shortcutCall != nil else { return nil }
        let shortcut: DiagramShortcut
        switch (downsample, shortcutCall) {
        case (is ZeroPaddingShortcut, let shortcutCall?):
            shortcut = DiagramShortcut(
                kind: .zeroPadding, label: DiagramShortcut.name(of: .zeroPadding),
                boxes: [box(for: shortcutCall)],
                outputShape: shortcutCall.outputShape, parameters: 0)
        case (_?, let shortcutCall?):
            let layers = shortcutCall.calls.isEmpty ? [shortcutCall] : shortcutCall.calls
            shortcut = DiagramShortcut(
                kind: .projection, label: DiagramShortcut.name(of: .projection), boxes: layers.map(box(for:)),
                outputShape: shortcutCall.outputShape, parameters: shortcutCall.parameters)
        default:
            shortcut = DiagramShortcut(
                kind: .identity, label: DiagramShortcut.name(of: .identity), boxes: [], outputShape: call.inputShape,
                parameters: 0)
        }
        return DiagramResidual(
            label: label(of: module, call: call), path: call.path, inputShape: call.inputShape,
            outputShape: call.outputShape, parameters: call.parameters, branch: others.dropLast().map(box(for:)),
            shortcut: shortcut, afterSum: [box(for: last)])
    }

    /// What a box of `module` says: its class and the hyperparameters a reader looks for.
    func label(of module: Module, call: ModuleCall) -> String {
        switch module {
        case let conv as Conv2d:
            return "Conv2d \(conv.kernelSize)×\(conv.kernelSize), \(conv.inputChannels)→\(conv.outputChannels)"
                + Self.stride(conv.stride)
        case let norm as BatchNorm2d:
            return "BatchNorm2d, \(norm.features) channels"
        case let pool as MaxPool2d:
            return "MaxPool2d \(pool.kernelSize)×\(pool.kernelSize)" + Self.stride(pool.stride)
        case let linear as Linear:
            return "Linear \(linear.inputFeatures)→\(linear.outputFeatures)"
        case let layer as ZeroPaddingShortcut:
            return zeroPaddingLabel(layer, call)
        case let block as BasicBlock:
            let plain = block.isResidual ? "" : " (plain)"
            return "BasicBlock\(plain) \(block.conv1.inputChannels)→\(block.conv2.outputChannels)" + Self.stride(block.conv1.stride)
        case let block as Bottleneck:
            let plain = block.isResidual ? "" : " (plain)"
            let stride = max(block.conv1.stride, block.conv2.stride)
            let place = stride == 1 ? "" : " on the \(block.conv1.stride > 1 ? "1×1" : "3×3")"
            return "Bottleneck\(plain) \(block.conv1.inputChannels)→\(block.conv1.outputChannels)→\(block.conv3.outputChannels)"
                + Self.stride(stride) + place
        case let sequence as Sequential:
            let types = sequence.layers.map(\.typeName)
            if let first = types.first, types.allSatisfy({ $0 == first }) {
                return "Sequential, \(types.count) × \(first)"
            }
            return "Sequential, \(types.count) layers"
        default:
            let hyperparameters = module.hyperparameterDescription
            return module.typeName + (hyperparameters.isEmpty ? "" : " (\(hyperparameters))")
        }
    }

    private func zeroPaddingLabel(_ layer: ZeroPaddingShortcut, _ call: ModuleCall) -> String {
        let inputChannels = call.inputShape.count > 1 ? call.inputShape[1] : 0
        return "ZeroPaddingShortcut \(inputChannels)→\(layer.outputChannels)" + Self.stride(layer.stride)
    }

    private func shortcutKind(of module: Module) -> DiagramShortcut.Kind? {
        let (residual, downsample): (Bool, Module?)
        switch module {
        case let block as BasicBlock: (residual, downsample) = (block.isResidual, block.downsample)
        case let block as Bottleneck: (residual, downsample) = (block.isResidual, block.downsample)
        default: return nil
        }
        guard residual else { return nil }
        switch downsample {
        case nil: return .identity
        case is ZeroPaddingShortcut: return .zeroPadding
        default: return .projection
        }
    }

    static func kind(of module: Module) -> DiagramBox.Kind {
        switch module {
        case is Conv2d: .convolution
        case is BatchNorm2d: .normalization
        case is ReLU: .activation
        case is MaxPool2d, is GlobalAvgPool2d: .pooling
        case is Linear: .linear
        case is Flatten: .reshape
        case is ZeroPaddingShortcut: .shortcut
        case is BasicBlock, is Bottleneck: .block
        case is Sequential, is ResNet, is CIFARResNet: .container
        default: .other
        }
    }

    /// `steps` with a reshape box wherever one step's output is not the next one's input, as
    /// when a network flattens its pooled features before the classifier without a module.
    static func joiningShapes(_ steps: [DiagramStep], input: [Int]) -> [DiagramStep] {
        var joined: [DiagramStep] = []
        var shape = input
        for step in steps {
            if step.inputShape != shape {
                joined.append(.box(DiagramBox(
                    kind: .reshape, label: "reshape (no module)", path: "", inputShape: shape,
                    outputShape: step.inputShape, parameters: 0)))
            }
            joined.append(step)
            shape = step.outputShape
        }
        return joined
    }

    private static func stride(_ stride: Int) -> String {
        stride == 1 ? "" : ", stride \(stride)"
    }

    private static func join(_ prefix: String, _ name: String) -> String {
        prefix.isEmpty ? name : "\(prefix).\(name)"
    }
}
