/// What a lesson run reports while it happens, in order, so a terminal can stream it.
///
/// Every cell of the lesson gets a ``cellStarted(_:)`` and a ``cellFinished(_:)``, in cell
/// order, including cells that are only shown or never ran.
public enum RunProgress: Sendable {
    /// A step before the cells run, e.g. building the library or compiling.
    case phase(String)
    /// A cell begins; its code can be shown now.
    case cellStarted(Cell)
    /// Something a cell produced, as it was produced.
    case output(cellIndex: Int, CellOutput)
    /// A cell is still running after `seconds`; sent about once a second.
    case cellStillRunning(cellIndex: Int, seconds: Double)
    /// A cell is done; the result holds all of its outputs, text merged.
    case cellFinished(CellResult)
}
