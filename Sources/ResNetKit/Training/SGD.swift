/// Stochastic gradient descent with momentum, weight decay and Nesterov momentum, following
/// the update rule of PyTorch's `torch.optim.SGD`.
///
/// For every parameter `p` with gradient `g`, one ``step()`` computes
///
/// ```
/// d = g + weightDecay · p
/// buf = d                                    (first step)
/// buf = momentum · buf + (1 − dampening) · d (later steps)
/// d = nesterov ? d + momentum · buf : buf    (when momentum ≠ 0)
/// p = p − learningRate · d
/// ```
///
/// The optimiser holds its model, as PyTorch's holds the parameters: create it once, then call
/// ``step()`` after every backward pass. Momentum buffers are keyed by state-dict name
/// (`layer1.0.conv1.weight`), so they follow a parameter even if the module tree is rebuilt with
/// the same names.
public final class SGD {
    /// The model whose parameters this optimiser updates.
    public let model: Module
    /// The step size; a scheduler such as ``StepLR`` lowers it during training.
    public var learningRate: Float
    /// The weight of the previous update in the momentum buffer (0 turns momentum off).
    public let momentum: Float
    /// How much of the new gradient is held back from the momentum buffer (PyTorch's default 0).
    public let dampening: Float
    /// The L2 penalty, added to the gradient as `weightDecay · p`.
    public let weightDecay: Float
    /// Whether to use Nesterov momentum (look ahead along the buffer).
    public let nesterov: Bool
    /// How many times ``step()`` has run.
    public internal(set) var stepCount = 0

    /// The momentum buffer of every parameter updated so far, by state-dict name.
    var momentumBuffers: [String: [Float]] = [:]

    /// Creates an optimiser for every trainable parameter of `model`.
    ///
    /// - Precondition: the learning rate, momentum and weight decay are not negative, and
    ///   Nesterov momentum has a positive momentum and zero dampening (as PyTorch requires).
    public init(
        for model: Module, learningRate: Float, momentum: Float = 0, dampening: Float = 0,
        weightDecay: Float = 0, nesterov: Bool = false
    ) {
        require(learningRate >= 0, "SGD needs a non-negative learning rate, got \(learningRate)")
        require(momentum >= 0, "SGD needs a non-negative momentum, got \(momentum)")
        require(weightDecay >= 0, "SGD needs a non-negative weight decay, got \(weightDecay)")
        require(
            !nesterov || (momentum > 0 && dampening == 0),
            "Nesterov momentum needs momentum > 0 and dampening 0, got momentum \(momentum), dampening \(dampening)")
        self.model = model
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    /// The momentum buffer of the parameter called `name`, or `nil` before its first update.
    public func momentumBuffer(for name: String) -> [Float]? {
        momentumBuffers[name]
    }

    /// Updates every parameter that has a gradient; parameters without one are left alone.
    ///
    /// The values are overwritten in place, so each parameter keeps its place in the model and
    /// its autodiff leaf (the next forward pass records against the same tensor).
    public func step() {
        let (lr, mu, decay) = (learningRate, momentum, weightDecay)
        let (keep, look) = (1 - dampening, nesterov)
        model.updateParameters { name, parameter in
            guard let gradient = parameter.gradient else { return }
            require(
                gradient.shape == parameter.shape,
                "SGD: gradient of \(name) has shape \(gradient.shape), parameter has shape \(parameter.shape)")
            // Taking the buffer out of the dictionary keeps it uniquely referenced, so writing to
            // it does not copy.
            var buffer = mu != 0 ? momentumBuffers.removeValue(forKey: name) : nil
            let firstStep = buffer == nil
            if mu != 0 && firstStep { buffer = [Float](repeating: 0, count: parameter.count) }
            require(
                buffer == nil || buffer!.count == parameter.count,
                "SGD: momentum buffer of \(name) has \(buffer!.count) values, parameter has shape \(parameter.shape)")
            parameter.withMutableValues { p in
                gradient.withValues { g in
                    if mu == 0 {
                        for i in 0..<p.count {
                            let d = g[i] + decay * p[i]
                            p[i] -= lr * d
                        }
                        return
                    }
                    buffer!.withUnsafeMutableBufferPointer { b in
                        for i in 0..<p.count {
                            var d = g[i] + decay * p[i]
                            b[i] = firstStep ? d : mu * b[i] + keep * d
                            d = look ? d + mu * b[i] : b[i]
                            p[i] -= lr * d
                        }
                    }
                }
            }
            if let buffer { momentumBuffers[name] = buffer }
        }
        stepCount += 1
    }

    /// Clears the gradient of every parameter of the model (`optimizer.zero_grad()`).
    public func zeroGradients() {
        model.zeroGradients()
    }
}
