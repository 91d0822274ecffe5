import Foundation
import ResNetKit

/// He et al.'s degradation experiment (2015, figures 6 and 7) on Fashion-MNIST: plain and
/// residual nets of 20 and 56 layers, all with BN, trained with one schedule on the 48,000
/// images of the training split, two seeds each.
///
/// Every run logs its training loss and error and its validation error per epoch; after
/// training, each net's layer-response spread (the standard deviation of every 3x3 layer's
/// output after BN, before the addition and the ReLU) is measured in evaluation mode on the
/// first 256 validation images. Training batches are augmented as in the recipe, as the paper's
/// CIFAR nets were, so training error here is error on augmented images.
///
/// The schedule: SGD with momentum 0.9, weight decay 1e-4 (the paper's), batch 128, learning
/// rate 0.1 divided by 10 after half of the epochs, 8 epochs (3,000 steps); no early stopping,
/// so every curve has the same length. The epochs are set by the budget of about an hour of
/// both cores for all eight runs, so that the experiment and the recipe fit in one working
/// session: one epoch with validation took 27 s (plain-20), 104 s (plain-56, machine busy),
/// 30 s (ResNet-20) and 88 s (ResNet-56), about 500 s for the eight runs, so 8 epochs take
/// about 67 minutes. That is short of the paper's 64,000 steps: the curves show how the nets
/// start to train, and the lessons say so.
///
/// The artifact keeps the weights of the first seed's runs (9 MB for the four nets), enough to
/// recompute the layer responses on a page; `--all-weights` keeps every run's.
public struct DegradationExperiment {
    /// The experiment's name and artifact folder.
    public static let name = "degradation"
    /// One line for `experiment list`.
    public static let summary = "plain-20/56 and ResNet-20/56 with BN, two seeds each: training curves and layer responses"

    /// A net of the experiment.
    public struct Net: Sendable, Equatable {
        /// Depth 6n + 2.
        public var depth: Int
        /// Whether the blocks add their input back.
        public var residual: Bool

        /// Creates a net's description.
        public init(depth: Int, residual: Bool) {
            self.depth = depth
            self.residual = residual
        }

        /// `plain-20` or `resnet-56`.
        public var name: String { "\(residual ? "resnet" : "plain")-\(depth)" }

        /// Reads `plain-20` or `resnet-56`.
        public init?(name: String) {
            let parts = name.split(separator: "-")
            guard parts.count == 2, ["plain", "resnet"].contains(parts[0]), let depth = Int(parts[1]),
                depth >= 8, (depth - 2) % 6 == 0
            else { return nil }
            self.init(depth: depth, residual: parts[0] == "resnet")
        }
    }

    /// The settings; the defaults are the experiment above.
    public struct Options: Sendable, Equatable {
        /// The nets, in the order they train.
        public var nets = [Net(depth: 20, residual: false), Net(depth: 56, residual: false), Net(depth: 20, residual: true), Net(depth: 56, residual: true)]
        /// One run of every net per seed.
        public var seeds: [UInt64] = [1, 2]
        /// Epochs of every run.
        public var epochs = 8
        /// Images per training batch.
        public var batchSize = 128
        /// The learning rate of the first epoch.
        public var learningRate: Float = 0.1
        /// SGD's weight decay.
        public var weightDecay: Float = 1e-4
        /// Epochs between two learning-rate reductions; by default half of the epochs.
        public var stepSize: Int?
        /// The seed of the training/validation split (the same for every run).
        public var splitSeed: UInt64 = 0
        /// Channels of the first stage.
        public var width = 16
        /// Validation images the layer responses are measured on.
        public var responseImages = 256
        /// Train on only the first N images of the training split (for trials).
        public var trainingLimit: Int?
        /// Validate on only the first N images of the validation split (for trials).
        public var validationLimit: Int?
        /// Keep every run's weights in the artifact, not only the first seed's.
        public var allWeights = false

        /// The experiment's defaults.
        public init() {}
    }

    /// The settings.
    public var options: Options
    /// Where the training images come from: Fashion-MNIST's training set by default.
    public var loadData: () throws -> Dataset

    /// Creates the experiment.
    public init(options: Options = Options(), loadData: (() throws -> Dataset)? = nil) {
        self.options = options
        self.loadData = loadData ?? { try FashionMNIST.load(.train) }
    }

    /// Seconds that runs of `nets` will take: each net's measured seconds per epoch when one of
    /// its runs has finished, else a measured net's scaled by depth (the 3x3 layers dominate
    /// the cost, and they grow with depth − 2); `nil` before any run has finished.
    static func estimateSeconds(of nets: [Net], epochs: Int, measured: [(name: String, outcome: TrainingOutcome)]) -> Double? {
        var perEpoch: [String: Double] = [:]
        var reference: (depth: Int, seconds: Double)?
        for (name, outcome) in measured where !outcome.records.isEmpty {
            let netName = String(name[..<(name.range(of: "-seed")?.lowerBound ?? name.endIndex)])
            let seconds = outcome.records.map(\.seconds).reduce(0, +) / Double(outcome.records.count)
            perEpoch[netName] = seconds
            if let depth = Net(name: netName)?.depth { reference = (depth, seconds) }
        }
        guard let (referenceDepth, seconds) = reference else { return nil }
        return nets.reduce(0) { total, net in
            total + Double(epochs) * (perEpoch[net.name] ?? seconds * Double(net.depth - 2) / Double(referenceDepth - 2))
        }
    }

    /// The name of the run of `net` with `seed`, which names its log and weights.
    public static func runName(_ net: Net, seed: UInt64) -> String { "\(net.name)-seed\(seed)" }

    /// Trains every run (each resuming from its own checkpoint), measures the layer responses
    /// and writes the artifact: `RUN.jsonl` and `RUN.safetensors` per run,
    /// `layer-responses.json` and `provenance.json`.
    @discardableResult
    public func run(in context: ExperimentContext) throws -> ExperimentArtifact {
        let options = options
        guard options.epochs > 0, options.batchSize > 0, options.width > 0, options.responseImages > 0,
            !options.nets.isEmpty, !options.seeds.isEmpty, (options.stepSize ?? 1) > 0
        else { throw ExperimentError.invalidOption("epochs, batch, width, response images and step size must be positive; nets and seeds not empty") }
        context.prepareCheckpoints(experiment: Self.name)
        let split = try loadData().randomSplit(validationFraction: 0.2, seed: options.splitSeed)
        let training = options.trainingLimit.map { split.training.prefix($0) } ?? split.training
        let validation = options.validationLimit.map { split.validation.prefix($0) } ?? split.validation
        let channels = training.imageShape[0]
        let plan = options.seeds.flatMap { seed in options.nets.map { (net: $0, seed: seed) } }

        var outcomes: [(name: String, outcome: TrainingOutcome)] = []
        for (index, entry) in plan.enumerated() {
            let (net, seed) = entry
            let name = Self.runName(net, seed: seed)
            let width = options.width
            let run = TrainingRun(
                name: name, modelDescription: "CIFARResNet(depth: \(net.depth), inputChannels: \(channels), residual: \(net.residual), width: \(width))",
                makeModel: { CIFARResNet(depth: net.depth, inputChannels: channels, residual: net.residual, width: width, seed: seed) },
                training: training, validation: validation,
                augmentation: RecipeExperiment.augmentation(imageSide: training.imageShape[1]), epochs: options.epochs,
                batchSize: options.batchSize, learningRate: options.learningRate, momentum: 0.9,
                weightDecay: options.weightDecay, stepSize: options.stepSize ?? max(1, options.epochs / 2), gamma: 0.1,
                patience: nil, seed: seed)
            let later = Self.estimateSeconds(of: plan[(index + 1)...].map(\.net), epochs: options.epochs, measured: outcomes)
            let session = TrainingSession(
                run: run, checkpointDirectory: context.checkpointDirectory(experiment: Self.name, run: name),
                reporter: context.reporter, shouldStop: context.shouldStop, label: "[\(index + 1)/\(plan.count)] ",
                command: context.command, laterRunsSeconds: index + 1 < plan.count ? later : nil)
            outcomes.append((name, try session.train()))
        }

        let clock = ContinuousClock()
        let measuring = clock.now
        let probe = validation.prefix(options.responseImages)
        let spreads = LayerResponseSpreads(images: probe.count, runs: outcomes.map { name, outcome in
            let layers = (outcome.model as! CIFARResNet).layerResponseSpread(on: probe.images)
            return .init(run: name, layers: layers.map { .init(name: $0.name, std: $0.standardDeviation) })
        })
        let measuringSeconds = (clock.now - measuring).seconds

        var files: [(name: String, data: Data)] = []
        var results: [String: Double] = [:]
        for (name, outcome) in outcomes {
            files.append(("\(name).jsonl", Data(outcome.records.map { $0.jsonLine + "\n" }.joined().utf8)))
            if options.allWeights || name.hasSuffix("-seed\(options.seeds[0])") {
                files.append(("\(name).safetensors", SafeTensors.encode(outcome.model.stateDict(), metadata: ["run": name])))
            }
            if let last = outcome.records.last {
                results["\(name).train_error"] = Double("\(last.trainError)") ?? 0
                results["\(name).train_loss"] = Double("\(last.trainLoss)") ?? 0
                if let error = last.validationError { results["\(name).val_error"] = Double("\(error)") ?? 0 }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        files.append(("layer-responses.json", try encoder.encode(spreads) + Data("\n".utf8)))
        let provenance = ProvenanceRecorder(context: context).record(
            experiment: Self.name, seeds: [options.splitSeed] + options.seeds, started: outcomes.map(\.outcome.started).min() ?? "",
            wallSeconds: outcomes.reduce(measuringSeconds) { $0 + $1.outcome.elapsedSeconds },
            sessions: outcomes.map(\.outcome.sessions).max() ?? 1, results: results)
        let artifact = try ExperimentArtifact.write(
            files: files, provenance: provenance, to: context.artifactsDirectory.appendingPathComponent(Self.name))
        context.reporter.note("wrote \(artifact.directory.path)")
        return artifact
    }
}
