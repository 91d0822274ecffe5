extension Tensor {
    func normalizedAxes(_ axes: [Int]) -> [Int] {
        let normalized = axes.map { $0 < 0 ? $0 + rank : $0 }
        for axis in normalized {
            require(axis >= 0 && axis < rank, "Axis out of range in \(axes) for a tensor of shape \(shape)")
        }
        return Array(Set(normalized)).sorted()
    }

    /// The sum of all elements, as a scalar tensor.
    public func sum() -> Tensor {
        sum(alongAxes: Array(0..<rank))
    }

    /// Sums along `axes`, dropping them unless `keepingDimensions` is set.
    public func sum(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let axes = normalizedAxes(axes)
        let kept = Tensor.sumValues(self, axes: axes)
        let outShape = keepingDimensions ? kept.shape : shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
        let inputShape = shape
        let keptShape = kept.shape
        return Tensor.result(of: "sum", shape: outShape, values: kept.values, inputs: [self]) { g in
            let reshaped = Tensor(shape: keptShape, storage: g.storage)
            return [reshaped.broadcastValues(to: inputShape)]
        }
    }

    /// Sums along one axis.
    public func sum(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        sum(alongAxes: [axis], keepingDimensions: keepingDimensions)
    }

    /// The mean of all elements, as a scalar tensor.
    public func mean() -> Tensor {
        mean(alongAxes: Array(0..<rank))
    }

    /// Averages along `axes`, dropping them unless `keepingDimensions` is set.
    public func mean(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let axes = normalizedAxes(axes)
        let n = axes.reduce(1) { $0 * shape[$1] }
        return sum(alongAxes: axes, keepingDimensions: keepingDimensions) / Float(n)
    }

    /// Averages along one axis.
    public func mean(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        mean(alongAxes: [axis], keepingDimensions: keepingDimensions)
    }

    /// The values repeated along size-1 (or missing leading) dimensions to fill `target`; no autodiff.
    func broadcastValues(to target: [Int]) -> Tensor {
        if shape == target { return detached() }
        return Tensor(shape: target, values: Tensor.broadcastValues(Tensor(shape: target, repeating: 0), self, AddOperation.self, name: "broadcast").values)
    }

    /// The largest value and its index along `axis`, for every position of the other axes.
    func maxAndIndex(alongAxis axis: Int) -> (values: [Float], indices: [Int], shape: [Int]) {
        let axis = normalizedAxes([axis])[0]
        let outer = shape[..<axis].reduce(1, *)
        let length = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        require(length > 0, "max along axis \(axis) of an empty dimension, shape \(shape)")
        var best = [Float](repeating: -.infinity, count: outer * inner)
        var bestIndex = [Int](repeating: 0, count: outer * inner)
        withValues { px in
            for o in 0..<outer {
                for j in 0..<length {
                    let base = (o * length + j) * inner
                    for i in 0..<inner where px[base + i] > best[o * inner + i] || j == 0 {
                        best[o * inner + i] = px[base + i]
                        bestIndex[o * inner + i] = j
                    }
                }
            }
        }
        var outShape = shape
        outShape.remove(at: axis)
        return (best, bestIndex, outShape)
    }

    /// The maximum along `axis`; the gradient flows to the first maximal element.
    public func max(alongAxis axis: Int) -> Tensor {
        let axis = normalizedAxes([axis])[0]
        let (best, indices, outShape) = maxAndIndex(alongAxis: axis)
        let inputShape = shape
        return Tensor.result(of: "max", shape: outShape, values: best, inputs: [self]) { g in
            let length = inputShape[axis]
            let inner = inputShape[(axis + 1)...].reduce(1, *)
            var dx = [Float](repeating: 0, count: inputShape.reduce(1, *))
            for (position, index) in indices.enumerated() {
                let o = position / inner
                let i = position % inner
                dx[(o * length + index) * inner + i] += g.values[position]
            }
            return [Tensor(shape: inputShape, values: dx)]
        }
    }

    /// The largest element, as a scalar tensor; the gradient flows to the first maximal element.
    ///
    /// Like every whole-tensor reduction (``sum()``, ``mean()``, ``min()``, ``norm()``,
    /// ``standardDeviation()``) it returns a tensor; read the number with ``scalar``.
    public func max() -> Tensor {
        require(count > 0, "max() of an empty tensor, shape \(shape)")
        return reshaped(to: [count]).max(alongAxis: 0)
    }

    /// The smallest element, as a scalar tensor; the gradient flows to the first minimal element.
    public func min() -> Tensor {
        require(count > 0, "min() of an empty tensor, shape \(shape)")
        return -(-self).max()
    }

    /// The index of the largest value along `axis` (the first one on ties, like PyTorch).
    public func argmax(alongAxis axis: Int) -> [Int] {
        maxAndIndex(alongAxis: axis).indices
    }

    /// The Euclidean (Frobenius) norm of all elements, as a scalar tensor; accumulated in double
    /// precision.
    public func norm() -> Tensor {
        let input = detached()
        let value = withValues { px in
            var acc = 0.0
            for v in px { acc += Double(v) * Double(v) }
            return Float(acc.squareRoot())
        }
        return Tensor.result(of: "norm", shape: [], values: [value], inputs: [self]) { g in
            // d‖x‖/dx = x / ‖x‖; zero at x = 0, as PyTorch's subgradient.
            [input.scaled(by: value == 0 ? 0 : g.scalar / value)]
        }
    }

    /// The population standard deviation of all elements (dividing by the count, as numpy and
    /// mlx do), as a scalar tensor; accumulated in double precision.
    public func standardDeviation() -> Tensor {
        require(count > 0, "standardDeviation() of an empty tensor, shape \(shape)")
        let input = detached()
        let (mean, deviation) = withValues { px in
            var mean = 0.0
            for v in px { mean += Double(v) }
            mean /= Double(px.count)
            var acc = 0.0
            for v in px { acc += (Double(v) - mean) * (Double(v) - mean) }
            return (mean, (acc / Double(px.count)).squareRoot())
        }
        let n = Double(count)
        return Tensor.result(of: "standardDeviation", shape: [], values: [Float(deviation)], inputs: [self]) { g in
            // dσ/dx_i = (x_i − μ) / (n σ).
            let factor = deviation == 0 ? 0 : Double(g.scalar) / (n * deviation)
            return [input.map { Float((Double($0) - mean) * factor) }]
        }
    }
}
