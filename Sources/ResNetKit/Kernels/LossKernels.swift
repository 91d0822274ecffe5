extension Tensor {
    /// Mean cross-entropy between `[N, K]` logits and integer class labels, like
    /// `torch.nn.functional.cross_entropy` (log-softmax and negative log-likelihood in one step).
    public static func crossEntropy(logits: Tensor, labels: [Int]) -> Tensor {
        require(logits.rank == 2, "crossEntropy expects logits [N, K], got shape \(logits.shape)")
        let (n, k) = (logits.shape[0], logits.shape[1])
        require(labels.count == n, "crossEntropy: \(labels.count) labels for logits of shape \(logits.shape)")
        require(n > 0, "crossEntropy needs at least one example")
        var probabilities = [Float](repeating: 0, count: n * k)
        var total = 0.0
        logits.withValues { pl in
            for row in 0..<n {
                let label = labels[row]
                require(label >= 0 && label < k, "crossEntropy: label \(label) is not a class of \(k)")
                var maximum = -Float.infinity
                for j in 0..<k { maximum = Swift.max(maximum, pl[row * k + j]) }
                var sum = 0.0
                for j in 0..<k {
                    let e = _exp(pl[row * k + j] - maximum)
                    probabilities[row * k + j] = e
                    sum += Double(e)
                }
                for j in 0..<k { probabilities[row * k + j] = Float(Double(probabilities[row * k + j]) / sum) }
                total += -(Double(pl[row * k + label] - maximum) - _log(sum))
            }
        }
        let shape = logits.shape
        return result(of: "crossEntropy", shape: [], values: [Float(total / Double(n))], inputs: [logits]) { [probabilities] g in
            let scale = g.scalar / Float(n)
            var dx = probabilities
            for row in 0..<n { dx[row * k + labels[row]] -= 1 }
            for i in 0..<dx.count { dx[i] *= scale }
            return [Tensor(shape: shape, values: dx)]
        }
    }

    /// The softmax of `[N, K]` logits along the classes.
    public static func softmax(_ logits: Tensor) -> Tensor {
        require(logits.rank == 2, "softmax expects logits [N, K], got shape \(logits.shape)")
        let shifted = logits - logits.max(alongAxis: 1).detached().reshaped(to: [-1, 1])
        let e = shifted.exp()
        return e / e.sum(alongAxis: 1, keepingDimensions: true)
    }

    /// The share of rows of `[N, K]` logits whose largest entry is the label.
    public static func accuracy(logits: Tensor, labels: [Int]) -> Float {
        require(logits.rank == 2 && logits.shape[0] == labels.count, "accuracy: logits \(logits.shape) for \(labels.count) labels")
        guard !labels.isEmpty else { return 0 }
        let predictions = logits.argmax(alongAxis: 1)
        return Float(zip(predictions, labels).filter { $0 == $1 }.count) / Float(labels.count)
    }
}
