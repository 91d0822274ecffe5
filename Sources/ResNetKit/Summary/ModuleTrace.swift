/// The tree of module calls one forward pass makes, with the shape that goes into and comes out
/// of every call: what a block diagram of the model draws.
///
/// Unlike ``ModelSummary``, which keeps the computing layers only, a trace keeps every call,
/// containers and blocks included, nested as they ran, so a reader of it sees which calls make
/// up a block and in which order its layers ran.
public struct ModuleTrace: Hashable, Sendable {
    /// One call of one module and the calls it made.
    public struct Call: Hashable, Sendable {
        /// The module's dotted path inside the traced model (`layer2.0.conv1`), `""` for the model.
        public var path: String
        /// The class name, e.g. `Conv2d`.
        public var type: String
        /// The hyperparameters as summaries show them (`64, 128, kernel_size=3, stride=2, …`).
        public var hyperparameters: String
        /// The shape of the tensor the module was called on.
        public var inputShape: [Int]
        /// The shape of the tensor it returned.
        public var outputShape: [Int]
        /// Trainable scalars of the module and everything below it; 0 on a second call of the
        /// same module, so that adding up the calls of one level counts every parameter once.
        public var parameters: Int
        /// Whether the same module was called before in this pass (a shared ReLU, say).
        public var isRepeat: Bool
        /// The module calls made inside this one, in the order they started.
        public var calls: [Call]
    }

    /// The call of the traced model itself.
    public var root: Call

    /// Runs `model` once on zeros of `inputShape` in evaluation mode without gradients,
    /// recording every module call; the model's training mode is restored afterwards.
    public init(of model: Module, inputShape: [Int]) {
        require(
            !inputShape.isEmpty && inputShape.allSatisfy { $0 > 0 },
            "ModuleTrace needs an input shape of positive sizes, got \(inputShape)")
        let wasTraining = model.isTraining
        model.eval()
        defer { if wasTraining { model.train() } }
        let modules = model.namedModules()
        let names = Dictionary(modules.map { (ObjectIdentifier($0.module), $0.name) }, uniquingKeysWith: { first, _ in first })
        let counts = Dictionary(
            modules.map { (ObjectIdentifier($0.module), $0.module.parameterCount) }, uniquingKeysWith: { first, _ in first })
        let recorder = ModuleCallRecorder()
        withoutGradients {
            recorder.record { _ = model(Tensor.zeros(inputShape)) }
        }
        // The recorder lists calls as they end, nested calls first, each with its nesting: a
        // call takes as its own the calls one level deeper that ended since the last call at
        // its level.
        var seen = Set<ObjectIdentifier>()
        var pending: [(nesting: Int, call: Call)] = []
        for recorded in recorder.calls {
            var children: [Call] = []
            while let last = pending.last, last.nesting > recorded.nesting {
                children.append(last.call)
                pending.removeLast()
            }
            let first = seen.insert(recorded.module).inserted
            let call = Call(
                path: names[recorded.module] ?? recorded.row.type, type: recorded.row.type,
                hyperparameters: recorded.row.hyperparameters, inputShape: recorded.inputShape,
                outputShape: recorded.row.outputShape, parameters: first ? counts[recorded.module] ?? 0 : 0,
                isRepeat: !first, calls: children.reversed())
            pending.append((recorded.nesting, call))
        }
        require(pending.count == 1, "ModuleTrace expected one outermost call, recorded \(pending.count)")
        root = pending[0].call
    }
}
