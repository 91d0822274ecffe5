import LessonRuntime
import ResNetKitTestSupport
import Testing

/// LessonRuntime is optimised in every build; a misused table or plot must still say why it stops.
@Suite("Runtime misuse")
struct RuntimeMisuseTests {
    @Test("A table row with the wrong number of cells stops with a message naming both counts")
    func tableRow() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Table(columns: ["layer", "shape"], rows: [["conv1"]])
        }
        let message = try #require(fatalErrorMessage(result))
        #expect(message.contains("Table has 2 columns but a row has 1 cells"), "\(message)")
    }

    @Test("A plot series with more x than y values stops with a message naming the series")
    func plotSeries() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Plot.Series(name: "loss", x: [1, 2, 3], y: [0.5])
        }
        let message = try #require(fatalErrorMessage(result))
        #expect(message.contains("Series 'loss' has 3 x values and 1 y values"), "\(message)")
    }

    @Test("A table without a caption stops with a message naming its columns")
    func tableCaption() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            show(Table(columns: ["layer", "shape"], rows: [["conv1", "[1, 64]"]]))
        }
        let message = try #require(fatalErrorMessage(result))
        #expect(message.contains("needs a table with a title"), "\(message)")
        #expect(message.contains("[\"layer\", \"shape\"]"), "\(message)")
    }

    @Test("A diagram of a module on a shape it cannot take stops with the layer's own message")
    func diagramShape() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            show(diagram: BasicBlock(inputChannels: 64, outputChannels: 64), input: [1, 3, 8, 8])
        }
        let message = try #require(fatalErrorMessage(result))
        #expect(message.contains("Conv2d"), "\(message)")
    }
}
