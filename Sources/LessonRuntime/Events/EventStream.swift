// stdout and stderr are C globals; the runtime serialises its own use of them with a lock.
// The C library must be imported before Foundation for `@preconcurrency` to take effect.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Foundation

/// Writes ``LessonEvent``s into standard output, framed so the engine can tell them from text.
enum EventStream {
    private static let lock = NSLock()
    private static let encoder = JSONEncoder()

    /// Line-buffers standard output so text a cell prints reaches the engine as it is printed
    /// and is not lost in a buffer when a later statement traps.
    static let prepareOutput: Void = {
        setvbuf(stdout, nil, _IOLBF, 0)
    }()

    /// Flushes pending text, then writes `event` as one framed JSON line.
    static func emit(_ event: LessonEvent) {
        _ = prepareOutput
        lock.lock()
        defer { lock.unlock() }
        guard let data = try? encoder.encode(event) else { return }
        var line = Array(LessonEvent.sentinel.utf8)
        line += data
        line.append(UInt8(ascii: "\n"))
        fflush(stdout)
        line.withUnsafeBytes { bytes in
            _ = fwrite(bytes.baseAddress, 1, bytes.count, stdout)
        }
        fflush(stdout)
    }
}
