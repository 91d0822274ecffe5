/// How a lesson's fresh result compares with the one its site recorded, cell by cell.
struct LessonComparison: Hashable, Sendable {
    /// A cell whose output really changed.
    struct CellChange: Hashable, Sendable {
        /// The cell's number, from 1.
        var number: Int
        /// Whether its text or structure changed (not only its numbers).
        var textChanged: Bool
        /// The largest relative change of the numbers that pair up; 0 when none do.
        var largestRelativeChange: Double
        /// Whether the cell is new: no recorded cell had its code or its place.
        var isNew = false
    }

    /// The page's file name.
    var page: String
    /// Numbers of the cells that differed only by noise, whose recorded outputs were kept.
    var noiseCells: [Int] = []
    /// The largest relative difference among the noise-only cells.
    var largestNoise = 0.0
    /// Numbers of the cells whose numbers moved beyond the tolerance although no input of the
    /// lesson changed (same text, same check outcomes): the machine's doing, recorded outputs kept.
    var machineCells: [Int] = []
    /// The largest relative difference among those cells.
    var largestMachineDifference = 0.0
    /// Cells whose outputs really changed.
    var changedCells: [CellChange] = []

    /// The change recorded for cell `number`, if it really changed.
    func change(ofCell number: Int) -> CellChange? {
        changedCells.first { $0.number == number }
    }
}
