/// Cuts a dataset into mini-batches, optionally in a shuffled order and through a transform,
/// like PyTorch's `DataLoader` for one epoch.
///
/// Shuffling is deterministic: the order depends only on `seed` and `epoch`, so a run repeats,
/// and each epoch still sees a different order. Augmentation draws from a separate generator
/// derived the same way, so adding a transform does not change the order of the batches.
public struct BatchIterator: Sequence, IteratorProtocol {
    /// The dataset being iterated.
    public let dataset: Dataset
    /// The examples per batch (the last batch may be smaller unless `dropLast`).
    public let batchSize: Int
    /// Whether a last batch smaller than ``batchSize`` is skipped.
    public let dropLast: Bool
    /// The transform applied to every batch, or `nil` to pass images through untouched.
    public let transform: (any Transform)?

    private let order: [Int]
    private var position = 0
    private var augmentationGenerator: RandomGenerator

    /// Creates the batches of one epoch.
    ///
    /// - Parameters:
    ///   - shuffle: visit examples in a random order (seeded by `seed` and `epoch`) instead of
    ///     in dataset order.
    ///   - transform: augmentation for training batches; leave it `nil` for validation and test
    ///     data, whose batches then hold exactly the dataset's images.
    public init(
        _ dataset: Dataset, batchSize: Int, shuffle: Bool = false, seed: UInt64 = 0, epoch: Int = 0,
        dropLast: Bool = false, transform: (any Transform)? = nil
    ) {
        require(batchSize > 0, "BatchIterator needs a positive batch size, got \(batchSize)")
        require(epoch >= 0, "BatchIterator needs a non-negative epoch, got \(epoch)")
        self.dataset = dataset
        self.batchSize = batchSize
        self.dropLast = dropLast
        self.transform = transform
        var orderGenerator = RandomGenerator(seed: BatchIterator.streamSeed(seed: seed, epoch: epoch, stream: 0))
        self.order = shuffle ? orderGenerator.permutation(of: dataset.count) : Array(0..<dataset.count)
        self.augmentationGenerator = RandomGenerator(seed: BatchIterator.streamSeed(seed: seed, epoch: epoch, stream: 1))
    }

    /// The number of batches this epoch yields.
    public var batchCount: Int {
        dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    /// The next batch, or `nil` at the end of the epoch.
    public mutating func next() -> Batch? {
        let remaining = order.count - position
        guard remaining > 0, !(dropLast && remaining < batchSize) else { return nil }
        let indices = Array(order[position..<(position + Swift.min(batchSize, remaining))])
        position += indices.count
        var images = withoutGradients { dataset.images.gathering(batchIndices: indices) }
        if let transform {
            images = transform.apply(to: images, generator: &augmentationGenerator)
        }
        return Batch(
            images: images, labels: indices.map { dataset.labels[$0] }, indices: indices,
            isAugmented: transform != nil)
    }

    /// A seed for one random stream of one epoch, mixed so nearby seeds and epochs give
    /// unrelated sequences.
    package static func streamSeed(seed: UInt64, epoch: Int, stream: UInt64) -> UInt64 {
        var mixer = RandomGenerator(seed: seed)
        let base = mixer.next()
        var epochMixer = RandomGenerator(seed: base ^ (UInt64(epoch) &* 0xD1B5_4A32_D192_ED03) ^ (stream &* 0x8CB9_2BA7_2F3D_8DD7))
        return epochMixer.next()
    }
}
