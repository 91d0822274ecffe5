/// An elementwise function of one float and its derivative, as a type so loops specialise.
protocol UnaryFloatOperation {
    static var name: String { get }
    static func apply(_ x: Float) -> Float
    /// The derivative, given the input `x` and the output `y`.
    static func derivative(x: Float, y: Float) -> Float
}

enum ExpOperation: UnaryFloatOperation {
    static let name = "exp"
    @inline(__always) static func apply(_ x: Float) -> Float { _exp(x) }
    @inline(__always) static func derivative(x: Float, y: Float) -> Float { y }
}

enum LogOperation: UnaryFloatOperation {
    static let name = "log"
    @inline(__always) static func apply(_ x: Float) -> Float { _logf(x) }
    @inline(__always) static func derivative(x: Float, y: Float) -> Float { 1 / x }
}

enum SquareRootOperation: UnaryFloatOperation {
    static let name = "sqrt"
    @inline(__always) static func apply(_ x: Float) -> Float { x.squareRoot() }
    @inline(__always) static func derivative(x: Float, y: Float) -> Float { 0.5 / y }
}

enum SquareOperation: UnaryFloatOperation {
    static let name = "square"
    @inline(__always) static func apply(_ x: Float) -> Float { x * x }
    @inline(__always) static func derivative(x: Float, y: Float) -> Float { 2 * x }
}

enum AbsoluteOperation: UnaryFloatOperation {
    static let name = "abs"
    @inline(__always) static func apply(_ x: Float) -> Float { Swift.abs(x) }
    @inline(__always) static func derivative(x: Float, y: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}

extension Tensor {
    func applying<Operation: UnaryFloatOperation>(_: Operation.Type) -> Tensor {
        let outputStorage = withValues { px in
            let out = AlignedBuffer(count: count)
            for i in 0..<px.count { out.base[i] = Operation.apply(px[i]) }
            return TensorStorage(plain: out)
        }
        let input = detached()
        return Tensor.result(of: Operation.name, shape: shape, storage: outputStorage, inputs: [self]) { g in
            var dx = [Float](repeating: 0, count: g.count)
            input.withValues { px in
                g.withValues { pg in
                    let py = outputStorage.plain.base
                    dx.withUnsafeMutableBufferPointer { pd in
                        for i in 0..<pd.count { pd[i] = pg[i] * Operation.derivative(x: px[i], y: py[i]) }
                    }
                }
            }
            return [Tensor(shape: g.shape, values: dx)]
        }
    }

    /// The natural exponential, elementwise.
    public func exp() -> Tensor { applying(ExpOperation.self) }
    /// The natural logarithm, elementwise.
    public func log() -> Tensor { applying(LogOperation.self) }
    /// The square root, elementwise.
    public func squareRoot() -> Tensor { applying(SquareRootOperation.self) }
    /// The square, elementwise.
    public func squared() -> Tensor { applying(SquareOperation.self) }
    /// The absolute value, elementwise.
    public func abs() -> Tensor { applying(AbsoluteOperation.self) }
}
