extension SGD {
    /// Everything an ``SGD`` learns while it runs, apart from the model: what a checkpoint must
    /// keep so a resumed run takes exactly the steps an uninterrupted one would.
    public struct State: Sendable, Equatable {
        /// The learning rate at the time of the snapshot.
        public var learningRate: Float
        /// How many steps had run.
        public var stepCount: Int
        /// The momentum buffer of every parameter updated so far, by state-dict name.
        public var momentumBuffers: [String: [Float]]

        /// Creates a state from its parts.
        public init(learningRate: Float, stepCount: Int, momentumBuffers: [String: [Float]]) {
            self.learningRate = learningRate
            self.stepCount = stepCount
            self.momentumBuffers = momentumBuffers
        }
    }

    /// A copy of the optimiser's state.
    public var state: State {
        State(learningRate: learningRate, stepCount: stepCount, momentumBuffers: momentumBuffers)
    }

    /// Replaces the optimiser's state with `state`, as saved by ``state``.
    ///
    /// - Precondition: every buffer names a parameter of ``model`` and has its number of values.
    public func restore(_ state: State) {
        let counts = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.name, $0.tensor.count) })
        for (name, buffer) in state.momentumBuffers {
            guard let count = counts[name] else {
                requirementFailure("SGD.restore: a momentum buffer names '\(name)', which is no parameter of the model")
            }
            require(
                buffer.count == count,
                "SGD.restore: the momentum buffer of \(name) has \(buffer.count) values, the parameter has \(count)")
        }
        learningRate = state.learningRate
        stepCount = state.stepCount
        momentumBuffers = state.momentumBuffers
    }
}
