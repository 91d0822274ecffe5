extension LessonResult {
    /// What the last line of a run counts: checks, and cells that passed or failed on their own.
    ///
    /// Passed: checks that held and `expect-…` cells that failed as expected. Failed: checks
    /// that did not hold, cells that crashed, timed out, did not compile or unexpectedly
    /// succeeded, and errors outside any cell. Cells that did not run are not counted twice:
    /// the failure that stopped them already is.
    ///
    /// Exercises are counted apart (see ``exerciseGrades``): the cells that grade them are left out.
    package var tally: (passed: Int, failed: Int) {
        let own = ownCells
        let checks = own.flatMap(\.checks)
        let expected = own.filter { $0.status == .failedAsExpected }.count
        let broken = own.filter { ![.completed, .skipped, .notRun, .failedAsExpected].contains($0.status) }.count
        let errors = diagnostics.filter { $0.severity == .error }.count
        return (checks.filter(\.passed).count + expected, checks.filter { !$0.passed }.count + broken + errors)
    }
}
