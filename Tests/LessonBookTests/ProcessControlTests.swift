import Foundation
import Testing

@testable import LessonBook

/// When a lesson program ends, everything it started ends with it, and the runner returns at once.
@Suite("Process control", .enabled(if: TestSupport.compilerAvailable, "swiftc is not available"))
struct ProcessControlTests {
    /// Processes whose command line is exactly `arguments`.
    private func processes(running arguments: [String]) -> [pid_t] {
        ProcessTable.all().filter { entry in
            guard entry.state != "Z", let data = FileManager.default.contents(atPath: "/proc/\(entry.pid)/cmdline") else { return false }
            return data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) } == arguments
        }.map(\.pid)
    }

    // The time limit is a guard, not a measurement: a runner that waited for the stray
    // processes would wait ten minutes.
    @Test("processes a cell leaves running, in another group or another session, are killed when the program ends",
        .timeLimit(.minutes(3)))
    func strayProcesses() throws {
        let result = try EngineFixture.shared.run("13-stray-processes.md")
        #expect(result.cells.map(\.status) == [.completed, .completed])
        #expect(processes(running: ["/bin/sleep", "600"]).isEmpty)
        #expect(processes(running: ["/bin/sleep", "601"]).isEmpty)
    }

    @Test("a helper's output is collected and its exit status reported")
    func collect() throws {
        let result = try ChildProcess.collect("/bin/sh", ["-c", "printf out; printf err >&2; exit 3"])
        #expect(result.termination == .exited(3))
        #expect(result.standardOutput == "out")
        #expect(result.standardError == "err")
    }

    @Test("a program that cannot be started is an error naming it")
    func launchFailure() {
        #expect(throws: LessonBookError.self) {
            try ChildProcess.collect("/nonexistent/program", [])
        }
    }
}
