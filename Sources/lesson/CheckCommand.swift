import ArgumentParser
import Foundation
import Synchronization
import LessonBook

/// `lesson check`: every lesson (cached results allowed), a line each, then the totals.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Run every lesson that changed and report its checks; exit 0 only if all pass.")

    @Flag(help: "Run every lesson, even those whose cached result is current.")
    var force = false

    @OptionGroup var options: BookOptions

    func run() throws {
        InterruptHandler.install()
        try ErrorReport.run {
            let book = try options.book()
            let entries = try book.entries()
            let totals = Totals()
            for entry in entries where entry.lesson == nil {
                print("✗ \(entry.path): \(entry.error?.localizedDescription ?? "does not parse")")
                totals.add(passed: 0, failed: 1)
            }
            let paths = entries.filter { $0.lesson != nil }.map(\.path)
            if !paths.isEmpty { try book.prepare() }
            // Lessons finish in any order; lines are printed in lesson order as soon as they can be.
            let lines = OrderedLines(count: paths.count)
            book.checkAll(paths, useCache: !force) { path, outcome in
                var line: String
                switch outcome {
                case .success(let (result, fromCache, proofs)):
                    let (passed, failed) = result.tally
                    // A lesson can fail without a failed check (a cell that never ran); count it.
                    let unexplained = result.succeeded || failed > 0 || proofs.contains { !$0.isProven } ? 0 : 1
                    let proven = proofs.filter(\.isProven).count
                    totals.add(passed: passed + proven, failed: failed + unexplained + proofs.count - proven)
                    totals.addExercises(proven: proven, total: proofs.count)
                    let mark = result.succeeded && proven == proofs.count ? "✓" : "✗"
                    line = "\(mark) \(path) — \(result.lesson.title): \(passed) passed, \(failed) failed"
                    if !proofs.isEmpty { line += "; exercises: \(proven) of \(proofs.count) proven both ways" }
                    if fromCache { line += " (cached)" }
                    for problem in proofs.flatMap(\.problems) { line += "\n    ✗ \(problem)" }
                case .failure(let error):
                    totals.add(passed: 0, failed: 1)
                    line = "✗ \(path): \(error.localizedDescription)"
                }
                lines.set(paths.firstIndex(of: path)!, line)
            }
            // Stale or missing artifacts do not fail the check: the lessons say what they read.
            for status in try book.artifactStatuses() { if let report = status.report { print("! \(report)") } }
            if totals.exercises.total > 0 {
                print("exercises: \(totals.exercises.proven) of \(totals.exercises.total) proven both ways (the solution passes, the stub fails)")
            }
            print("\(totals.passed) passed, \(totals.failed) failed")
            if totals.failed > 0 { throw ExitCode.failure }
        }
    }
}

/// Sums of passed and failed over lessons finishing on different threads.
private final class Totals: Sendable {
    private let counts = Mutex((passed: 0, failed: 0))
    private let exerciseCounts = Mutex((proven: 0, total: 0))
    var exercises: (proven: Int, total: Int) { exerciseCounts.withLock { $0 } }

    func addExercises(proven: Int, total: Int) {
        exerciseCounts.withLock {
            $0.proven += proven
            $0.total += total
        }
    }

    var passed: Int { counts.withLock { $0.passed } }
    var failed: Int { counts.withLock { $0.failed } }

    func add(passed: Int, failed: Int) {
        counts.withLock {
            $0.passed += passed
            $0.failed += failed
        }
    }
}

/// Lines that arrive out of order and are printed in order.
private final class OrderedLines: Sendable {
    private let state: Mutex<(lines: [String?], printed: Int)>

    init(count: Int) {
        state = Mutex((Array(repeating: nil, count: count), 0))
    }

    func set(_ index: Int, _ line: String) {
        state.withLock { state in
            state.lines[index] = line
            while state.printed < state.lines.count, let next = state.lines[state.printed] {
                print(next)
                state.printed += 1
            }
        }
    }
}
