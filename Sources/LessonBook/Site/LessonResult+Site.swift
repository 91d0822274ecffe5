extension LessonResult {
    /// Cells that failed on their own: compile error, crash, timeout, or an expected failure
    /// that did not happen.
    var failedCells: Int {
        cells.filter { !$0.status.isSuccess && $0.status != .notRun }.count
    }

    /// Cells that never ran because an earlier one failed.
    var cellsNotRun: Int {
        cells.filter { $0.status == .notRun }.count
    }

    /// `pass`, `fail`, or `none` for a lesson that succeeded without checking anything; used as
    /// a CSS class suffix for the outcome badge.
    var outcomeState: String {
        if !succeeded { return "fail" }
        return passedChecks == 0 ? "none" : "pass"
    }

    /// A short account of the lesson's outcome for the page header and the contents:
    /// `All 12 checks passed`, `2 of 12 checks failing; 1 cell failed; 3 not run`.
    ///
    /// Exercises are counted apart, as the terminal counts them: `All 15 checks passed; 3 exercises`.
    var outcomeSummary: String {
        let checks = ownCells.flatMap(\.checks)
        let failedChecks = checks.filter { !$0.passed }.count
        let total = checks.count
        var parts: [String] = []
        if failedChecks > 0 {
            parts.append("\(failedChecks) of \(total) \(total == 1 ? "check" : "checks") failing")
        } else if total > 0 {
            parts.append(total == 1 ? "1 check passed" : "All \(total) checks passed")
        } else {
            parts.append("No checks")
        }
        let broken = failedCells
        if broken > 0 {
            parts.append("\(broken) \(broken == 1 ? "cell" : "cells") failed")
        }
        if cellsNotRun > 0 {
            parts.append("\(cellsNotRun) not run")
        }
        if diagnostics.contains(where: { $0.severity == .error }) {
            parts.append("the lesson did not build")
        }
        let grades = exerciseGrades
        if !grades.isEmpty {
            let unsolved = grades.filter { !$0.isSolved }.count
            let count = "\(grades.count) \(grades.count == 1 ? "exercise" : "exercises")"
            parts.append(unsolved == 0 ? count : "\(count), \(unsolved) not solved by the book's solution")
        }
        return parts.joined(separator: "; ")
    }
}
