/// The contents of a `.safetensors` file: named tensors in the order of their data (the header
/// order of every writer) and string metadata.
///
/// Every element type the format allows for numbers is read and converted to `Float`, the one
/// element type of ``Tensor``; ``elementTypes`` remembers what each tensor was stored as.
public struct SafeTensorsFile: Sendable {
    /// The tensors, in the order of their data in the file.
    public var entries: [(name: String, tensor: Tensor)]
    /// The stored element type of each tensor, by name.
    public var elementTypes: [String: SafeTensors.ElementType]
    /// The free-form `__metadata__` strings of the header (empty when absent).
    public var metadata: [String: String]

    /// Creates file contents from tensors in order.
    public init(
        entries: [(name: String, tensor: Tensor)], elementTypes: [String: SafeTensors.ElementType] = [:],
        metadata: [String: String] = [:]
    ) {
        self.entries = entries
        self.elementTypes = elementTypes
        self.metadata = metadata
    }

    /// The names, in the order of their data.
    public var names: [String] { entries.map(\.name) }

    /// The tensors by name.
    public var tensors: [String: Tensor] {
        Dictionary(entries.map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first })
    }

    /// The tensor called `name`, or `nil`.
    public subscript(name: String) -> Tensor? {
        entries.first { $0.name == name }?.tensor
    }
}
