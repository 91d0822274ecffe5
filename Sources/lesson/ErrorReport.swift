import ArgumentParser
import Foundation
import LessonBook

/// How every subcommand reports an error: on standard error, a lesson's diagnostics as
/// `file:line:col: error: …` lines (the form editors read), anything else as `error: …`, then
/// exit status 1. Exit codes a command chose itself pass through untouched.
enum ErrorReport {
    /// Runs `body`, reporting what it throws.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data((message(for: error) + "\n").utf8))
            throw ExitCode.failure
        }
    }

    /// The text for `error`: diagnostics carry their own `file:line:col: error:` prefix.
    static func message(for error: any Error) -> String {
        if let error = error as? LessonBookError, !error.diagnostics.isEmpty {
            return error.diagnostics.map(\.description).joined(separator: "\n")
        }
        return "error: \(error.localizedDescription)"
    }
}
