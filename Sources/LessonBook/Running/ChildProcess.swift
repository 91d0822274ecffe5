import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started in a process group of its own, with standard input from `/dev/null` and
/// standard output and error on pipes.
///
/// Its own process group lets the engine stop the program and everything it started with one
/// signal, on a timeout or on Ctrl-C, and keeps the terminal's Ctrl-C from reaching it directly.
final class ChildProcess: @unchecked Sendable {
    /// How a child ended.
    enum Termination: Hashable, Sendable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Which pipe some bytes came from.
    enum Stream: Sendable {
        case standardOutput, standardError
    }

    /// The process id, also the process group id.
    let pid: pid_t
    private var outputDescriptors: [Int32]

    private init(pid: pid_t, outputDescriptors: [Int32]) {
        self.pid = pid
        self.outputDescriptors = outputDescriptors
    }

    /// Starts `executable` with `arguments` in `directory`, with the given environment additions.
    static func launch(
        _ executable: String, _ arguments: [String], directory: String? = nil, environment: [String: String] = [:]
    ) throws(LessonBookError) -> ChildProcess {
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
        if let directory {
            guard let addChangeDirectory = Self.addChangeDirectory else {
                throw .launchFailed(program: executable, reason: "this C library cannot set a child's working directory")
            }
            _ = addChangeDirectory(&actions, directory)
        }

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
            throw .launchFailed(program: executable, reason: String(cString: strerror(status)))
        }
        return ChildProcess(pid: pid, outputDescriptors: [standardOutput[0], standardError[0]])
    }

    private typealias AddChangeDirectory = @convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
    ) -> Int32

    /// glibc's `posix_spawn_file_actions_addchdir_np`, which Swift's Glibc module does not
    /// expose because it is a GNU extension.
    private static let addChangeDirectory: AddChangeDirectory? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: AddChangeDirectory.self)
    }()

    /// Reads both pipes until they close and the child has exited, then returns how it ended.
    ///
    /// `onOutput` gets bytes as they arrive. `shouldStop` is asked at least every
    /// `pollMilliseconds`; when it returns true the whole process group is killed. When the
    /// child itself exits, whatever it left running in its group is killed too, so a
    /// background grandchild cannot hold the pipes open or outlive the run.
    func pump(
        pollMilliseconds: Int32 = 100,
        onOutput: (Stream, UnsafeRawBufferPointer) -> Void,
        shouldStop: () -> Bool = { false }
    ) -> Termination {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var exited = false
        while !outputDescriptors.isEmpty {
            var polls = outputDescriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polls, nfds_t(polls.count), pollMilliseconds)
            if ready > 0 {
                for entry in polls where entry.revents != 0 {
                    let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                    if count > 0 {
                        let stream: Stream = entry.fd == outputDescriptors.first ? .standardOutput : .standardError
                        buffer.withUnsafeBytes { onOutput(stream, UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                    } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                        close(entry.fd)
                        outputDescriptors.removeAll { $0 == entry.fd }
                    }
                }
            }
            if !exited && hasExited() {
                exited = true
                killGroup()
            }
            if shouldStop() { killGroup() }
        }
        return reap()
    }

    /// Sends SIGKILL to the child's process group.
    func killGroup() {
        kill(-pid, SIGKILL)
    }

    /// Whether the child has exited, without reaping it, so its process group id stays reserved.
    private func hasExited() -> Bool {
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == pid
    }

    private func reap() -> Termination {
        killGroup()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        ChildProcessRegistry.shared.finished(pid)
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}
