import ArgumentParser
import Experiments

/// `experiment recipe`: the notes' full recipe with ResNet-20 on Fashion-MNIST.
struct RecipeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recipe",
        abstract: RecipeExperiment.summary + ".",
        discussion: "The defaults are the recipe (see Sources/Experiments/RecipeExperiment.swift for the schedule and why).")

    @OptionGroup var common: RunOptions

    @Option(name: .long, help: "The most epochs to train (early stopping may end sooner).")
    var epochs = RecipeExperiment.Options().epochs

    @Option(name: .long, help: "Images per training batch.")
    var batch = RecipeExperiment.Options().batchSize

    @Option(name: .long, help: "The learning rate of the first epoch.")
    var lr = RecipeExperiment.Options().learningRate

    @Option(name: .customLong("weight-decay"), help: "SGD's weight decay.")
    var weightDecay = RecipeExperiment.Options().weightDecay

    @Option(name: .customLong("step-size"), help: "Epochs between two learning-rate reductions (StepLR).")
    var stepSize = RecipeExperiment.Options().stepSize

    @Option(name: .long, help: "The factor of each reduction.")
    var gamma = RecipeExperiment.Options().gamma

    @Option(name: .long, help: "Epochs without a better validation accuracy before stopping.")
    var patience = RecipeExperiment.Options().patience

    @Option(name: .long, help: "Seeds the split, the weights, the shuffling and the augmentation.")
    var seed = RecipeExperiment.Options().seed

    @Option(name: .long, help: "Depth 6n + 2.")
    var depth = RecipeExperiment.Options().depth

    @Option(name: .long, help: "Channels of the first stage.")
    var width = RecipeExperiment.Options().width

    @Option(name: .long, help: "Train on only the first N images of the training split (trials).")
    var limit: Int?

    @Option(name: .customLong("validation-limit"), help: "Validate on only the first N validation images (trials).")
    var validationLimit: Int?

    @Option(name: .customLong("test-limit"), help: "Test on only the first N test images (trials).")
    var testLimit: Int?

    func run() throws {
        var options = RecipeExperiment.Options()
        options.epochs = epochs
        options.batchSize = batch
        options.learningRate = lr
        options.weightDecay = weightDecay
        options.stepSize = stepSize
        options.gamma = gamma
        options.patience = patience
        options.seed = seed
        options.depth = depth
        options.width = width
        options.trainingLimit = limit
        options.validationLimit = validationLimit
        options.testLimit = testLimit
        try RecipeExperiment(options: options).run(in: try common.context(arguments: commandArguments))
    }
}
