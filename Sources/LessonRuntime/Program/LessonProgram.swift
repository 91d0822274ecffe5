// stdout and stderr are C globals; the runtime serialises its own use of them (EventStream).
// The C library must be imported before Foundation for `@preconcurrency` to take effect.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Foundation
import Synchronization

/// The calls the engine writes around each cell of a lesson program; authors never call these.
public enum LessonProgram {
    /// When each cell started, by index.
    private static let cellStart = Mutex<[Int: Date]>([:])

    /// Marks the start of cell `index`.
    public static func beginCell(_ index: Int) {
        cellStart.withLock { $0[index] = Date() }
        EventStream.emit(.cellStarted(index: index))
    }

    /// Marks the normal end of cell `index`, with its duration.
    public static func endCell(_ index: Int) {
        let start = cellStart.withLock { $0[index] } ?? Date()
        EventStream.emit(.cellFinished(index: index, seconds: Date().timeIntervalSince(start)))
    }

    /// Flushes everything printed; the last call of every lesson program.
    public static func finish() {
        fflush(stdout)
        fflush(stderr)
    }
}
