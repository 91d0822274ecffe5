/// Observes every module call inside ``record(_:)``; summaries use it to learn output shapes.
final class ModuleCallRecorder: @unchecked Sendable {
    @TaskLocal static var current: ModuleCallRecorder?

    struct Call {
        let module: Module
        let inputShape: [Int]
        let outputShape: [Int]
    }

    private(set) var calls: [Call] = []

    func record(module: Module, input: Tensor, output: Tensor) {
        calls.append(Call(module: module, inputShape: input.shape, outputShape: output.shape))
    }

    /// Runs `body` with this recorder observing module calls.
    func record<R>(_ body: () throws -> R) rethrows -> R {
        try ModuleCallRecorder.$current.withValue(self, operation: body)
    }
}
