import Foundation
import ResNetKit

/// The recipe of lesson 9 at full size: seeded 80/20 split, augmentation on the training set
/// only, SGD with StepLR, early stopping on the validation loss, the best epoch tested.
struct TrainingRecipe {
    let epochs: Int
    let batchSize: Int
    let learningRate: Float
    let stepSize: Int
    let gamma: Double
    let patience: Int
    let width: Int
    let depth: Int
    let seed: UInt64
    let limit: Int?

    /// Images per evaluation batch; on two cores 64 ran about twice as fast per image as 256.
    private let evaluationBatchSize = 64

    /// Runs the recipe, handing every JSON line to `emit` as soon as it is known.
    func run(emit: (String) -> Void) throws {
        let (fullTraining, validation) = try FashionMNIST.load(.train).randomSplit(validationFraction: 0.2, seed: seed)
        let training = limit.map { fullTraining.prefix($0) } ?? fullTraining
        let test = try FashionMNIST.load(.test)

        let model = CIFARResNet(depth: depth, classCount: 10, inputChannels: 1, width: width, seed: seed)
        let optimizer = SGD(for: model, learningRate: learningRate, momentum: 0.9, weightDecay: 1e-4)
        let scheduler = StepLR(optimizer: optimizer, stepSize: stepSize, gamma: gamma)
        var stopper = EarlyStopping(patience: patience, mode: .minimize)
        let augmentation = Compose([RandomCrop(size: 28, padding: 4, fill: FashionMNIST.normalizedBlack), RandomHorizontalFlip()])

        var start = JSONLine()
        start.add("event", "start")
        start.add("model", "CIFARResNet(depth: \(depth), width: \(width))")
        start.add("parameters", model.parameterCount)
        start.add("training_images", training.count)
        start.add("validation_images", validation.count)
        start.add("test_images", test.count)
        start.add("batch", batchSize)
        start.add("lr", learningRate)
        start.add("step_size", stepSize)
        start.add("gamma", gamma, decimals: 6)
        start.add("patience", patience)
        start.add("seed", Int(truncatingIfNeeded: seed))
        emit(start.text)

        let clock = ContinuousClock()
        let began = clock.now
        var epochsRun = 0
        var stoppedEarly = false
        for epoch in 0..<epochs {
            let epochStart = clock.now
            let rate = optimizer.learningRate
            let batches = BatchIterator(
                training, batchSize: batchSize, shuffle: true, seed: seed, epoch: epoch, transform: augmentation)
            let trained = model.trainEpoch(on: batches, optimizer: optimizer)
            let validated = model.evaluate(on: validation, batchSize: evaluationBatchSize)
            scheduler.step()
            let stop = stopper.update(value: validated.loss, epoch: epoch + 1, model: model)
            epochsRun = epoch + 1

            var line = JSONLine()
            line.add("epoch", epoch + 1)
            line.add("lr", rate)
            line.add("train_loss", trained.loss)
            line.add("train_accuracy", trained.accuracy)
            line.add("val_loss", validated.loss)
            line.add("val_accuracy", validated.accuracy)
            line.add("best_epoch", stopper.bestEpoch ?? 0)
            line.add("seconds", (clock.now - epochStart).seconds, decimals: 1)
            emit(line.text)
            if stop {
                stoppedEarly = true
                break
            }
        }

        try stopper.restoreBest(into: model)
        let restored = model.evaluate(on: validation, batchSize: evaluationBatchSize)
        let tested = model.evaluate(on: test, batchSize: evaluationBatchSize)
        var done = JSONLine()
        done.add("event", "done")
        done.add("epochs_run", epochsRun)
        done.add("stopped_early", stoppedEarly)
        done.add("best_epoch", stopper.bestEpoch ?? 0)
        done.add("best_val_loss", stopper.bestValue ?? .nan)
        done.add("restored_val_loss", restored.loss)
        done.add("restored_val_accuracy", restored.accuracy)
        done.add("test_loss", tested.loss)
        done.add("test_accuracy", tested.accuracy)
        done.add("seconds", (clock.now - began).seconds, decimals: 1)
        emit(done.text)
    }
}
