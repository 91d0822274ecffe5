internal import CDNNL
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The process-wide oneDNN state: the CPU engine and the thread policy.
enum DNNL {
    /// The CPU engine every primitive runs on, created on first use.
    // nonisolated(unsafe): the handle is an opaque C pointer, written once by the lazy
    // initialiser (which Swift runs exactly once) and only read afterwards; oneDNN documents
    // engines as safe to use from several threads.
    nonisolated(unsafe) static let engine: dnnl_engine_t = {
        ThreadPolicy.ensureApplied()
        var engine: dnnl_engine_t?
        check(dnnl_engine_create(&engine, dnnl_cpu, 0), "creating the CPU engine")
        return engine!
    }()

    /// Stops with oneDNN's status and what was being done unless `status` is success.
    ///
    /// Every call that can fail here fails only on a shape or layout ResNetKit itself built,
    /// which makes a failure a programmer error, not bad input.
    static func check(_ status: dnnl_status_t, _ action: @autoclosure () -> String) {
        guard status != dnnl_success else { return }
        let reason: String = switch status {
        case dnnl_out_of_memory: "out of memory"
        case dnnl_invalid_arguments: "invalid arguments"
        case dnnl_unimplemented: "no implementation for these shapes and layouts"
        default: "status \(status.rawValue)"
        }
        requirementFailure("oneDNN failed \(action()): \(reason)")
    }

    /// Runs `body` with a fresh stream and waits for it to finish.
    ///
    /// CPU streams are cheap and not thread-safe, so each execution gets its own instead of
    /// sharing one across the threads that tests and lessons may compute on.
    static func withStream(_ body: (dnnl_stream_t) -> Void) {
        var stream: dnnl_stream_t?
        check(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags.rawValue), "creating a stream")
        body(stream!)
        check(dnnl_stream_wait(stream), "waiting for a stream")
        dnnl_stream_destroy(stream)
    }
}
