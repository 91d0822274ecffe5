/// The reference-counted buffer behind a ``Tensor``; tensors copy it on write.
@usableFromInline
final class TensorStorage: @unchecked Sendable {
    @usableFromInline var values: [Float]

    @inlinable init(_ values: [Float]) {
        self.values = values
    }

    @inlinable init(repeating value: Float, count: Int) {
        self.values = [Float](repeating: value, count: count)
    }
}
