extension Tensor {
    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, repeating: 0)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, repeating: 1)
    }

    /// `0, 1, …, count - 1` as a vector.
    public static func arange(_ count: Int) -> Tensor {
        Tensor(shape: [count], values: (0..<count).map(Float.init))
    }

    /// Values drawn from a normal distribution with the given mean and standard deviation.
    public static func normal(
        _ shape: [Int], mean: Float = 0, standardDeviation: Float = 1, generator: inout RandomGenerator
    ) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = mean + standardDeviation * Float(generator.nextNormal()) }
        return Tensor(shape: shape, values: values)
    }

    /// Values drawn from a normal distribution, seeded directly.
    public static func normal(_ shape: [Int], mean: Float = 0, standardDeviation: Float = 1, seed: UInt64) -> Tensor {
        var generator = RandomGenerator(seed: seed)
        return normal(shape, mean: mean, standardDeviation: standardDeviation, generator: &generator)
    }

    /// Values drawn uniformly from `range`.
    public static func uniform(_ shape: [Int], in range: ClosedRange<Float> = 0...1, generator: inout RandomGenerator) -> Tensor {
        let n = shape.reduce(1, *)
        let width = range.upperBound - range.lowerBound
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = range.lowerBound + width * generator.nextUnitFloat() }
        return Tensor(shape: shape, values: values)
    }

    /// Values drawn uniformly from `range`, seeded directly.
    public static func uniform(_ shape: [Int], in range: ClosedRange<Float> = 0...1, seed: UInt64) -> Tensor {
        var generator = RandomGenerator(seed: seed)
        return uniform(shape, in: range, generator: &generator)
    }

    /// A nested-array literal turned into a matrix.
    public init(_ rows: [[Float]]) {
        let columns = rows.first?.count ?? 0
        require(rows.allSatisfy { $0.count == columns }, "Rows of a matrix literal have different lengths")
        self.init(shape: [rows.count, columns], values: rows.flatMap { $0 })
    }

    /// A vector.
    public init(_ vector: [Float]) {
        self.init(shape: [vector.count], values: vector)
    }
}
