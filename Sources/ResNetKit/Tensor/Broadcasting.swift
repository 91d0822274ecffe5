/// Shape arithmetic and loops for NumPy/PyTorch broadcasting.
enum Broadcasting {
    /// The shape two operands broadcast to, or `nil` if they are incompatible.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                result[i] = da
            } else if da == 1 {
                result[i] = db
            } else {
                return nil
            }
        }
        return result
    }

    /// Strides of `shape` seen as `target` (left-padded with ones): 0 along broadcast dimensions.
    static func strides(of shape: [Int], broadcastTo target: [Int]) -> [Int] {
        let padded = [Int](repeating: 1, count: target.count - shape.count) + shape
        let contiguous = Tensor.contiguousStrides(for: padded)
        return zip(padded, contiguous).map { $0.0 == 1 ? 0 : $0.1 }
    }

    /// Visits every element of `shape` in row-major order in runs along the last dimension,
    /// passing the run's offsets under two sets of strides and its length.
    ///
    /// The per-run closure keeps the index arithmetic out of the inner loops, which the caller
    /// writes with plain strides.
    @inline(__always)
    static func forEachRun(
        shape: [Int], stridesA: [Int], stridesB: [Int],
        _ body: (_ offsetA: Int, _ offsetB: Int, _ outOffset: Int, _ length: Int, _ strideA: Int, _ strideB: Int) -> Void
    ) {
        let rank = shape.count
        let total = shape.reduce(1, *)
        guard total > 0 else { return }
        guard rank > 0 else {
            body(0, 0, 0, 1, 0, 0)
            return
        }
        let inner = shape[rank - 1]
        let innerA = stridesA[rank - 1]
        let innerB = stridesB[rank - 1]
        var counter = [Int](repeating: 0, count: rank)
        var offsetA = 0
        var offsetB = 0
        var outOffset = 0
        while outOffset < total {
            body(offsetA, offsetB, outOffset, inner, innerA, innerB)
            outOffset += inner
            // Advance the counter over the outer dimensions.
            var axis = rank - 2
            while axis >= 0 {
                counter[axis] += 1
                offsetA += stridesA[axis]
                offsetB += stridesB[axis]
                if counter[axis] < shape[axis] { break }
                offsetA -= stridesA[axis] * shape[axis]
                offsetB -= stridesB[axis] * shape[axis]
                counter[axis] = 0
                axis -= 1
            }
        }
    }
}

/// An elementwise function of two floats, as a type so loops over it specialise and inline.
protocol BinaryFloatOperation {
    static func apply(_ a: Float, _ b: Float) -> Float
}

enum AddOperation: BinaryFloatOperation {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a + b }
}

enum SubtractOperation: BinaryFloatOperation {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a - b }
}

enum MultiplyOperation: BinaryFloatOperation {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a * b }
}

enum DivideOperation: BinaryFloatOperation {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a / b }
}

enum MaximumOperation: BinaryFloatOperation {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { Swift.max(a, b) }
}

extension Tensor {
    /// Applies `Operation` elementwise with broadcasting; no autodiff.
    // Debug builds compile file by file, where callers in other files cannot specialise a
    // generic; these pre-specialisations keep the per-element call out of the loops.
    @_specialize(where Operation == AddOperation)
    @_specialize(where Operation == SubtractOperation)
    @_specialize(where Operation == MultiplyOperation)
    @_specialize(where Operation == DivideOperation)
    @_specialize(where Operation == MaximumOperation)
    static func broadcastValues<Operation: BinaryFloatOperation>(
        _ a: Tensor, _ b: Tensor, _: Operation.Type, name: String
    ) -> (shape: [Int], values: [Float]) {
        guard let shape = Broadcasting.shape(a.shape, b.shape) else {
            requirementFailure(
                "Tensor \(name): shapes \(a.shape) and \(b.shape) cannot be broadcast together "
                    + "(aligned from the right, each pair of sizes must be equal or one of them 1)")
        }
        var out = [Float](repeating: 0, count: shape.reduce(1, *))
        a.withValues { pa in
            b.withValues { pb in
                out.withUnsafeMutableBufferPointer { po in
                    if a.shape == b.shape {
                        for i in 0..<po.count { po[i] = Operation.apply(pa[i], pb[i]) }
                        return
                    }
                    if b.count == 1 {
                        let s = pb[0]
                        if a.shape == shape {
                            for i in 0..<po.count { po[i] = Operation.apply(pa[i], s) }
                            return
                        }
                    }
                    let sa = Broadcasting.strides(of: a.shape, broadcastTo: shape)
                    let sb = Broadcasting.strides(of: b.shape, broadcastTo: shape)
                    Broadcasting.forEachRun(shape: shape, stridesA: sa, stridesB: sb) { oa, ob, oo, n, ia, ib in
                        if ia == 1 && ib == 0 {
                            let s = pb[ob]
                            for k in 0..<n { po[oo + k] = Operation.apply(pa[oa + k], s) }
                        } else if ia == 0 && ib == 1 {
                            let s = pa[oa]
                            for k in 0..<n { po[oo + k] = Operation.apply(s, pb[ob + k]) }
                        } else {
                            for k in 0..<n { po[oo + k] = Operation.apply(pa[oa + k * ia], pb[ob + k * ib]) }
                        }
                    }
                }
            }
        }
        return (shape, out)
    }

    /// Elementwise sum of two tensors of the same shape, without autodiff (used for gradients).
    func addingValues(_ other: Tensor) -> Tensor {
        require(shape == other.shape, "addingValues: shapes \(shape) and \(other.shape) differ")
        if let sum = Tensor.blockedSum(self, other) { return sum }
        var out = self.detached()
        out.withMutableValues { po in
            other.withValues { pb in
                for i in 0..<po.count { po[i] += pb[i] }
            }
        }
        return out
    }

    /// Sums a broadcast gradient back down to `target`, the shape of the operand it belongs to.
    func reduced(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let padded = [Int](repeating: 1, count: rank - target.count) + target
        let axes = (0..<rank).filter { padded[$0] == 1 && shape[$0] != 1 }
        let summed = Tensor.sumValues(self, axes: axes)
        return Tensor(shape: target, storage: summed.storage)
    }

    /// Sums over `axes`, keeping them as size-1 dimensions; no autodiff.
    static func sumValues(_ x: Tensor, axes: [Int]) -> Tensor {
        var outShape = x.shape
        for axis in axes { outShape[axis] = 1 }
        var out = [Float](repeating: 0, count: outShape.reduce(1, *))
        let outStrides = Broadcasting.strides(of: outShape, broadcastTo: x.shape)
        let inStrides = Tensor.contiguousStrides(for: x.shape)
        x.withValues { px in
            out.withUnsafeMutableBufferPointer { po in
                Broadcasting.forEachRun(shape: x.shape, stridesA: inStrides, stridesB: outStrides) { ox, oo, _, n, _, io in
                    if io == 0 {
                        var acc: Float = 0
                        for k in 0..<n { acc += px[ox + k] }
                        po[oo] += acc
                    } else {
                        for k in 0..<n { po[oo + k] += px[ox + k] }
                    }
                }
            }
        }
        return Tensor(shape: outShape, values: out)
    }
}
