extension Tensor {
    /// The same values with another shape; one dimension may be `-1` and is inferred.
    public func reshaped(to newShape: [Int]) -> Tensor {
        var newShape = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != inferred }.reduce(1) { $0 * $1.element }
            require(known > 0 && count % known == 0, "Cannot reshape \(shape) to \(newShape)")
            newShape[inferred] = count / known
        }
        require(newShape.reduce(1, *) == count, "Cannot reshape \(shape) (\(count) values) to \(newShape)")
        let inputShape = shape
        var out = Tensor(shape: newShape, storage: storage)
        if GradientMode.isEnabled, let node {
            out.node = GradientNode(operation: "reshape", shape: newShape, inputs: [node]) { g in
                [Tensor(shape: inputShape, storage: g.storage)]
            }
        }
        return out
    }

    /// Keeps the first `startAxis` dimensions and merges the rest into one, like `torch.flatten(x, 1)`.
    public func flattened(fromAxis startAxis: Int = 1) -> Tensor {
        require(startAxis >= 0 && startAxis <= rank, "flattened(fromAxis: \(startAxis)) on shape \(shape)")
        let head = Array(shape[..<startAxis])
        return reshaped(to: head + [shape[startAxis...].reduce(1, *)])
    }

    /// The transpose of a matrix.
    public func transposed() -> Tensor {
        require(rank == 2, "transposed() needs a matrix, shape is \(shape)")
        let (rows, columns) = (shape[0], shape[1])
        let out = Tensor.transposeValues(values, rows: rows, columns: columns)
        return Tensor.result(of: "transpose", shape: [columns, rows], values: out, inputs: [self]) { g in
            [Tensor(shape: [rows, columns], values: Tensor.transposeValues(g.values, rows: columns, columns: rows))]
        }
    }

    static func transposeValues(_ values: [Float], rows: Int, columns: Int) -> [Float] {
        var out = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                for r in 0..<rows {
                    for c in 0..<columns { po[c * rows + r] = px[r * columns + c] }
                }
            }
        }
        return out
    }

    /// The entries `range` of the first (batch) dimension.
    public subscript(batch range: Range<Int>) -> Tensor {
        require(rank >= 1, "Batch slicing needs at least one dimension, shape is \(shape)")
        require(
            range.lowerBound >= 0 && range.upperBound <= shape[0],
            "Batch range \(range) is out of bounds for shape \(shape)")
        let itemSize = shape[1...].reduce(1, *)
        let slice = Array(values[(range.lowerBound * itemSize)..<(range.upperBound * itemSize)])
        let inputShape = shape
        return Tensor.result(of: "slice", shape: [range.count] + shape[1...], values: slice, inputs: [self]) { g in
            var dx = [Float](repeating: 0, count: inputShape.reduce(1, *))
            dx.replaceSubrange((range.lowerBound * itemSize)..<(range.upperBound * itemSize), with: g.values)
            return [Tensor(shape: inputShape, values: dx)]
        }
    }

    /// The entries at `indices` of the first (batch) dimension, in that order.
    public func gathering(batchIndices indices: [Int]) -> Tensor {
        require(rank >= 1, "gathering needs at least one dimension, shape is \(shape)")
        let itemSize = shape[1...].reduce(1, *)
        var out = [Float](repeating: 0, count: indices.count * itemSize)
        withValues { px in
            out.withUnsafeMutableBufferPointer { po in
                for (row, index) in indices.enumerated() {
                    require(index >= 0 && index < shape[0], "Batch index \(index) is out of bounds for shape \(shape)")
                    for k in 0..<itemSize { po[row * itemSize + k] = px[index * itemSize + k] }
                }
            }
        }
        let inputShape = shape
        return Tensor.result(of: "gather", shape: [indices.count] + shape[1...], values: out, inputs: [self]) { g in
            var dx = [Float](repeating: 0, count: inputShape.reduce(1, *))
            g.withValues { pg in
                for (row, index) in indices.enumerated() {
                    for k in 0..<itemSize { dx[index * itemSize + k] += pg[row * itemSize + k] }
                }
            }
            return [Tensor(shape: inputShape, values: dx)]
        }
    }

    /// Joins tensors along `axis`; all other dimensions must agree.
    public static func concatenate(_ tensors: [Tensor], alongAxis axis: Int = 0) -> Tensor {
        require(!tensors.isEmpty, "concatenate needs at least one tensor")
        let first = tensors[0]
        let axis = axis < 0 ? axis + first.rank : axis
        require(axis >= 0 && axis < first.rank, "concatenate axis \(axis) out of range for shape \(first.shape)")
        for t in tensors {
            require(
                t.rank == first.rank && (0..<t.rank).allSatisfy { $0 == axis || t.shape[$0] == first.shape[$0] },
                "concatenate along axis \(axis): shapes \(tensors.map(\.shape)) do not agree")
        }
        let outer = first.shape[..<axis].reduce(1, *)
        let inner = first.shape[(axis + 1)...].reduce(1, *)
        let lengths = tensors.map { $0.shape[axis] }
        let total = lengths.reduce(0, +)
        var outShape = first.shape
        outShape[axis] = total
        var out = [Float](repeating: 0, count: outer * total * inner)
        var offset = 0
        for (t, length) in zip(tensors, lengths) {
            t.withValues { px in
                for o in 0..<outer {
                    let src = o * length * inner
                    let dst = (o * total + offset) * inner
                    for k in 0..<(length * inner) { out[dst + k] = px[src + k] }
                }
            }
            offset += length
        }
        let shapes = tensors.map(\.shape)
        return result(of: "concatenate", shape: outShape, values: out, inputs: tensors) { g in
            var grads: [Tensor?] = []
            var offset = 0
            for (shape, length) in zip(shapes, lengths) {
                var dx = [Float](repeating: 0, count: shape.reduce(1, *))
                g.withValues { pg in
                    for o in 0..<outer {
                        let dst = o * length * inner
                        let src = (o * total + offset) * inner
                        for k in 0..<(length * inner) { dx[dst + k] = pg[src + k] }
                    }
                }
                grads.append(Tensor(shape: shape, values: dx))
                offset += length
            }
            return grads
        }
    }
}
