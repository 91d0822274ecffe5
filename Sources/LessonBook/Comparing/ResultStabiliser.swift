/// Keeps what a site recorded wherever a fresh result differs from it only by floating-point
/// noise, so a rebuild on another CPU leaves the committed pages byte for byte.
///
/// Each fresh cell is paired with the next recorded cell of the same code (by position in a
/// record that kept no code hashes), so inserting or removing a cell changes only that cell. A
/// paired cell whose status, text and check outcomes are the same and whose every number agrees
/// within the tolerance takes its recorded outputs. So does a cell whose numbers moved further
/// while none of the lesson's inputs changed (`sameInputs`): only the machine can have moved
/// them — another instruction set or thread count, amplified by training — and the committed
/// page stays. A cell whose code is new or edited, and any other cell, takes the fresh outputs,
/// and the comparison says by how much its numbers moved.
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
        let pairs = Self.pairs(result, record)
        for (position, cell) in result.cells.enumerated() {
            guard let (recordedCell, sameCode) = pairs[cell.index] else {
                comparison.changedCells.append(
                    LessonComparison.CellChange(number: cell.index + 1, textChanged: true, largestRelativeChange: 0, isNew: true))
                continue
            }
            var before = recordedCell
            before.index = cell.index
            var fresh = cell
            fresh.seconds = nil
            let difference = OutputDifference(old: before, new: fresh, tolerance: tolerance)
            switch difference.verdict {
            case .identical:
                stable.cells[position] = before
            case .noise where !sameCode:
                // Edited code: what it prints now is the page's, however close to the old.
                comparison.changedCells.append(LessonComparison.CellChange(
                    number: cell.index + 1, textChanged: difference.textChanged,
                    largestRelativeChange: difference.largestRelativeDifference))
            case .noise:
                stable.cells[position] = before
                comparison.noiseCells.append(cell.index + 1)
                comparison.largestNoise = max(comparison.largestNoise, difference.largestRelativeDifference)
            case .numbersMoved where sameInputs && sameCode:
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

    /// For each fresh cell (by index), the recorded cell it is compared with and whether their
    /// code is the same: the next recorded cell with the same code, in order; failing that, the
    /// recorded cell at the same position if no other fresh cell took it (edited code). A record
    /// without code hashes pairs by position, assuming the code is the same.
    private static func pairs(_ result: LessonResult, _ record: RecordedResult) -> [Int: (CellResult, Bool)] {
        guard let codes = record.codes, codes.count == record.cells.count else {
            var byIndex: [Int: (CellResult, Bool)] = [:]
            for cell in record.cells where byIndex[cell.index] == nil { byIndex[cell.index] = (cell, true) }
            return byIndex
        }
        var pairs: [Int: (CellResult, Bool)] = [:]
        var taken = Set<Int>()
        var next = 0
        for cell in result.lesson.cells {
            let code = RecordedResult.code(of: cell)
            if next < codes.count, let match = codes[next...].firstIndex(of: code) {
                pairs[cell.index] = (record.cells[match], true)
                taken.insert(match)
                next = match + 1
            }
        }
        // Edited cells: paired with the recorded cell at their position when it is still free.
        for (position, cell) in result.lesson.cells.enumerated() where pairs[cell.index] == nil {
            if position < record.cells.count, !taken.contains(position) {
                pairs[cell.index] = (record.cells[position], false)
                taken.insert(position)
            }
        }
        return pairs
    }
}
