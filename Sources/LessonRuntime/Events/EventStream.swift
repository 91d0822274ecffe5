// stdout and stderr are C globals; the runtime serialises its own use of them with a mutex.
// The C library must be imported before Foundation for `@preconcurrency` to take effect.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Foundation
import Synchronization

/// Writes ``LessonEvent``s into standard output, framed so the engine can tell them from text.
enum EventStream {
    /// The encoder, and with it the right to write an event to standard output.
    private static let writer = Mutex(JSONEncoder())

    /// Line-buffers standard output so text a cell prints reaches the engine as it is printed
    /// and is not lost in a buffer when a later statement traps.
    static let prepareOutput: Void = {
        setvbuf(stdout, nil, _IOLBF, 0)
    }()

    /// Flushes pending text, then writes `event` as one framed JSON line.
    static func emit(_ event: LessonEvent) {
        _ = prepareOutput
        writer.withLock { encoder in
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
}
