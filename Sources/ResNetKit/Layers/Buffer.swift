/// Marks a module's stored property as a buffer: state that is saved and loaded with the
/// parameters but not trained, such as batch norm's running statistics (PyTorch's
/// `register_buffer`).
///
/// The state-dict name is the property's name unless `key` gives torchvision's:
/// `@Buffer("running_mean") var runningMean = Tensor.zeros([features])`.
@propertyWrapper
public final class Buffer<Value: ModuleTensorValue>: TensorSlot {
    // A class for the same reason as `Parameter`: reflection must reach the module's storage.
    // Optional only between `init(_:)` and the module initialiser's first assignment.
    private var value: Value?
    let key: String?

    /// Wraps an initial value.
    public init(wrappedValue: Value, _ key: String? = nil) {
        value = wrappedValue
        self.key = key
    }

    /// Names the buffer `key` in the state dict; the module's initialiser assigns its value.
    public init(_ key: String) {
        value = nil
        self.key = key
    }

    /// The buffer's value.
    public var wrappedValue: Value {
        get {
            guard let value else { requirementFailure("Buffer '\(key ?? "")' was read before it was assigned") }
            return value
        }
        set { value = newValue }
    }

    var isParameter: Bool { false }
    var tensor: Tensor? { value?.moduleTensor }

    func update(_ body: (inout Tensor) -> Void) {
        value?.updateModuleTensor(body)
    }
}
