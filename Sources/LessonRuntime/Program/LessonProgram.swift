// stdout and stderr are C globals; the runtime serialises its own use of them with a lock.
// The C library must be imported before Foundation for `@preconcurrency` to take effect.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Foundation

/// The calls the engine writes around each cell of a lesson program; authors never call these.
public enum LessonProgram {
    private final class Clock: @unchecked Sendable {
        let lock = NSLock()
        var cellStart: [Int: Date] = [:]
    }

    private static let clock = Clock()

    /// Marks the start of cell `index`.
    public static func beginCell(_ index: Int) {
        clock.lock.withLock { clock.cellStart[index] = Date() }
        EventStream.emit(.cellStarted(index: index))
    }

    /// Marks the normal end of cell `index`, with its duration.
    public static func endCell(_ index: Int) {
        let start = clock.lock.withLock { clock.cellStart[index] } ?? Date()
        EventStream.emit(.cellFinished(index: index, seconds: Date().timeIntervalSince(start)))
    }

    /// Flushes everything printed; the last call of every lesson program.
    public static func finish() {
        fflush(stdout)
        fflush(stderr)
    }
}
