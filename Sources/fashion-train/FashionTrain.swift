import ArgumentParser
import Foundation
import ResNetKit

/// Trains a CIFAR-style ResNet on Fashion-MNIST with the full recipe of lesson 9 and prints one
/// JSON object a line: one per epoch, then one with the test result of the best epoch.
@main
struct FashionTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fashion-train",
        abstract: "Train a CIFAR-style ResNet on Fashion-MNIST with the recipe of lesson 9.",
        discussion: """
            The 60,000 training images are split 80/20 (seeded) into training and validation sets; \
            the training set is augmented with RandomCrop(28, padding: 4) and a horizontal flip. \
            SGD with momentum 0.9 and weight decay 1e-4 follows a StepLR schedule; early stopping \
            watches the validation loss and restores the best epoch, which is then tested on the \
            10,000 test images. Defaults follow the notes: 90 epochs, step 30, gamma 0.1.
            """)

    @Option(name: .long, help: "The most epochs to train (early stopping may end sooner).")
    var epochs = 90

    @Option(name: .long, help: "Images per training batch.")
    var batch = 128

    @Option(name: .long, help: "The learning rate of the first epoch.")
    var lr: Float = 0.1

    @Option(name: .customLong("step-size"), help: "Epochs between two learning-rate reductions (StepLR).")
    var stepSize = 30

    @Option(name: .long, help: "The factor of each learning-rate reduction (StepLR).")
    var gamma = 0.1

    @Option(name: .long, help: "Epochs without a better validation loss before stopping.")
    var patience = 10

    @Option(name: .long, help: "Channels of the first stage (16 in He et al. 2015).")
    var width = 16

    @Option(name: .long, help: "Depth 6n + 2: 20, 32, 44, 56 or 110.")
    var depth = 20

    @Option(name: .long, help: "Seeds the split, the initial weights, the shuffling and the augmentation.")
    var seed: UInt64 = 0

    @Option(name: .long, help: "Train on only the first N images of the 48,000-image training split.")
    var limit: Int?

    mutating func validate() throws {
        guard epochs > 0, batch > 0, stepSize > 0, patience >= 0, width > 0 else {
            throw ValidationError("--epochs, --batch, --step-size and --width must be positive, --patience not negative")
        }
        guard lr > 0, gamma > 0 else { throw ValidationError("--lr and --gamma must be positive") }
        guard depth >= 8, (depth - 2) % 6 == 0 else {
            throw ValidationError("--depth must be 6n + 2 (20, 32, 44, 56, 110), got \(depth)")
        }
        if let limit, limit <= 0 { throw ValidationError("--limit must be positive") }
    }

    func run() throws {
        let recipe = TrainingRecipe(
            epochs: epochs, batchSize: batch, learningRate: lr, stepSize: stepSize, gamma: gamma,
            patience: patience, width: width, depth: depth, seed: seed, limit: limit)
        try recipe.run { line in
            // Unbuffered, so every epoch shows up as soon as it ends (also when piped to a file).
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}
