extension Module {
    /// Every module in the tree with its dotted name, the root first with the name `""`.
    public func namedModules() -> [(name: String, module: Module)] {
        var result: [(String, Module)] = []
        walk { prefix, module, _ in result.append((prefix, module)) }
        return result
    }

    /// The module's quoted path with a leading space, for messages; empty for a lone layer.
    var displayName: String {
        let path = self.path
        return path.isEmpty ? "" : " '\(path)'"
    }

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
        walk { prefix, _, members in
            for (name, slot) in members.parameters {
                if let tensor = slot.tensor { result.append((Module.join(prefix, name), tensor)) }
            }
        }
        return result
    }

    /// Every trainable tensor.
    public var parameters: [Tensor] { namedParameters().map(\.tensor) }

    /// The number of trainable scalars.
    public var parameterCount: Int { namedParameters().reduce(0) { $0 + $1.tensor.count } }

    /// The number of trainable scalars this module holds itself, without its children's.
    var ownParameterCount: Int {
        reflectedMembers().parameters.reduce(0) { $0 + ($1.slot.tensor?.count ?? 0) }
    }

    /// Lets `body` change every trainable tensor in place; optimisers use it.
    ///
    /// Whatever `body` does, each parameter is a trainable leaf afterwards (see ``Parameter``).
    public func updateParameters(_ body: (_ name: String, _ parameter: inout Tensor) -> Void) {
        walk { prefix, _, members in
            for (name, slot) in members.parameters {
                slot.update { body(Module.join(prefix, name), &$0) }
            }
        }
    }

    /// Lets `body` change every buffer in place.
    public func updateBuffers(_ body: (_ name: String, _ buffer: inout Tensor) -> Void) {
        walk { prefix, _, members in
            for (name, slot) in members.buffers {
                slot.update { body(Module.join(prefix, name), &$0) }
            }
        }
    }

    /// Parameters and buffers by name, in PyTorch's `state_dict()` order: each module's
    /// parameters, then its buffers, then its children.
    public func stateDict() -> [(name: String, tensor: Tensor)] {
        var result: [(String, Tensor)] = []
        walk { prefix, _, members in
            for (name, slot) in members.parameters + members.buffers {
                if let tensor = slot.tensor { result.append((Module.join(prefix, name), tensor.detached())) }
            }
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
        for tensor in parameters { tensor.gradient = nil }
    }

    /// Switches this module and all below it to training mode.
    public func train() {
        for (_, module) in namedModules() { module.setTraining(true) }
    }

    /// Switches this module and all below it to evaluation mode (BN uses running statistics).
    public func eval() {
        for (_, module) in namedModules() { module.setTraining(false) }
    }

    /// Sets ``recordsOutputGradient`` on this module and every module below it.
    public func recordOutputGradients(_ enabled: Bool = true) {
        for (_, module) in namedModules() { module.recordsOutputGradient = enabled }
    }
}

extension Tensor {
    /// A copy with its own storage, detached from autodiff.
    public func deepCopy() -> Tensor {
        Tensor(shape: shape, values: values)
    }
}
