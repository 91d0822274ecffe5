/// A dense, contiguous, row-major array of `Float` values: the one numeric type of ResNetKit.
///
/// Images are laid out NCHW, like PyTorch. `Tensor` has value semantics: copies share storage
/// until one of them is written to. A tensor that ``requiresGradient`` takes part in reverse-mode
/// automatic differentiation: operations on it record how to compute their gradients, and
/// ``backward()`` on a scalar result fills ``gradient`` of every such tensor.
///
/// It is `Sendable` as checked by the compiler: the storage and the autodiff node it shares with
/// its copies are both synchronised classes, so tensors may cross tasks, and two tasks may even
/// back-propagate through a shared one (each node serialises its own updates).
public struct Tensor: Sendable {
    /// The size of each dimension, outermost first.
    public private(set) var shape: [Int]
    var storage: TensorStorage
    /// The autodiff record: a leaf node for tensors that require gradients, an operation node for
    /// results computed from them, `nil` for plain values.
    var node: GradientNode?

    /// Creates a tensor of the given shape from row-major values.
    ///
    /// - Precondition: `values.count` equals the product of `shape`.
    public init(shape: [Int], values: [Float]) {
        require(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension")
        require(
            shape.reduce(1, *) == values.count,
            "Tensor shape \(shape) holds \(shape.reduce(1, *)) values, but \(values.count) were given")
        self.shape = shape
        self.storage = TensorStorage(values)
        self.node = nil
    }

    /// Creates a tensor of the given shape with every element equal to `value`.
    public init(shape: [Int], repeating value: Float) {
        require(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension")
        self.shape = shape
        self.storage = TensorStorage(repeating: value, count: shape.reduce(1, *))
        self.node = nil
    }

    /// Creates a zero-dimensional tensor holding one value.
    public init(_ scalar: Float) {
        self.init(shape: [], values: [scalar])
    }

    init(shape: [Int], storage: TensorStorage, node: GradientNode? = nil) {
        self.shape = shape
        self.storage = storage
        self.node = node
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The number of elements.
    public var count: Int { storage.count }

    /// The elements in row-major order.
    public var values: [Float] { Array(storage.plain.buffer) }

    /// The row-major strides, in elements, of each dimension.
    public var strides: [Int] { Tensor.contiguousStrides(for: shape) }

    /// The single value of a tensor with one element.
    public var scalar: Float {
        require(count == 1, "scalar needs a tensor with one element, shape is \(shape)")
        return storage.plain.base[0]
    }

    /// Reads the element at a full multi-dimensional index.
    public subscript(index: Int...) -> Float {
        require(index.count == rank, "Index \(index) has \(index.count) components, tensor shape is \(shape)")
        var offset = 0
        for (axis, i) in index.enumerated() {
            require(i >= 0 && i < shape[axis], "Index \(index) is out of range for shape \(shape)")
            offset = offset * shape[axis] + i
        }
        return storage.plain.base[offset]
    }

    static func contiguousStrides(for shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }

    /// Creates a tensor whose values `initialize` writes; every element must be written.
    ///
    /// Kernels use it to fill an output without first zero-filling it.
    init(shape: [Int], initializingWith initialize: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let buffer = AlignedBuffer(count: shape.reduce(1, *))
        initialize(buffer.buffer)
        self.init(shape: shape, storage: TensorStorage(plain: buffer))
    }

    /// Gives mutable access to the values, copying the storage first if another tensor shares it.
    mutating func withMutableValues<R>(_ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) {
            storage = TensorStorage(plain: AlignedBuffer(copying: UnsafeBufferPointer(storage.plain.buffer)))
        }
        var buffer = storage.dropFormattedCopy().buffer
        return try body(&buffer)
    }

    /// Gives read access to the values as a buffer.
    func withValues<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        let plain = storage.plain
        return try withExtendedLifetime(plain) { try body(UnsafeBufferPointer(plain.buffer)) }
    }

    /// Replaces the values in place, keeping the tensor's identity for autodiff.
    ///
    /// Optimisers use this to update a parameter: its gradient and its place in a model stay.
    public mutating func assign(_ newValue: Tensor) {
        require(newValue.shape == shape, "assign needs shape \(shape), got \(newValue.shape)")
        storage = newValue.storage
    }
}

extension Tensor: Equatable {
    /// Two tensors are equal when their shapes and values are; autodiff state is ignored.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape else { return false }
        return lhs.withValues { l in rhs.withValues { r in l.elementsEqual(r) } }
    }
}
