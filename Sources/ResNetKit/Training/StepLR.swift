/// Multiplies the learning rate by `gamma` every `stepSize` epochs, like PyTorch's
/// `torch.optim.lr_scheduler.StepLR`.
///
/// The learning rate of epoch `e` (counting from 0) is `base · gamma^(e / stepSize)` with integer
/// division: with base 0.1, step 30 and gamma 0.1, epochs 0–29 use 0.1, epochs 30–59 use 0.01.
/// Call ``step()`` once at the end of every epoch; when the scheduler drives an ``SGD``, it
/// writes the new rate into the optimiser.
public final class StepLR {
    /// The optimiser whose learning rate this scheduler sets, if any.
    public let optimizer: SGD?
    /// The learning rate of epoch 0.
    public let baseLearningRate: Float
    /// How many epochs pass between two reductions.
    public let stepSize: Int
    /// The factor applied at each reduction.
    ///
    /// A `Double`, as in PyTorch, where it is a Python float: `0.1` then stays exactly the decimal
    /// the reader wrote, and `0.1 · 0.1` rounds to `Float(0.01)` instead of one step above it.
    public let gamma: Double
    /// The epoch about to be trained: the number of ``step()`` calls so far.
    public private(set) var epoch = 0

    /// Creates a scheduler that drives `optimizer`, starting from its current learning rate.
    public convenience init(optimizer: SGD, stepSize: Int, gamma: Double = 0.1) {
        self.init(optimizer: optimizer, baseLearningRate: optimizer.learningRate, stepSize: stepSize, gamma: gamma)
    }

    /// Creates a scheduler that only computes learning rates, for plots and tables.
    public convenience init(baseLearningRate: Float, stepSize: Int, gamma: Double = 0.1) {
        self.init(optimizer: nil, baseLearningRate: baseLearningRate, stepSize: stepSize, gamma: gamma)
    }

    private init(optimizer: SGD?, baseLearningRate: Float, stepSize: Int, gamma: Double) {
        require(stepSize > 0, "StepLR needs a positive step size, got \(stepSize)")
        require(gamma > 0, "StepLR needs a positive gamma, got \(gamma)")
        self.optimizer = optimizer
        self.baseLearningRate = baseLearningRate
        self.stepSize = stepSize
        self.gamma = gamma
    }

    /// The learning rate for the current ``epoch``.
    public var learningRate: Float { learningRate(atEpoch: epoch) }

    /// The learning rate this schedule gives epoch `epoch` (counting from 0).
    public func learningRate(atEpoch epoch: Int) -> Float {
        require(epoch >= 0, "StepLR: epoch must not be negative, got \(epoch)")
        // PyTorch multiplies Python floats (doubles) and rounds to float32 only when updating.
        // Starting from the shortest decimal of the Float base (`0.1`, not 0.100000001490116)
        // reproduces its rates exactly: 0.1 · 0.1³ rounds to Float(0.0001), not one step above.
        var rate = Double(baseLearningRate.description) ?? Double(baseLearningRate)
        for _ in 0..<(epoch / stepSize) { rate *= gamma }
        return Float(rate)
    }

    /// Continues a schedule interrupted after `epoch` epochs: sets ``epoch`` and the optimiser's
    /// learning rate as `epoch` calls of ``step()`` would have, so a resumed run follows the same
    /// rates.
    public func resume(atEpoch epoch: Int) {
        require(epoch >= 0, "StepLR.resume(atEpoch:): epoch must not be negative, got \(epoch)")
        self.epoch = epoch
        optimizer?.learningRate = learningRate
    }

    /// Ends an epoch: advances ``epoch`` and updates the optimiser's learning rate.
    public func step() {
        epoch += 1
        optimizer?.learningRate = learningRate
    }
}
