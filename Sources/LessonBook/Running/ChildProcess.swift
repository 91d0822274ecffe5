internal import CGlibcExtensions
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program in a process group of its own, with standard input from `/dev/null` and
/// standard output and error on pipes, and ends everything it started when it ends.
///
/// This is the engine's own small layer over `posix_spawn`, not swift-subprocess, which was
/// tried: Subprocess is async only, and every run awaits an unstructured `Task {}` of its own
/// (its cleanup handler), which needs a free thread of the cooperative pool. The engine's API is
/// synchronous and is called from that pool (Swift Testing runs tests there); two callers
/// blocked in a run take both threads of a 2-core machine and the runs never finish (seen).
/// Adopting it means making the engine async end to end, its callers included.
///
/// When the child exits, its process group is killed, and so is every process that still holds
/// its output pipes: Foundation's `Process` starts each child in a group of its own, and such
/// a process would otherwise keep the pipes open and the run waiting. Both happen before the
/// child is reaped, while its process id, and so its group id, cannot be reused.
enum ChildProcess {
    /// How a child ended.
    enum Termination: Hashable, Sendable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Which pipe some bytes came from.
    enum Stream: Sendable {
        case standardOutput, standardError
    }

    /// Runs `executable` (looked up on `PATH` unless it contains a slash) to its end and returns
    /// how it ended, once it and everything it left behind are gone.
    ///
    /// `onOutput` gets bytes as they arrive. `shouldStop` is asked, with the child's process id,
    /// at least every `pollMilliseconds`; when it returns true the process group is killed.
    static func run(
        _ executable: String, _ arguments: [String], directory: String? = nil, environment: [String: String] = [:],
        pollMilliseconds: Int32 = 100,
        onOutput: (Stream, UnsafeRawBufferPointer) -> Void,
        shouldStop: (pid_t) -> Bool = { _ in false }
    ) throws(LessonBookError) -> Termination {
        let (pid, descriptors) = try spawn(executable, arguments, directory: directory, environment: environment)
        var open = descriptors
        let pipes = Set(descriptors.compactMap(pipeName))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var exited = false
        while !open.isEmpty {
            var polls = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polls, nfds_t(polls.count), pollMilliseconds)
            if ready > 0 {
                for entry in polls where entry.revents != 0 {
                    let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                    if count > 0 {
                        let stream: Stream = entry.fd == descriptors[0] ? .standardOutput : .standardError
                        buffer.withUnsafeBytes { onOutput(stream, UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                    } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                        close(entry.fd)
                        open.removeAll { $0 == entry.fd }
                    }
                }
            } else if exited {
                // Every writer is dead and the pipes are empty: nothing more can come.
                break
            }
            if !exited && ProcessTable.hasExited(pid) {
                exited = true
                endLeftovers(of: pid, pipes: pipes)
            }
            if !exited && shouldStop(pid) { kill(-pid, SIGKILL) }
        }
        open.forEach { close($0) }
        return reap(pid)
    }

    /// Kills the process group led by `pid` and every other process holding `pipes` open.
    static func endLeftovers(of pid: pid_t, pipes: Set<String>) {
        kill(-pid, SIGKILL)
        for holder in ProcessTable.holders(of: pipes) { kill(holder, SIGKILL) }
    }

    /// `pipe:[inode]`, as `/proc/PID/fd` names the pipe behind `descriptor`.
    private static func pipeName(_ descriptor: Int32) -> String? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return "pipe:[\(status.st_ino)]"
    }

    private static func reap(_ pid: pid_t) -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        ChildProcessRegistry.shared.finished(pid)
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// Starts the child; returns its process id and the read ends of its standard output and
    /// standard error.
    private static func spawn(
        _ executable: String, _ arguments: [String], directory: String?, environment: [String: String]
    ) throws(LessonBookError) -> (pid_t, [Int32]) {
        var standardOutput: [Int32] = [0, 0]
        var standardError: [Int32] = [0, 0]
        // Pipes are made close-on-exec under the registry's lock, which every spawn takes, so a
        // child started by another thread cannot inherit them and hold them open.
        let piped = ChildProcessRegistry.shared.withSpawnLock {
            guard pipe(&standardOutput) == 0 else { return false }
            guard pipe(&standardError) == 0 else {
                close(standardOutput[0])
                close(standardOutput[1])
                return false
            }
            for descriptor in standardOutput + standardError { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
            return true
        }
        guard piped else {
            throw .launchFailed(program: executable, reason: String(cString: strerror(errno)))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, standardOutput[1], 1)
        posix_spawn_file_actions_adddup2(&actions, standardError[1], 2)
        if let directory { posix_spawn_file_actions_addchdir_np(&actions, directory) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        // The engine ignores SIGINT and SIGPIPE for itself; children get the default behaviour.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = ChildProcessRegistry.shared.launching {
            let status = executable.contains("/")
                ? posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
                : posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
            return (status, status == 0 ? pid : nil)
        }
        close(standardOutput[1])
        close(standardError[1])
        guard status == 0 else {
            close(standardOutput[0])
            close(standardError[0])
            throw status == ECANCELED
                ? .interrupted : .launchFailed(program: executable, reason: String(cString: strerror(status)))
        }
        return (pid, [standardOutput[0], standardError[0]])
    }
}
