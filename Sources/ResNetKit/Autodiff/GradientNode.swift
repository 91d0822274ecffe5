import Synchronization

/// One vertex of the autodiff graph: a leaf that accumulates a gradient, or an operation that
/// maps the gradient of its output to gradients of its inputs.
///
/// Copies of a ``Tensor`` share their node, and tensors cross tasks (a dataset's batches, a
/// model's parameters), so the node's mutable state sits behind a lock: two tasks that
/// back-propagate through a shared tensor serialise on each node they both reach instead of
/// racing. That makes the node, and with it `Tensor`, `Sendable` without an unchecked claim.
final class GradientNode: Sendable {
    /// Maps the gradient of an operation's output to one gradient per input (`nil` where the
    /// input needs none).
    typealias BackwardFunction = @Sendable (Tensor) -> [Tensor?]

    private struct State {
        /// Cleared after a backward pass so saved activations are freed.
        var backwardFunction: BackwardFunction?
        /// The nodes of the inputs, aligned with what `backwardFunction` returns.
        var inputs: [GradientNode?]
        /// The accumulated gradient: always kept for leaves, kept for operations when retained.
        var gradient: Tensor?
        /// Whether an operation's gradient is kept after backward (PyTorch's `retain_grad`).
        var retainsGradient = false
    }

    private let state: Mutex<State>
    /// The shape of the tensor this node belongs to.
    let shape: [Int]
    /// A short description of the operation, used in error messages.
    let operation: String

    init(leafOfShape shape: [Int]) {
        self.shape = shape
        self.operation = "leaf"
        self.state = Mutex(State(backwardFunction: nil, inputs: []))
    }

    init(operation: String, shape: [Int], inputs: [GradientNode?], backward: @escaping BackwardFunction) {
        self.operation = operation
        self.shape = shape
        self.state = Mutex(State(backwardFunction: backward, inputs: inputs))
    }

    var isLeaf: Bool { operation == "leaf" }

    /// The nodes of the inputs (empty for a leaf, or once a backward pass freed the operation).
    var inputs: [GradientNode?] { state.withLock { $0.inputs } }

    /// The accumulated gradient.
    var gradient: Tensor? {
        get { state.withLock { $0.gradient } }
        set { state.withLock { $0.gradient = newValue } }
    }

    /// Whether the gradient of an operation is kept after backward.
    var retainsGradient: Bool {
        get { state.withLock { $0.retainsGradient } }
        set { state.withLock { $0.retainsGradient = newValue } }
    }

    /// Takes the backward function and the inputs out of the node, freeing what it saved: a
    /// graph is back-propagated once, as in PyTorch without `retain_graph`. Returns `nil` for a
    /// leaf or an operation an earlier pass already freed.
    func takeBackward() -> (function: BackwardFunction, inputs: [GradientNode?])? {
        state.withLock { state in
            guard let function = state.backwardFunction else { return nil }
            let inputs = state.inputs
            state.backwardFunction = nil
            state.inputs = []
            return (function, inputs)
        }
    }

    /// Adds `incoming` to the gradient.
    func accumulate(_ incoming: Tensor) {
        state.withLock { state in
            state.gradient = state.gradient.map { $0.addingValues(incoming) } ?? incoming
        }
    }
}
