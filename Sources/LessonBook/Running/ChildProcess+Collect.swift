import Foundation

extension ChildProcess {
    /// What a helper program printed and how it ended.
    struct Collected: Sendable {
        var termination: Termination
        var standardOutput: String
        var standardError: String

        /// Whether it exited with status 0.
        var succeeded: Bool { termination == .exited(0) }
    }

    /// Bytes kept per stream of a helper; a compiler's or SwiftPM's report is far smaller.
    static let collectLimit = 16 << 20

    /// Runs a helper (the compiler, `swift build`) to completion and collects its output, up to
    /// ``collectLimit`` bytes of each stream.
    static func collect(
        _ executable: String, _ arguments: [String], directory: String? = nil, environment: [String: String] = [:]
    ) throws(LessonBookError) -> Collected {
        var output: [UInt8] = []
        var errors: [UInt8] = []
        let termination = try run(
            executable, arguments, directory: directory, environment: environment,
            onOutput: { stream, bytes in
                if stream == .standardOutput {
                    output += bytes.prefix(max(0, collectLimit - output.count))
                } else {
                    errors += bytes.prefix(max(0, collectLimit - errors.count))
                }
            },
            shouldStop: { _ in ChildProcessRegistry.shared.isInterrupted })
        if ChildProcessRegistry.shared.isInterrupted { throw .interrupted }
        return Collected(
            termination: termination,
            standardOutput: String(decoding: output, as: UTF8.self),
            standardError: String(decoding: errors, as: UTF8.self))
    }
}
