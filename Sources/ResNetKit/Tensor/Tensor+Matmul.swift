extension Tensor {
    /// The matrix product of `[m, k]` and `[k, n]` matrices, through BLAS.
    public static func matmul(_ a: Tensor, _ b: Tensor) -> Tensor {
        require(a.rank == 2 && b.rank == 2, "matmul needs two matrices, got shapes \(a.shape) and \(b.shape)")
        require(a.shape[1] == b.shape[0], "matmul: inner dimensions of \(a.shape) and \(b.shape) differ")
        let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
        let out = gemmValues(a, b, transposeA: false, transposeB: false, m: m, n: n, k: k)
        let (ad, bd) = (a.detached(), b.detached())
        let (an, bn) = (a.node != nil, b.node != nil)
        return result(of: "matmul", shape: [m, n], values: out, inputs: [a, b]) { g in
            [
                an ? Tensor(shape: [m, k], values: gemmValues(g, bd, transposeA: false, transposeB: true, m: m, n: k, k: n)) : nil,
                bn ? Tensor(shape: [k, n], values: gemmValues(ad, g, transposeA: true, transposeB: false, m: k, n: n, k: m)) : nil,
            ]
        }
    }

    /// `op(a) * op(b)` as row-major values.
    static func gemmValues(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int) -> [Float] {
        var out = [Float](repeating: 0, count: m * n)
        a.withValues { pa in
            b.withValues { pb in
                out.withUnsafeMutableBufferPointer { po in
                    BLAS.gemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        a: pa.baseAddress!, lda: transposeA ? m : k, b: pb.baseAddress!, ldb: transposeB ? k : n,
                        c: po.baseAddress!, ldc: n)
                }
            }
        }
        return out
    }
}
