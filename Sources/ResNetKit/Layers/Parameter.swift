/// Marks a module's stored property as a trainable parameter: it is listed by
/// ``Module/namedParameters()``, saved in the state dict under the property's name (or `key`)
/// and updated by optimisers.
///
/// ```swift
/// final class Scale: Module {
///     @Parameter var gamma = Tensor.ones([16])
///     override func forward(_ input: Tensor) -> Tensor { input * gamma }
/// }
/// ```
///
/// A parameter is always a trainable leaf of the autodiff graph, whatever is assigned to it:
/// `conv.weight = conv.weight.map { $0 * 0.5 }` or `conv.weight *= 0.5` stores the new values
/// as a fresh leaf with ``Tensor/requiresGradient`` set (PyTorch would refuse the assignment;
/// a lesson would otherwise silently stop training the layer). To change values while keeping
/// the same leaf and its gradient, use ``Tensor/update(_:)``.
@propertyWrapper
public final class Parameter<Value: ModuleTensorValue>: TensorSlot {
    // A class, not a struct: module reflection finds the wrapper through `Mirror`, which hands
    // out copies, and optimisers must write to the module's own storage in place.
    private var value: Value
    let key: String?

    /// Wraps an initial value, which becomes a trainable leaf.
    public init(wrappedValue: Value, _ key: String? = nil) {
        value = wrappedValue
        self.key = key
        value.updateModuleTensor { $0 = $0.asTrainableLeaf() }
    }

    /// The parameter; assigning any tensor stores it as a trainable leaf.
    public var wrappedValue: Value {
        get { value }
        set {
            value = newValue
            value.updateModuleTensor { $0 = $0.asTrainableLeaf() }
        }
    }

    var isParameter: Bool { true }
    var tensor: Tensor? { value.moduleTensor }

    func update(_ body: (inout Tensor) -> Void) {
        value.updateModuleTensor { tensor in
            body(&tensor)
            tensor = tensor.asTrainableLeaf()
        }
    }
}

extension Tensor {
    /// This tensor if it already is a trainable leaf, else its values as a new one.
    func asTrainableLeaf() -> Tensor {
        if let node, node.isLeaf { return self }
        var leaf = detached()
        leaf.requiresGradient = true
        return leaf
    }
}
