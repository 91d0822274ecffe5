/// The base class of every layer and model: a function of a tensor with parameters, buffers and
/// named child modules, like PyTorch's `nn.Module`.
///
/// Subclasses store their trainable tensors as `var` properties and report them through
/// ``forEachOwnParameter(_:)``, their non-trainable state (BN running statistics) through
/// ``forEachOwnBuffer(_:)`` and their sub-layers through ``children``. Names then compose into
/// PyTorch state-dict keys such as `layer1.0.bn1.running_mean`.
open class Module {
    /// Whether the module is in training mode (batch statistics in BN) or evaluation mode.
    public private(set) var isTraining = true

    /// The dotted path of this module inside the model that owns it (`layer2.0.conv1`), set by
    /// ``assignPaths()``; error messages and summaries use it.
    public internal(set) var path = ""

    /// Whether calls keep the output's gradient for ``outputGradient``.
    public var recordsOutputGradient = false
    private var lastOutputGradientHolder: Tensor?

    /// Creates a module in training mode.
    public init() {}

    /// The sub-modules, in the order their names appear in the state dict.
    open var children: [(name: String, module: Module)] { [] }

    /// Visits the trainable tensors this module owns directly (not those of its children).
    open func forEachOwnParameter(_ body: (_ name: String, _ parameter: inout Tensor) -> Void) {}

    /// Visits the non-trainable state this module owns directly, such as running statistics.
    open func forEachOwnBuffer(_ body: (_ name: String, _ buffer: inout Tensor) -> Void) {}

    /// The computation. Call the module itself (``callAsFunction(_:)``), not this method.
    open func forward(_ input: Tensor) -> Tensor {
        requirementFailure("\(typeName) does not implement forward(_:)")
    }

    /// Runs the module on `input`.
    public final func callAsFunction(_ input: Tensor) -> Tensor {
        let output = forward(input)
        if recordsOutputGradient, output.requiresGradient {
            output.retainGradient()
            lastOutputGradientHolder = output
        }
        if let recorder = ModuleCallRecorder.current {
            recorder.record(module: self, input: input, output: output)
        }
        return output
    }

    /// The gradient that reached this module's output in the last backward pass, when
    /// ``recordsOutputGradient`` was set before the forward pass.
    public var outputGradient: Tensor? { lastOutputGradientHolder?.gradient }

    /// The class name, as shown in summaries.
    public var typeName: String { String(describing: type(of: self)) }

    /// A one-line description of the hyperparameters, as shown in summaries (`64, 128, k=3, s=2`).
    open var hyperparameterDescription: String { "" }
}

extension Module {
    /// Every module in the tree with its dotted name, the root first with the name `""`.
    public func namedModules() -> [(name: String, module: Module)] {
        var result: [(String, Module)] = []
        func visit(_ module: Module, prefix: String) {
            result.append((prefix, module))
            for (name, child) in module.children {
                visit(child, prefix: prefix.isEmpty ? name : "\(prefix).\(name)")
            }
        }
        visit(self, prefix: "")
        return result
    }

    /// Records every module's dotted path in ``path``; models call it once they are assembled.
    public func assignPaths() {
        for (name, module) in namedModules() { module.path = name }
    }

    /// The module's quoted path with a leading space, for messages; empty for a lone layer.
    var displayName: String { path.isEmpty ? "" : " '\(path)'" }

    /// The modules without children: the layers that compute.
    public func leafModules() -> [(name: String, module: Module)] {
        namedModules().filter { $0.module.children.isEmpty }
    }

    /// The module at a dotted path such as `layer2.0.conv1`, or `nil`.
    public func module(named path: String) -> Module? {
        namedModules().first { $0.name == path }?.module
    }

    /// Every trainable tensor with its state-dict name, in state-dict order.
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        var result: [(String, Tensor)] = []
        for (prefix, module) in namedModules() {
            module.forEachOwnParameter { name, tensor in result.append((Module.join(prefix, name), tensor)) }
        }
        return result
    }

    /// Every trainable tensor.
    public var parameters: [Tensor] { namedParameters().map(\.tensor) }

    /// The number of trainable scalars.
    public var parameterCount: Int { namedParameters().reduce(0) { $0 + $1.tensor.count } }

    /// Lets `body` change every trainable tensor in place; optimisers use it.
    public func updateParameters(_ body: (_ name: String, _ parameter: inout Tensor) -> Void) {
        for (prefix, module) in namedModules() {
            module.forEachOwnParameter { name, tensor in body(Module.join(prefix, name), &tensor) }
        }
    }

    /// Lets `body` change every buffer in place.
    public func updateBuffers(_ body: (_ name: String, _ buffer: inout Tensor) -> Void) {
        for (prefix, module) in namedModules() {
            module.forEachOwnBuffer { name, tensor in body(Module.join(prefix, name), &tensor) }
        }
    }

    /// Parameters and buffers by name, in PyTorch's `state_dict()` order: each module's
    /// parameters, then its buffers, then its children.
    public func stateDict() -> [(name: String, tensor: Tensor)] {
        var result: [(String, Tensor)] = []
        for (prefix, module) in namedModules() {
            module.forEachOwnParameter { name, tensor in result.append((Module.join(prefix, name), tensor.detached())) }
            module.forEachOwnBuffer { name, tensor in result.append((Module.join(prefix, name), tensor.detached())) }
        }
        return result
    }

    /// Replaces parameters and buffers with the tensors of the same name.
    ///
    /// - Throws: ``ResNetKitError/stateDictMismatch(missing:unexpected:wrongShapes:)`` if a name
    ///   is missing or left over (when `strict`) or a shape differs; nothing is changed then.
    public func loadStateDict(_ state: [String: Tensor], strict: Bool = true) throws {
        let own = stateDict()
        let ownNames = Set(own.map(\.name))
        let missing = own.map(\.name).filter { state[$0] == nil }
        let unexpected = state.keys.filter { !ownNames.contains($0) }.sorted()
        let wrongShapes = own.compactMap { entry -> String? in
            guard let given = state[entry.name], given.shape != entry.tensor.shape else { return nil }
            return "\(entry.name): expected \(entry.tensor.shape), got \(given.shape)"
        }
        if (strict && (!missing.isEmpty || !unexpected.isEmpty)) || !wrongShapes.isEmpty {
            throw ResNetKitError.stateDictMismatch(missing: strict ? missing : [], unexpected: strict ? unexpected : [], wrongShapes: wrongShapes)
        }
        updateParameters { name, tensor in if let given = state[name] { tensor.assign(given) } }
        updateBuffers { name, tensor in if let given = state[name] { tensor.assign(given) } }
    }

    /// Copies every parameter and buffer, for restoring later (early stopping keeps the best).
    public func snapshot() -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: stateDict().map { ($0.name, $0.tensor.deepCopy()) })
    }

    /// Clears every parameter's gradient.
    public func zeroGradients() {
        for (_, module) in namedModules() {
            module.forEachOwnParameter { _, tensor in tensor.gradient = nil }
        }
    }

    /// Switches this module and all below it to training mode.
    public func train() { setTraining(true) }

    /// Switches this module and all below it to evaluation mode (BN uses running statistics).
    public func eval() { setTraining(false) }

    private func setTraining(_ training: Bool) {
        for (_, module) in namedModules() { module.isTraining = training }
    }

    /// Sets ``recordsOutputGradient`` on this module and every module below it.
    public func recordOutputGradients(_ enabled: Bool = true) {
        for (_, module) in namedModules() { module.recordsOutputGradient = enabled }
    }

    static func join(_ prefix: String, _ name: String) -> String {
        prefix.isEmpty ? name : "\(prefix).\(name)"
    }
}

extension Tensor {
    /// A copy with its own storage, detached from autodiff.
    public func deepCopy() -> Tensor {
        Tensor(shape: shape, values: values)
    }
}
