extension LessonResult {
    /// What the last line of a run counts: checks, and cells that passed or failed on their own.
    ///
    /// Passed: checks that held and `expect-…` cells that failed as expected. Failed: checks
    /// that did not hold, cells that crashed, timed out, did not compile or unexpectedly
    /// succeeded, and errors outside any cell. Cells that did not run are not counted twice:
    /// the failure that stopped them already is.
    package var tally: (passed: Int, failed: Int) {
        let expected = cells.filter { $0.status == .failedAsExpected }.count
        let broken = cells.filter { ![.completed, .skipped, .notRun, .failedAsExpected].contains($0.status) }.count
        let errors = diagnostics.filter { $0.severity == .error }.count
        return (passedChecks + expected, failedChecks + broken + errors)
    }
}
