import Synchronization

/// Observes every module call inside ``record(_:)``; summaries and traces use it to learn
/// shapes.
///
/// It is reached through a task-local, which any task started inside `record` inherits, so
/// the calls it keeps are guarded by a lock, and it keeps what a summary needs as plain values
/// (modules themselves are not `Sendable`).
final class ModuleCallRecorder: Sendable {
    @TaskLocal static var current: ModuleCallRecorder?

    /// One call of one module.
    struct Call: Sendable {
        /// The module's identity, to tell a second call of the same module from the first.
        let module: ObjectIdentifier
        /// Whether the module has no children (a layer that computes).
        let isLeaf: Bool
        /// The summary row of the call, named by the module's type and counting all the
        /// trainable scalars the module holds itself.
        let row: ModelSummary.Row
        /// The shape of the tensor the module was called on.
        let inputShape: [Int]
        /// How many module calls were open around this one (0 for the outermost).
        let nesting: Int
    }

    private struct State {
        var calls: [Call] = []
        /// The input shapes of the calls that have started and not yet ended, outermost first.
        var open: [[Int]] = []
    }

    private let state = Mutex(State())

    /// The calls so far, in the order they ended: a module's nested calls come before it.
    var calls: [Call] { state.withLock { $0.calls } }

    /// Notes that a module call starts on `input`; ``record(module:output:)`` ends it.
    func begin(input: Tensor) {
        state.withLock { $0.open.append(input.shape) }
    }

    func record(module: Module, output: Tensor) {
        let row = ModelSummary.Row(
            name: module.typeName, type: module.typeName, hyperparameters: module.hyperparameterDescription,
            outputShape: output.shape, parameters: module.ownParameterCount,
            multiplyAdds: ModelSummary.multiplyAdds(of: module, outputShape: output.shape))
        let isLeaf = module.children.isEmpty
        state.withLock { state in
            let input = state.open.popLast() ?? []
            state.calls.append(Call(
                module: ObjectIdentifier(module), isLeaf: isLeaf, row: row, inputShape: input, nesting: state.open.count))
        }
    }

    /// Runs `body` with this recorder observing module calls.
    func record<R>(_ body: () throws -> R) rethrows -> R {
        try ModuleCallRecorder.$current.withValue(self, operation: body)
    }
}
