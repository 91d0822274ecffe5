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
        /// The module's class name.
        let typeName: String
        /// The module's hyperparameter description.
        let hyperparameters: String
        /// The trainable scalars the module holds itself.
        let ownParameters: Int
        /// The multiply-adds of the call, for one image.
        let multiplyAdds: Int
        let inputShape: [Int]
        let outputShape: [Int]
    }

    private let state = Mutex<[Call]>([])

    /// The calls so far, in call order.
    var calls: [Call] { state.withLock { $0 } }

    func record(module: Module, input: Tensor, output: Tensor) {
        let call = Call(
            module: ObjectIdentifier(module), isLeaf: module.children.isEmpty, typeName: module.typeName,
            hyperparameters: module.hyperparameterDescription, ownParameters: module.ownParameterCount,
            multiplyAdds: ModelSummary.multiplyAdds(of: module, outputShape: output.shape),
            inputShape: input.shape, outputShape: output.shape)
        state.withLock { $0.append(call) }
    }

    /// Runs `body` with this recorder observing module calls.
    func record<R>(_ body: () throws -> R) rethrows -> R {
        try ModuleCallRecorder.$current.withValue(self, operation: body)
    }
}
