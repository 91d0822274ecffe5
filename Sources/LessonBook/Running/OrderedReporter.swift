/// Reports cells in lesson order although their results arrive out of order.
///
/// Cells judged apart (`no-run`, `expect-…`) are known before the main program runs; they are
/// reported when the main program reaches them, so a terminal shows the lesson top to bottom.
struct OrderedReporter {
    let lesson: Lesson
    let progress: (RunProgress) -> Void
    private var settled: [Int: CellResult] = [:]
    private var reported: Set<Int> = []
    /// Compiler warnings of main cells, shown when the cell starts.
    var warnings: [Int: [Diagnostic]] = [:]

    init(lesson: Lesson, progress: @escaping (RunProgress) -> Void) {
        self.lesson = lesson
        self.progress = progress
    }

    /// Records a cell's result; it is reported when its turn comes.
    mutating func settle(_ result: CellResult) {
        settled[result.index] = result
    }

    /// Passes on an event of the main program, first reporting every earlier settled cell.
    mutating func forward(_ event: RunProgress) {
        switch event {
        case .output(let index, _), .cellStillRunning(let index, _):
            startIfNeeded(index)
            progress(event)
        case .cellFinished(let result):
            startIfNeeded(result.index)
            settled[result.index] = result
            progress(event)
        case .cellStarted(let cell):
            startIfNeeded(cell.index)
        case .phase:
            progress(event)
        }
    }

    /// Takes the main program's results; cells it never reached did not run, and a cell judged
    /// apart that comes after a failure did not run either, since its state never existed.
    mutating func adopt(_ run: ProgramRunner.Run, cells: [Cell]) {
        for cell in cells {
            if var result = run.results[cell.index] {
                result.outputs = (warnings[cell.index] ?? []).map(CellOutput.diagnostic) + result.outputs
                settled[cell.index] = result
            }
        }
        if let failed = run.failedCell {
            for cell in lesson.cells where cell.index > failed && !cell.options.noRun {
                settled[cell.index] = CellResult(index: cell.index, status: .notRun)
            }
        }
    }

    /// Reports whatever is left and returns one result per cell, in order.
    mutating func finish() -> [CellResult] {
        startIfNeeded((lesson.cells.last?.index ?? -1) + 1)
        return lesson.cells.map(result)
    }

    private func result(for cell: Cell) -> CellResult {
        settled[cell.index] ?? CellResult(index: cell.index, status: cell.options.noRun ? .skipped : .notRun)
    }

    /// Reports every cell before `index` that is not reported yet, then announces `index`.
    private mutating func startIfNeeded(_ index: Int) {
        for cell in lesson.cells where cell.index <= index && !reported.contains(cell.index) {
            reported.insert(cell.index)
            progress(.cellStarted(cell))
            if cell.index == index {
                for warning in warnings[cell.index] ?? [] { progress(.output(cellIndex: cell.index, .diagnostic(warning))) }
            }
            if cell.index < index {
                let result = result(for: cell)
                for output in result.outputs { progress(.output(cellIndex: cell.index, output)) }
                progress(.cellFinished(result))
            }
        }
    }
}
