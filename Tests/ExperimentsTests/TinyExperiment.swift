import Experiments
import Foundation
import ResNetKit

/// A recipe small enough for a test: 80 random 8x8 images, a ResNet-8 of width 2, batches of
/// 16 (four per epoch), three epochs; checkpoints and artifacts in a fresh temporary folder.
struct TinyExperiment {
    /// The temporary folder holding `checkpoints/` and `artifacts/`.
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("experiment-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The package root, found from this file, so provenance sees the real sources and git.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Random images in two classes whose mean brightness differs, so training can learn.
    static func images(count: Int, seed: UInt64) -> Dataset {
        var generator = RandomGenerator(seed: seed)
        var values: [Float] = []
        var labels: [Int] = []
        for index in 0..<count {
            let label = index % 2
            labels.append(label)
            for _ in 0..<64 { values.append(Float(generator.nextNormal()) + (label == 0 ? -0.5 : 0.5)) }
        }
        return Dataset(images: Tensor(shape: [count, 1, 8, 8], values: values), labels: labels, classNames: ["dark", "light"])
    }

    /// The tiny recipe's settings.
    static var options: RecipeExperiment.Options {
        var options = RecipeExperiment.Options()
        options.epochs = 3
        options.batchSize = 16
        options.depth = 8
        options.width = 2
        options.stepSize = 2
        options.patience = 5
        options.seed = 7
        return options
    }

    /// The recipe on the random images.
    var recipe: RecipeExperiment {
        RecipeExperiment(options: Self.options) { (Self.images(count: 80, seed: 1), Self.images(count: 20, seed: 2)) }
    }

    /// A context writing into ``folder``, with `name` distinguishing checkpoint folders.
    func context(_ name: String, shouldStop: @escaping () -> Bool = { false }) -> ExperimentContext {
        ExperimentContext(
            packageRoot: Self.packageRoot, artifactsDirectory: folder.appendingPathComponent("\(name)/artifacts"),
            checkpointsDirectory: folder.appendingPathComponent("\(name)/checkpoints"), arguments: ["recipe", "--epochs", "3"],
            shouldStop: shouldStop)
    }

    /// Stops after `batches` calls, as a Ctrl-C after that many batches would.
    static func stopper(after batches: Int) -> () -> Bool {
        let counter = Counter()
        return { counter.increment() > batches }
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Counts calls; only a test's own thread uses it.
final class Counter: @unchecked Sendable {
    private var count = 0

    func increment() -> Int {
        count += 1
        return count
    }
}
