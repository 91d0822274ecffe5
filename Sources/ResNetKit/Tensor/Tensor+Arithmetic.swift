extension Tensor {
    /// Elementwise sum with broadcasting.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        let (ls, rs) = (lhs.shape, rhs.shape)
        if let sum = blockedSum(lhs, rhs) {
            return result(of: "add", shape: ls, storage: sum.storage, inputs: [lhs, rhs]) { g in [g, g] }
        }
        let (shape, values) = broadcastValues(lhs, rhs, AddOperation.self, name: "+")
        return result(of: "add", shape: shape, values: values, inputs: [lhs, rhs]) { g in
            [g.reduced(toShape: ls), g.reduced(toShape: rs)]
        }
    }

    /// Elementwise difference with broadcasting.
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        let (shape, values) = broadcastValues(lhs, rhs, SubtractOperation.self, name: "-")
        let (ls, rs) = (lhs.shape, rhs.shape)
        return result(of: "subtract", shape: shape, values: values, inputs: [lhs, rhs]) { g in
            [g.reduced(toShape: ls), g.scaled(by: -1).reduced(toShape: rs)]
        }
    }

    /// Elementwise product with broadcasting.
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        let (shape, values) = broadcastValues(lhs, rhs, MultiplyOperation.self, name: "*")
        let (l, r) = (lhs.detached(), rhs.detached())
        let (ln, rn) = (lhs.node != nil, rhs.node != nil)
        return result(of: "multiply", shape: shape, values: values, inputs: [lhs, rhs]) { g in
            [ln ? (g * r).reduced(toShape: l.shape) : nil, rn ? (g * l).reduced(toShape: r.shape) : nil]
        }
    }

    /// Elementwise quotient with broadcasting.
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor {
        let (shape, values) = broadcastValues(lhs, rhs, DivideOperation.self, name: "/")
        let (l, r) = (lhs.detached(), rhs.detached())
        let (ln, rn) = (lhs.node != nil, rhs.node != nil)
        return result(of: "divide", shape: shape, values: values, inputs: [lhs, rhs]) { g in
            [
                ln ? (g / r).reduced(toShape: l.shape) : nil,
                rn ? (g * l / (r * r)).scaled(by: -1).reduced(toShape: r.shape) : nil,
            ]
        }
    }

    /// Elementwise maximum with broadcasting; the gradient goes to the larger operand (to the
    /// left one on ties).
    public static func maximum(_ lhs: Tensor, _ rhs: Tensor) -> Tensor {
        let (shape, values) = broadcastValues(lhs, rhs, MaximumOperation.self, name: "maximum")
        let (l, r) = (lhs.detached(), rhs.detached())
        return result(of: "maximum", shape: shape, values: values, inputs: [lhs, rhs]) { g in
            let leftWins = Tensor(shape: shape, values: broadcastValues(l, r, LeftWinsOperation.self, name: "maximum").values)
            let rightWins = leftWins.map { 1 - $0 }
            return [(g * leftWins).reduced(toShape: l.shape), (g * rightWins).reduced(toShape: r.shape)]
        }
    }

    /// Adds a scalar to every element.
    public static func + (lhs: Tensor, rhs: Float) -> Tensor { lhs + Tensor(rhs) }
    /// Subtracts a scalar from every element.
    public static func - (lhs: Tensor, rhs: Float) -> Tensor { lhs - Tensor(rhs) }
    /// Multiplies every element by a scalar.
    public static func * (lhs: Tensor, rhs: Float) -> Tensor { lhs * Tensor(rhs) }
    /// Divides every element by a scalar.
    public static func / (lhs: Tensor, rhs: Float) -> Tensor { lhs / Tensor(rhs) }
    /// Adds a tensor to a scalar.
    public static func + (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) + rhs }
    /// Subtracts a tensor from a scalar.
    public static func - (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) - rhs }
    /// Multiplies a scalar by a tensor.
    public static func * (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) * rhs }
    /// Divides a scalar by a tensor.
    public static func / (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) / rhs }

    /// Elementwise negation.
    public static prefix func - (operand: Tensor) -> Tensor { operand * -1 }

    /// Adds `rhs` in place (broadcasting `rhs`); the result is recorded for autodiff like `+`.
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs = lhs + rhs }
    /// Subtracts `rhs` in place.
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs - rhs }
    /// Multiplies by `rhs` in place.
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs * rhs }
    /// Divides by `rhs` in place.
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs / rhs }
    /// Adds a scalar to every element in place.
    public static func += (lhs: inout Tensor, rhs: Float) { lhs = lhs + rhs }
    /// Subtracts a scalar from every element in place.
    public static func -= (lhs: inout Tensor, rhs: Float) { lhs = lhs - rhs }
    /// Multiplies every element by a scalar in place (`conv.weight *= 0.5` keeps a parameter
    /// trainable: see ``Parameter``).
    public static func *= (lhs: inout Tensor, rhs: Float) { lhs = lhs * rhs }
    /// Divides every element by a scalar in place.
    public static func /= (lhs: inout Tensor, rhs: Float) { lhs = lhs / rhs }

    /// Multiplies every value by `factor` without autodiff (used inside backward functions).
    func scaled(by factor: Float) -> Tensor {
        map { $0 * factor }
    }

    /// Applies `transform` to every value, without autodiff.
    ///
    /// For inspecting results in lessons and tests; the library's own hot paths use dedicated
    /// loops instead of a closure per element.
    public func map(_ transform: (Float) -> Float) -> Tensor {
        Tensor(shape: shape, values: values.map(transform))
    }
}

private enum LeftWinsOperation: BinaryFloatOperation {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a >= b ? 1 : 0 }
}
