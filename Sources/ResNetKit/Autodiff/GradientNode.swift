/// One vertex of the autodiff graph: a leaf that accumulates a gradient, or an operation that
/// maps the gradient of its output to gradients of its inputs.
final class GradientNode {
    /// Maps the gradient of this node's output to one gradient per input (`nil` where the input
    /// needs none). Cleared after a backward pass so saved activations are freed.
    var backwardFunction: ((Tensor) -> [Tensor?])?
    /// The nodes of the inputs, aligned with what `backwardFunction` returns.
    var inputs: [GradientNode?]
    /// The accumulated gradient: always kept for leaves, kept for operations when retained.
    var gradient: Tensor?
    /// Whether an operation's gradient is kept after ``Tensor/backward()`` (PyTorch's `retain_grad`).
    var retainsGradient = false
    /// The shape of the tensor this node belongs to.
    let shape: [Int]
    /// A short description of the operation, used in error messages.
    let operation: String

    var isLeaf: Bool { backwardFunction == nil && inputs.isEmpty && operation == "leaf" }

    init(leafOfShape shape: [Int]) {
        self.shape = shape
        self.inputs = []
        self.backwardFunction = nil
        self.operation = "leaf"
    }

    init(operation: String, shape: [Int], inputs: [GradientNode?], backward: @escaping (Tensor) -> [Tensor?]) {
        self.operation = operation
        self.shape = shape
        self.inputs = inputs
        self.backwardFunction = backward
    }

    func accumulate(_ incoming: Tensor) {
        if let existing = gradient {
            gradient = existing.addingValues(incoming)
        } else {
            gradient = incoming
        }
    }
}
