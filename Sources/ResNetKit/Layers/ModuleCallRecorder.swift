import Synchronization

/// Observes every module call inside ``record(_:)``; summaries use it to learn output shapes.
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
    }

    private let state = Mutex<[Call]>([])

    /// The calls so far, in call order.
    var calls: [Call] { state.withLock { $0 } }

    func record(module: Module, output: Tensor) {
        let row = ModelSummary.Row(
            name: module.typeName, type: module.typeName, hyperparameters: module.hyperparameterDescription,
            outputShape: output.shape, parameters: module.ownParameterCount,
            multiplyAdds: ModelSummary.multiplyAdds(of: module, outputShape: output.shape))
        let call = Call(module: ObjectIdentifier(module), isLeaf: module.children.isEmpty, row: row)
        state.withLock { $0.append(call) }
    }

    /// Runs `body` with this recorder observing module calls.
    func record<R>(_ body: () throws -> R) rethrows -> R {
        try ModuleCallRecorder.$current.withValue(self, operation: body)
    }
}
