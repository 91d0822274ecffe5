import ArgumentParser
import Experiments

/// `experiment degradation`: plain and residual nets of 20 and 56 layers, two seeds each.
struct DegradationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "degradation",
        abstract: DegradationExperiment.summary + ".",
        discussion: "See Sources/Experiments/DegradationExperiment.swift for the schedule and the budget.")

    @OptionGroup var common: RunOptions

    @Option(name: .long, help: "Epochs of every run.")
    var epochs = DegradationExperiment.Options().epochs

    @Option(name: .long, help: "Nets, comma-separated (plain-20, plain-56, resnet-20, resnet-56, any 6n + 2).")
    var nets = DegradationExperiment.Options().nets.map(\.name).joined(separator: ",")

    @Option(name: .long, help: "Seeds, comma-separated: one run of every net per seed.")
    var seeds = DegradationExperiment.Options().seeds.map(String.init).joined(separator: ",")

    @Option(name: .long, help: "Images per training batch.")
    var batch = DegradationExperiment.Options().batchSize

    @Option(name: .long, help: "The learning rate of the first epoch.")
    var lr = DegradationExperiment.Options().learningRate

    @Option(name: .customLong("step-size"), help: "Epochs between two learning-rate reductions (default: half the epochs).")
    var stepSize: Int?

    @Option(name: .long, help: "Channels of the first stage.")
    var width = DegradationExperiment.Options().width

    @Option(name: .long, help: "Train on only the first N images of the training split (trials).")
    var limit: Int?

    @Option(name: .customLong("validation-limit"), help: "Validate on only the first N validation images (trials).")
    var validationLimit: Int?

    @Flag(name: .customLong("all-weights"), help: "Keep every run's weights in the artifact, not only the first seed's.")
    var allWeights = false

    func validate() throws {
        _ = try parsedNets()
        _ = try parsedSeeds()
    }

    func run() throws {
        var options = DegradationExperiment.Options()
        options.nets = try parsedNets()
        options.seeds = try parsedSeeds()
        options.epochs = epochs
        options.batchSize = batch
        options.learningRate = lr
        options.stepSize = stepSize
        options.width = width
        options.trainingLimit = limit
        options.validationLimit = validationLimit
        options.allWeights = allWeights
        try DegradationExperiment(options: options).run(in: try common.context(arguments: commandArguments))
    }

    private func parsedNets() throws -> [DegradationExperiment.Net] {
        try nets.split(separator: ",").map { name in
            guard let net = DegradationExperiment.Net(name: String(name)) else {
                throw ValidationError("--nets: '\(name)' is not plain-D or resnet-D with D = 6n + 2")
            }
            return net
        }
    }

    private func parsedSeeds() throws -> [UInt64] {
        try seeds.split(separator: ",").map { text in
            guard let seed = UInt64(text) else { throw ValidationError("--seeds: '\(text)' is not a seed") }
            return seed
        }
    }
}
