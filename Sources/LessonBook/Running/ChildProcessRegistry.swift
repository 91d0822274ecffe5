import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The process groups of every child the engine has running, so Ctrl-C can stop them all.
public final class ChildProcessRegistry: @unchecked Sendable {
    /// The one registry of this process.
    public static let shared = ChildProcessRegistry()

    private let lock = NSLock()
    private var groups: Set<pid_t> = []
    private var workingDirectories: Set<String> = []
    private var isTerminating = false

    /// Starts a child under the lock, so an interrupt cannot slip between spawn and registration.
    func launching(_ spawn: () -> (Int32, pid_t?)) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        guard !isTerminating else { return ECANCELED }
        let (status, pid) = spawn()
        if let pid { groups.insert(pid) }
        return status
    }

    /// Runs `body` under the lock every spawn takes.
    func withSpawnLock<T>(_ body: () -> T) -> T {
        lock.withLock(body)
    }

    /// Forgets a child that has been reaped.
    func finished(_ pid: pid_t) {
        lock.withLock { _ = groups.remove(pid) }
    }

    /// Remembers a child's scratch directory, so an interrupt can remove it too.
    func adoptWorkingDirectory(_ path: String) {
        lock.withLock { _ = workingDirectories.insert(path) }
    }

    /// Forgets a scratch directory its run has removed.
    func releaseWorkingDirectory(_ path: String) {
        lock.withLock { _ = workingDirectories.remove(path) }
    }

    /// Kills every running child's process group, removes their scratch directories and
    /// refuses to start new children.
    ///
    /// Called from the command line's SIGINT handler (on a dispatch queue, not in signal
    /// context); results of interrupted runs are never cached because a run is only cached
    /// after it has finished.
    public func terminateAll() {
        lock.withLock {
            isTerminating = true
            for group in groups { kill(-group, SIGKILL) }
            for directory in workingDirectories { try? FileManager.default.removeItem(atPath: directory) }
        }
    }

    /// Whether ``terminateAll()`` has been called.
    public var isInterrupted: Bool { lock.withLock { isTerminating } }
}
