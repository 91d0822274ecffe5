import Foundation
import Testing

@testable import LessonBook

/// The same lesson run with other kernels and thread counts, as on another machine: the build
/// keeps the recorded page, and an edited cell is still reported.
@Suite("Kernel choices are noise", .enabled(if: TestSupport.compilerAvailable, "swiftc is not available"))
struct KernelNoiseTests {
    private let fixture = EngineFixture.shared

    /// A book over `directory` whose lesson programs see `environment`.
    private func book(_ directory: String, _ environment: [String: String]) -> Book {
        Book(
            lessonsDirectory: directory, package: fixture.book.package,
            options: RunOptions(defaultCellTimeout: 120, environment: environment))
    }

    @Test("AVX-512 on two threads and AVX2 on one differ only by noise; editing a cell is a real change")
    func kernelChoices() throws {
        let lessons = try TestSupport.temporaryDirectory()
        let path = "\(lessons)/17-kernel-noise.md"
        let text = try TestSupport.text("17-kernel-noise.md")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let site = URL(fileURLWithPath: try TestSupport.temporaryDirectory()).appendingPathComponent("site")
        let builder = SiteBuilder(katex: try SiteFixtures.fakeKaTeX(), proseRenderer: SiteFixtures.proseRenderer)

        let wide = try book(lessons, ["ONEDNN_MAX_CPU_ISA": "AVX512_CORE", "OMP_NUM_THREADS": "2"]).run(path, useCache: false).result
        let narrow = try book(lessons, ["ONEDNN_MAX_CPU_ISA": "AVX2", "OMP_NUM_THREADS": "1"]).run(path, useCache: false).result
        #expect(wide.succeeded && narrow.succeeded)
        #expect(wide.inputHash == narrow.inputHash, "the kernel choice is not an input")

        try builder.write(results: [wide], to: site)
        let recorded = try NoiseComparisonTests.tree(site)
        let rebuilt = try builder.write(results: [narrow], to: site)
        #expect(try NoiseComparisonTests.tree(site) == recorded, "a noise-only rebuild keeps every byte")
        #expect(rebuilt.changes.isEmpty)
        // Where the kernels moved the last digits (they do on an AVX-512 machine), the report counts
        // the cells as noise.
        let differs = zip(wide.cells, narrow.cells).contains { $0.outputs != $1.outputs }
        #expect(!differs || rebuilt.changes.noiseCells > 0)

        try text.replacingOccurrences(of: "seed: 3)", with: "seed: 4)").write(toFile: path, atomically: true, encoding: .utf8)
        let edited = try book(lessons, [:]).run(path, useCache: false).result
        let changed = try builder.write(results: [edited], to: site)
        let change = try #require(changed.changes.changes.first)
        #expect(change.changedCells == [1, 2])
        #expect(change.cellChanges.allSatisfy { $0.largestRelativeChange > 1e-3 })
        #expect(changed.changes.text.hasPrefix("17-kernel-noise.html: output of cells 1, 2 changed (cell 1: numbers by up to"))
    }
}
