/// Keeps what a site recorded wherever a fresh result differs from it only by floating-point
/// noise, so a rebuild on another CPU leaves the committed pages byte for byte.
///
/// Cells are matched by position. A cell whose status, text and check outcomes are the same and
/// whose every number agrees within the tolerance takes its recorded outputs. So does a cell
/// whose numbers moved further while none of the lesson's inputs changed (`sameInputs`): only
/// the machine can have moved them — another instruction set or thread count, amplified by
/// training — and the committed page stays. Any other cell takes the fresh outputs, and the
/// comparison says by how much its numbers moved.
struct ResultStabiliser: Sendable {
    /// What counts as noise.
    var tolerance: NoiseTolerance

    /// `result` with every noise-only cell (and the lesson's diagnostics, if noise-only) replaced
    /// by the recorded one, and what the comparison found; `record` nil leaves `result` as it is.
    func stabilise(
        _ result: LessonResult, against record: RecordedResult?, sameInputs: Bool = false
    ) -> (LessonResult, LessonComparison?) {
        guard let record else { return (result, nil) }
        var comparison = LessonComparison(page: result.lesson.pageFileName)
        var stable = result
        let recorded = Dictionary(record.cells.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        for (position, cell) in result.cells.enumerated() {
            guard let before = recorded[cell.index] else { continue }
            var fresh = cell
            fresh.seconds = nil
            let difference = OutputDifference(old: before, new: fresh, tolerance: tolerance)
            switch difference.verdict {
            case .identical:
                stable.cells[position] = before
            case .noise:
                stable.cells[position] = before
                comparison.noiseCells.append(cell.index + 1)
                comparison.largestNoise = max(comparison.largestNoise, difference.largestRelativeDifference)
            case .numbersMoved where sameInputs:
                stable.cells[position] = before
                comparison.machineCells.append(cell.index + 1)
                comparison.largestMachineDifference = max(comparison.largestMachineDifference, difference.largestRelativeDifference)
            case .numbersMoved, .changed:
                comparison.changedCells.append(LessonComparison.CellChange(
                    number: cell.index + 1, textChanged: difference.textChanged,
                    largestRelativeChange: difference.largestRelativeDifference))
            }
        }
        let diagnostics = OutputDifference(old: record.diagnostics, new: result.diagnostics, tolerance: tolerance)
        if diagnostics.verdict == .identical || diagnostics.verdict == .noise || (sameInputs && diagnostics.verdict == .numbersMoved) {
            stable.diagnostics = record.diagnostics
        }
        return (stable, comparison)
    }
}
