import Foundation
import LessonRuntime
import Testing

@testable import LessonBook

/// What counts as floating-point noise, number by number and output by output.
@Suite("Noise between runs")
struct NoiseComparisonTests {
    private let tolerance = NoiseTolerance.standard

    private func verdict(_ old: String, _ new: String) -> OutputDifference.Verdict {
        OutputDifference(old: CellOutput.text(old), new: CellOutput.text(new), tolerance: tolerance).verdict
    }

    @Test("Numbers are split from the text around them, hyphens stay text")
    func printedNumbers() {
        let split = PrintedNumbers("ResNet-18: loss 0.0056350958 after 20 steps, -2.5e-07 and 2e+05")
        #expect(split.numbers.map(\.value) == [18, 0.0056350958, 20, -2.5e-07, 2e+05])
        #expect(split.template == ["ResNet-", ": loss ", " after ", " steps, ", " and ", ""])
        #expect(split.numbers.map(\.lastDigit) == [0, 1e-10, 0, 1e-8, 1e5])
    }

    @Test("Last digits, rounding of the last printed digit and zeros up to rounding are noise")
    func noise() {
        #expect(verdict("loss 0.0056350958", "loss 0.0056350827") == .noise)
        #expect(verdict("point at 276.2", "point at 276.3") == .noise)
        #expect(verdict("mean -2.0349398e-07", "mean 1.5e-07") == .noise)
        #expect(verdict("mean 5.8e-06", "mean 5.9e-06") == .noise)
        #expect(verdict("the same", "the same") == .identical)
    }

    @Test("Moved numbers and exact counts are more than noise; other words and flipped checks are other text")
    func changes() {
        #expect(verdict("loss 0.0056350958", "loss 0.0056950958") == .numbersMoved)
        #expect(verdict("accuracy 0.81", "accuracy 0.83") == .numbersMoved)
        #expect(verdict("812 correct", "813 correct") == .numbersMoved)
        #expect(verdict("loss 0.1", "gain 0.1") == .changed)
        #expect(verdict("1 2", "1 2 3") == .changed)
        let passed = CellOutput.check(CheckRecord(passed: true, description: "x", detail: "got 0.5", file: "a.md", line: 3, column: 1))
        let failed = CellOutput.check(CheckRecord(passed: false, description: "x", detail: "got 0.5", file: "a.md", line: 3, column: 1))
        #expect(OutputDifference(old: passed, new: failed, tolerance: tolerance).verdict == .changed)
    }

    @Test("Plot values are compared as numbers, with the largest relative change reported")
    func plots() {
        let before = CellOutput.plot(Plot(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "s", y: [1, 2, 3])]))
        let noisy = CellOutput.plot(Plot(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "s", y: [1, 2.000001, 3])]))
        let moved = CellOutput.plot(Plot(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "s", y: [1, 2.5, 3])]))
        #expect(OutputDifference(old: before, new: noisy, tolerance: tolerance).verdict == .noise)
        let change = OutputDifference(old: before, new: moved, tolerance: tolerance)
        #expect(change.verdict == .numbersMoved && !change.textChanged)
        #expect(change.largestRelativeDifference == 0.2)
    }

    @Test("The stabiliser keeps recorded cells that differ by noise and takes changed ones")
    func stabiliser() throws {
        let recorded = SiteFixtures.tensors
        var fresh = recorded
        fresh.cells[0].outputs = fresh.cells[0].outputs.map(Self.nudged)
        fresh.cells[0].seconds = 3
        let (stable, comparison) = ResultStabiliser(tolerance: tolerance).stabilise(fresh, against: RecordedResult(recorded))
        #expect(stable.cells == RecordedResult(recorded).cells)
        let found = try #require(comparison)
        #expect(found.changedCells.isEmpty && found.noiseCells == [1])

        var edited = recorded
        edited.cells[0].outputs.append(.text("new line\n"))
        let (_, editedComparison) = ResultStabiliser(tolerance: tolerance).stabilise(edited, against: RecordedResult(recorded))
        #expect(editedComparison?.changedCells.map(\.number) == [1])
        #expect(editedComparison?.changedCells.first?.textChanged == true)
    }

    @Test("A cell whose code was edited takes its fresh output even when it differs from the recorded one by noise alone")
    func editedCodeTakesFreshOutput() throws {
        var recorded = SiteFixtures.tensors
        recorded.cells[0].outputs = [.text("ratio 0.9444444444444444\n")]
        var edited = recorded
        edited.lesson.blocks = edited.lesson.blocks.map { block in
            guard case .cell(var cell) = block, cell.index == 0 else { return block }
            cell.source += "// formatted\n"
            return .cell(cell)
        }
        edited.cells[0].outputs = [.text("ratio 0.9444\n")]
        let stabiliser = ResultStabiliser(tolerance: tolerance)
        let (stable, comparison) = stabiliser.stabilise(edited, against: RecordedResult(recorded))
        #expect(stable.cells[0].outputs == [.text("ratio 0.9444\n")])
        #expect(comparison?.changedCells.map(\.number) == [1])
        // The same output from unchanged code is noise, and the record is kept.
        var same = recorded
        same.cells[0].outputs = [.text("ratio 0.9444\n")]
        let (kept, _) = stabiliser.stabilise(same, against: RecordedResult(recorded))
        #expect(kept.cells[0].outputs == [.text("ratio 0.9444444444444444\n")])
    }

    @Test("A cell inserted before others changes only itself: the later cells pair with their recorded selves by code")
    func insertedCellChangesOnlyItself() throws {
        let recorded = SiteFixtures.basicBlock
        try #require(recorded.lesson.cells.count >= 2)
        var inserted = recorded
        var blocks: [LessonBlock] = []
        for block in recorded.lesson.blocks {
            guard case .cell(var cell) = block else { blocks.append(block); continue }
            if cell.index == 0 {
                var added = cell
                added.source = "print(\"new\")\n"
                blocks.append(.cell(added))
            }
            cell.index += 1
            blocks.append(.cell(cell))
        }
        inserted.lesson.blocks = blocks
        inserted.cells = [CellResult(index: 0, status: .completed, outputs: [.text("new\n")])]
            + recorded.cells.map { cell in
                var cell = cell
                cell.index += 1
                cell.outputs = cell.outputs.map(Self.nudged)
                return cell
            }
        let (stable, comparison) = ResultStabiliser(tolerance: tolerance).stabilise(inserted, against: RecordedResult(recorded))
        #expect(comparison?.changedCells.map(\.number) == [1])
        #expect(comparison?.changedCells.first?.isNew == true)
        #expect(stable.cells.dropFirst().map(\.outputs) == recorded.cells.map(\.outputs))
        #expect(stable.cells.map(\.index) == Array(0..<inserted.cells.count))
    }

    @Test("A noise-only rebuild keeps every byte of the site and counts the noisy cells; a real change is reported")
    func siteRebuild() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        let builder = SiteBuilder(katex: try SiteFixtures.fakeKaTeX(), proseRenderer: SiteFixtures.proseRenderer)
        try builder.write(results: [SiteFixtures.tensors, SiteFixtures.basicBlock], to: site)
        let before = try Self.tree(site)
        #expect(before["results/01-tensors.json"] != nil)

        var noisy = SiteFixtures.tensors
        noisy.cells[0].outputs = noisy.cells[0].outputs.map(Self.nudged)
        let second = try builder.write(results: [noisy, SiteFixtures.basicBlock], to: site)
        #expect(try Self.tree(site) == before)
        #expect(second.changes.isEmpty)
        #expect(second.changes.text.hasPrefix("No lesson's results changed.\nNoise only: 1 cell in 1 lesson differed"))

        var changed = SiteFixtures.tensors
        changed.cells[0].outputs.insert(.text("the loss is 0.5\n"), at: 0)
        let third = try builder.write(results: [changed, SiteFixtures.basicBlock], to: site)
        #expect(third.changes.text == "01-tensors.html: output of cell 1 changed (cell 1: text)")
    }

    @Test("Numbers that moved with the inputs unchanged keep the recorded page; with changed inputs they are a change")
    func sameInputsOtherMachine() throws {
        let site = try SiteFixtures.temporaryDirectory().appendingPathComponent("site")
        let builder = SiteBuilder(katex: try SiteFixtures.fakeKaTeX(), proseRenderer: SiteFixtures.proseRenderer)
        var recorded = SiteFixtures.tensors
        recorded.cells[0].outputs = [.text("loss after training 0.25\n")]
        try builder.write(results: [recorded], to: site)
        let before = try Self.tree(site)

        var diverged = recorded
        diverged.cells[0].outputs = [.text("loss after training 0.27\n")]
        let second = try builder.write(results: [diverged], to: site)
        #expect(try Self.tree(site) == before)
        #expect(second.changes.isEmpty && second.changes.machineCells == 1)
        #expect(second.changes.text.contains("Same inputs, other numbers: 1 cell in 1 lesson"))
        #expect(second.changes.text.contains("(largest relative difference 7.4e-02)"))

        diverged.inputHash = "another-library"
        let third = try builder.write(results: [diverged], to: site)
        #expect(third.changes.text == "01-tensors.html: output of cell 1 changed (cell 1: numbers by up to 7.4e-02)")
    }

    /// Every file under `directory` by relative path.
    static func tree(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: directory.path))
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory.path + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: directory.path + "/" + path)
            }
        }
        return files
    }

    @Test("Relative differences print with two digits")
    func format() {
        #expect(SiteChangeReport.format(2.3456e-6) == "2.3e-06")
        #expect(SiteChangeReport.format(0.2) == "2.0e-01")
        #expect(SiteChangeReport.format(0.99999) == "1.0e+00")
        #expect(SiteChangeReport.format(0) == "0")
    }

    /// `output` with every number in its text moved by a relative 1e-7.
    static func nudged(_ output: CellOutput) -> CellOutput {
        guard case .text(let text) = output else { return output }
        let split = PrintedNumbers(text)
        var result = String(split.template[0])
        for (number, piece) in zip(split.numbers, split.template.dropFirst()) {
            result += "\(number.value * (1 + 1e-7))" + piece
        }
        return .text(result)
    }
}
