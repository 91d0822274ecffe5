internal import CDNNL
internal import COpenBLAS
import Foundation

/// How many threads oneDNN and OpenBLAS use, decided once for both.
///
/// oneDNN runs on the OpenMP runtime and OpenBLAS on its own pthreads pool. Each pool's
/// threads spin for a while after finishing their work before they sleep, so two pools the
/// size of the machine take turns stealing each other's cores: a convolution right after a
/// matrix product ran measurably slower. The policy gives every core to oneDNN, which computes
/// everything large (convolutions, batch norm, pooling, the residual sum), and runs OpenBLAS
/// on the calling thread, where it only multiplies the small matrices of the classifier.
///
/// The usual environment variables override it: `OMP_NUM_THREADS` for oneDNN (read by the
/// OpenMP runtime itself) and `OPENBLAS_NUM_THREADS` for OpenBLAS.
public enum ThreadPolicy {
    /// The number of cores this process may run on.
    public static var availableCores: Int {
        ProcessInfo.processInfo.activeProcessorCount
    }

    /// Applies the policy once per process; every entry to oneDNN or OpenBLAS calls it first.
    static func ensureApplied() { _ = applied }

    private static let applied: Void = apply()

    private static func apply() {
        let environment = ProcessInfo.processInfo.environment
        if environment["OMP_NUM_THREADS"] == nil {
            _ = rnk_omp_set_threads(Int32(availableCores))
        }
        if environment["OPENBLAS_NUM_THREADS"] == nil {
            openblas_set_num_threads(1)
        }
    }

    /// The threads the library's kernels compute with (oneDNN's OpenMP team size).
    public static var computeThreads: Int {
        ensureApplied()
        return Int(rnk_omp_max_threads())
    }
}
