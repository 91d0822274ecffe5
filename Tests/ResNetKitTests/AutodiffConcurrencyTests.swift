import ResNetKit
import Testing

@Suite("Tensors cross tasks soundly")
struct AutodiffConcurrencyTests {
    @Test("Tasks back-propagating through one shared leaf each add their whole gradient")
    func concurrentBackward() async {
        var leaf = Tensor([1, 2, 3])
        leaf.requiresGradient = true
        let shared = leaf
        let tasks = 16
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<tasks {
                group.addTask { (shared * shared).sum().backward() }
            }
        }
        // d/dw Σ w² = 2w, once per task.
        #expect(leaf.gradient == Tensor([1, 2, 3].map { Float(2 * tasks) * $0 }))
    }

    @Test("A model's parameters can be read from another task")
    func parametersInAnotherTask() async {
        let weights = Linear(inputFeatures: 3, outputFeatures: 2, seed: 1).parameters
        let total = await Task.detached { weights.map { $0.sum().scalar }.reduce(0, +) }.value
        #expect(total == weights.map { $0.sum().scalar }.reduce(0, +))
    }
}
