/// What a ``Parameter`` or ``Buffer`` property can hold: a ``Tensor``, or `Tensor?` for a tensor
/// a layer may lack (the bias of a convolution followed by batch norm).
public protocol ModuleTensorValue {
    /// The tensor, or `nil` where an optional one is absent.
    var moduleTensor: Tensor? { get }
    /// Lets `body` change the tensor in place, if there is one; nothing happens for `nil`.
    mutating func updateModuleTensor(_ body: (inout Tensor) -> Void)
}

extension Tensor: ModuleTensorValue {
    /// The tensor itself.
    public var moduleTensor: Tensor? { self }

    /// Lets `body` change the tensor in place.
    public mutating func updateModuleTensor(_ body: (inout Tensor) -> Void) { body(&self) }
}

extension Optional: ModuleTensorValue where Wrapped == Tensor {
    /// The tensor, or `nil`.
    public var moduleTensor: Tensor? { self }

    /// Lets `body` change the tensor in place when there is one.
    public mutating func updateModuleTensor(_ body: (inout Tensor) -> Void) {
        // Projecting through `self!` keeps the storage uniquely referenced, so an optimiser's
        // in-place write does not copy the values.
        if self != nil { body(&self!) }
    }
}

/// The type-erased view of a ``Parameter`` or ``Buffer`` that module reflection works with.
protocol TensorSlot: AnyObject {
    /// The state-dict name given in the attribute, or `nil` to use the property's name.
    var key: String? { get }
    /// Whether the slot holds a trainable parameter (else a buffer).
    var isParameter: Bool { get }
    /// The tensor, or `nil` for an absent optional one.
    var tensor: Tensor? { get }
    /// Lets `body` change the tensor in place; a parameter stays a trainable leaf afterwards.
    func update(_ body: (inout Tensor) -> Void)
}
