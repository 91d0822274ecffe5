extension ChildProcess {
    /// What a helper program printed and how it ended.
    struct Collected: Sendable {
        var termination: Termination
        var standardOutput: String
        var standardError: String

        /// Whether it exited with status 0.
        var succeeded: Bool { termination == .exited(0) }
    }

    /// Runs a helper (the compiler, `swift build`) to completion and collects its output.
    static func collect(
        _ executable: String, _ arguments: [String], directory: String? = nil, environment: [String: String] = [:]
    ) throws(LessonBookError) -> Collected {
        let child = try launch(executable, arguments, directory: directory, environment: environment)
        var output: [UInt8] = []
        var errors: [UInt8] = []
        let termination = child.pump(onOutput: { stream, bytes in
            if stream == .standardOutput { output += bytes } else { errors += bytes }
        }, shouldStop: { ChildProcessRegistry.shared.isInterrupted })
        if ChildProcessRegistry.shared.isInterrupted { throw .interrupted }
        return Collected(
            termination: termination,
            standardOutput: String(decoding: output, as: UTF8.self),
            standardError: String(decoding: errors, as: UTF8.self))
    }
}
