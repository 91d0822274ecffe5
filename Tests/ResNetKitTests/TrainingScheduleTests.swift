import ResNetKit
import Testing

/// A module with a single scalar parameter whose value marks the epoch it was saved in.
private final class MarkerModel: Module {
    @Parameter var value = Tensor([0])
    @Buffer var counter = Tensor([0])
}

@Suite("StepLR follows torch.optim.lr_scheduler.StepLR")
struct TrainingStepLRTests {
    @Test("step 30, gamma 0.1: 0.1 until epoch 29, 0.01 from epoch 30, 0.001 from epoch 60")
    func notesSchedule() {
        let schedule = StepLR(baseLearningRate: 0.1, stepSize: 30, gamma: 0.1)
        #expect(schedule.learningRate(atEpoch: 0) == 0.1)
        #expect(schedule.learningRate(atEpoch: 29) == 0.1)
        #expect(schedule.learningRate(atEpoch: 30) == 0.01)
        #expect(schedule.learningRate(atEpoch: 59) == 0.01)
        #expect(schedule.learningRate(atEpoch: 60) == 0.001)
        #expect(schedule.learningRate(atEpoch: 90) == 0.0001)
    }

    @Test("step() after each epoch writes the new rate into the optimiser")
    func drivesOptimizer() {
        let model = MarkerModel()
        let optimizer = SGD(for: model, learningRate: 0.1, momentum: 0.9)
        let scheduler = StepLR(optimizer: optimizer, stepSize: 3, gamma: 0.5)
        var rates: [Float] = []
        for _ in 0..<8 {
            rates.append(optimizer.learningRate)
            scheduler.step()
        }
        #expect(rates == [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025])
        #expect(scheduler.epoch == 8)
        #expect(scheduler.learningRate == optimizer.learningRate)
    }
}

@Suite("Early stopping keeps the best epoch")
struct TrainingEarlyStoppingTests {
    @Test("minimising a loss: stops after `patience` epochs without improvement and restores the best")
    func minimizeLoss() throws {
        let model = MarkerModel()
        var stopper = EarlyStopping(patience: 2, minimumDelta: 0.01)
        let losses: [Float] = [1.0, 0.8, 0.6, 0.595, 0.7, 0.5]
        var stoppedAt: Int?
        for (epoch, loss) in losses.enumerated() {
            model.value = Tensor([Float(epoch)])
            model.counter = Tensor([Float(epoch * 10)])
            if stopper.update(value: loss, epoch: epoch, model: model) {
                stoppedAt = epoch
                break
            }
        }
        // 0.595 is better than 0.6 but not by more than 0.01, so epochs 3 and 4 do not improve.
        #expect(stoppedAt == 4)
        #expect(stopper.bestEpoch == 2)
        #expect(stopper.bestValue == 0.6)
        #expect(model.value.values == [4])
        try stopper.restoreBest(into: model)
        #expect(model.value.values == [2])
        #expect(model.counter.values == [20])
    }

    @Test("maximising an accuracy: a better value resets the patience")
    func maximizeAccuracy() throws {
        let model = MarkerModel()
        var stopper = EarlyStopping(patience: 2, mode: .maximize)
        let accuracies: [Float] = [0.5, 0.7, 0.65, 0.8, 0.79, 0.78, 0.9]
        var stoppedAt: Int?
        for (epoch, accuracy) in accuracies.enumerated() {
            model.value = Tensor([Float(epoch)])
            if stopper.update(value: accuracy, epoch: epoch, model: model) {
                stoppedAt = epoch
                break
            }
        }
        #expect(stoppedAt == 5)
        #expect(stopper.bestEpoch == 3)
        #expect(stopper.bestValue == 0.8)
        try stopper.restoreBest(into: model)
        #expect(model.value.values == [3])
    }

    @Test("NaN never counts as an improvement")
    func nanIsNotBetter() {
        let model = MarkerModel()
        var stopper = EarlyStopping(patience: 1)
        stopper.update(value: 1, epoch: 0, model: model)
        let stop = stopper.update(value: .nan, epoch: 1, model: model)
        #expect(stop)
        #expect(stopper.bestEpoch == 0)
    }

    @Test("the snapshot is a copy: later training does not change it")
    func snapshotIsACopy() throws {
        let model = MarkerModel()
        model.value = Tensor([1])
        var stopper = EarlyStopping(patience: 3)
        stopper.update(value: 0.1, epoch: 0, model: model)
        model.value = Tensor([99])
        #expect(stopper.bestState?["value"]?.values == [1])
    }
}
