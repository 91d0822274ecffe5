extension Tensor {
    /// Replaces the values with `transform(self)`, computed without recording gradients, and
    /// keeps this tensor's place in autodiff: a trainable leaf stays the same leaf, with its
    /// gradient (PyTorch's `with torch.no_grad(): w.mul_(s)`).
    ///
    /// ```swift
    /// conv.weight.update { $0 * 0.8 }           // rescale a layer, keep training it
    /// conv.weight.update { $0.map { max($0, 0) } }
    /// ```
    ///
    /// - Precondition: `transform` returns a tensor of the same shape.
    public mutating func update(_ transform: (Tensor) throws -> Tensor) rethrows {
        let current = detached()
        let newValue = try withoutGradients { try transform(current) }
        require(
            newValue.shape == shape,
            "update needs its transform to keep the shape \(shape), it returned \(newValue.shape)")
        assign(newValue)
    }
}
