internal import COpenBLAS

/// Single-precision matrix products through OpenBLAS, on row-major buffers.
enum BLAS {
    /// `c = alpha * op(a) * op(b) + beta * c` with `op(a)` of shape `m x k`, `op(b)` of shape `k x n`.
    @inline(__always)
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        ThreadPolicy.ensureApplied()
        guard k > 0 else {
            if beta != 1 { for row in 0..<m { for col in 0..<n { c[row * ldc + col] *= beta } } }
            return
        }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
