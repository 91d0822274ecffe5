import ArgumentParser
import Foundation
import ResNetKit

/// Times ResNetKit's forward pass and training step, one JSON object a line.
///
/// `Tools/bench/resnet_bench.py` takes the same arguments and prints the same fields for
/// PyTorch, so the two can run side by side on one machine.
@main
struct ResNetBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resnet-bench",
        abstract: "Time ResNetKit's forward pass and training step.",
        discussion: "Models: \(ModelCatalog.names.joined(separator: ", ")). Timings are medians over --iterations runs after --warmup runs.")

    @Option(name: .long, help: "A model to time; repeat for several. Default: resnet18.")
    var model: [String] = []

    @Option(name: .long, help: "Images per batch.")
    var batch = 8

    @Option(name: .long, help: "Image height and width (default 224 for ImageNet models, 32 for CIFAR ones).")
    var size: Int?

    @Option(name: .long, help: "Input channels.")
    var channels = 3

    @Option(name: .long, help: "Classes (default 1000 for ImageNet models, 10 for CIFAR ones).")
    var classes: Int?

    @Option(name: .long, help: "Timed runs per measurement.")
    var iterations = 5

    @Option(name: .long, help: "Untimed runs before measuring.")
    var warmup = 1

    @Flag(name: .long, help: "Print one JSON object a line.")
    var json = false

    mutating func validate() throws {
        guard batch > 0, iterations > 0, warmup >= 0, channels > 0 else {
            throw ValidationError("--batch, --iterations and --channels must be positive, --warmup not negative")
        }
        for name in model where !ModelCatalog.names.contains(name) {
            throw ValidationError("Unknown model '\(name)'. Known models: \(ModelCatalog.names.joined(separator: ", "))")
        }
    }

    func run() throws {
        for name in model.isEmpty ? ["resnet18"] : model {
            let result = try BenchmarkRun(
                model: name, batch: batch, size: size, channels: channels, classes: classes,
                iterations: iterations, warmup: warmup
            ).measure()
            // Unbuffered, so each model's line appears as soon as it is measured.
            let line = (json ? result.jsonLine : result.humanReadable) + "\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }
}
