extension Tensor {
    /// Whether this tensor takes part in automatic differentiation.
    ///
    /// Setting it to `true` makes the tensor a leaf whose ``gradient`` is filled by
    /// ``backward()``; setting it to `false` detaches it.
    public var requiresGradient: Bool {
        get { node != nil }
        set {
            if newValue {
                if node == nil { node = GradientNode(leafOfShape: shape) }
            } else {
                node = nil
            }
        }
    }

    /// The gradient accumulated by ``backward()``, or `nil` before any backward pass.
    ///
    /// For a leaf (a parameter, or an input marked with ``requiresGradient``) it is always kept;
    /// for an intermediate result only after ``retainGradient()``.
    public var gradient: Tensor? {
        get { node?.gradient }
        nonmutating set { node?.gradient = newValue }
    }

    /// Keeps this intermediate result's gradient after ``backward()`` (PyTorch's `retain_grad`).
    public func retainGradient() {
        node?.retainsGradient = true
    }

    /// Whether this tensor is a leaf of the autodiff graph (created, not computed).
    public var isLeaf: Bool { node?.isLeaf ?? true }

    /// A copy that shares the values but takes no part in autodiff.
    public func detached() -> Tensor {
        Tensor(shape: shape, storage: storage, node: nil)
    }

    /// Wraps the result of an operation, recording a node when gradients are on and any input
    /// requires them.
    static func result(
        of operation: String, shape: [Int], values: [Float], inputs: [Tensor],
        backward: @escaping GradientNode.BackwardFunction
    ) -> Tensor {
        result(of: operation, shape: shape, storage: TensorStorage(values), inputs: inputs, backward: backward)
    }

    /// ``result(of:shape:values:inputs:backward:)`` for a kernel that wrote its own storage.
    static func result(
        of operation: String, shape: [Int], storage: TensorStorage, inputs: [Tensor],
        backward: @escaping GradientNode.BackwardFunction
    ) -> Tensor {
        var output = Tensor(shape: shape, storage: storage)
        if needsGradient(inputs) {
            output.node = GradientNode(
                operation: operation, shape: shape, inputs: inputs.map(\.node), backward: backward)
        }
        return output
    }

    /// Whether an operation on `inputs` is recorded: gradients are on and some input needs one.
    static func needsGradient(_ inputs: [Tensor]) -> Bool {
        GradientMode.isEnabled && inputs.contains { $0.node != nil }
    }

    /// Computes the gradient of this scalar with respect to every tensor that requires one.
    ///
    /// Gradients accumulate: a tensor used twice (the input of a residual block) receives the sum
    /// of both contributions, and a second backward pass adds to the first, as in PyTorch. Call
    /// ``Module/zeroGradients()`` (or set ``gradient`` to `nil`) between steps.
    public func backward() {
        require(count == 1, "backward() needs a scalar, this tensor has shape \(shape)")
        backward(seed: Tensor(shape: shape, repeating: 1))
    }

    /// Back-propagates `seed`, the gradient of some scalar with respect to this tensor.
    public func backward(seed: Tensor) {
        require(seed.shape == shape, "backward seed has shape \(seed.shape), tensor has shape \(shape)")
        guard let root = node else {
            requirementFailure("backward() on a tensor that does not require gradients (shape \(shape))")
        }
        let order = GradientNode.topologicalOrder(from: root)
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed]
        withoutGradients {
            for current in order {
                guard let incoming = pending.removeValue(forKey: ObjectIdentifier(current)) else { continue }
                // Taking the function out frees the saved activations once used, like PyTorch
                // without retain_graph.
                guard let (backwardFunction, inputs) = current.takeBackward() else {
                    // An operation without its backward function was freed by an earlier pass;
                    // storing the gradient here would silently starve everything below it.
                    require(
                        current.isLeaf,
                        "backward() reached the result of \(current.operation) (shape \(current.shape)) whose graph an earlier backward() already freed; recompute the forward pass for each backward pass")
                    current.accumulate(incoming)
                    continue
                }
                if current.retainsGradient { current.accumulate(incoming) }
                let inputGradients = backwardFunction(incoming)
                require(
                    inputGradients.count == inputs.count,
                    "backward of \(current.operation) returned \(inputGradients.count) gradients for \(inputs.count) inputs")
                for (input, gradient) in zip(inputs, inputGradients) {
                    guard let input, let gradient else { continue }
                    require(
                        gradient.shape == input.shape,
                        "backward of \(current.operation) produced a gradient of shape \(gradient.shape) for an input of shape \(input.shape)")
                    let key = ObjectIdentifier(input)
                    if let existing = pending[key] {
                        pending[key] = existing.addingValues(gradient)
                    } else {
                        pending[key] = gradient
                    }
                }
            }
        }
    }
}

extension GradientNode {
    /// Nodes reachable from `root`, each before all of its inputs.
    static func topologicalOrder(from root: GradientNode) -> [GradientNode] {
        var visited = Set<ObjectIdentifier>()
        var postOrder: [GradientNode] = []
        // Iterative depth-first search: a ResNet-152 graph is deep enough to make recursion risky.
        // Each node's inputs are read once, under its lock.
        var stack: [(node: GradientNode, inputs: [GradientNode?], nextInput: Int)] = [(root, root.inputs, 0)]
        visited.insert(ObjectIdentifier(root))
        while !stack.isEmpty {
            let (node, inputs, nextInput) = stack[stack.count - 1]
            if nextInput < inputs.count {
                stack[stack.count - 1].nextInput += 1
                if let child = inputs[nextInput], visited.insert(ObjectIdentifier(child)).inserted {
                    stack.append((child, child.inputs, 0))
                }
            } else {
                postOrder.append(node)
                stack.removeLast()
            }
        }
        return postOrder.reversed()
    }
}
