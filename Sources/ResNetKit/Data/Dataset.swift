/// Labelled images held in memory: an `[N, C, H, W]` tensor and one class index per image.
public struct Dataset: Sendable {
    /// The images, `[count, channels, height, width]`; they do not require gradients.
    public let images: Tensor
    /// The class index of each image, in `0..<classNames.count`.
    public let labels: [Int]
    /// The name of each class, indexed by label.
    public let classNames: [String]

    /// Creates a dataset.
    ///
    /// - Precondition: one label per image, each a valid class index.
    public init(images: Tensor, labels: [Int], classNames: [String]) {
        require(images.rank >= 1, "Dataset images need a batch dimension, got shape \(images.shape)")
        require(
            images.shape[0] == labels.count,
            "Dataset: images of shape \(images.shape) but \(labels.count) labels")
        require(
            labels.allSatisfy { $0 >= 0 && $0 < classNames.count },
            "Dataset: a label is outside 0..<\(classNames.count)")
        self.images = images.detached()
        self.labels = labels
        self.classNames = classNames
    }

    /// The number of examples.
    public var count: Int { labels.count }

    /// The shape of one image, `[C, H, W]`.
    public var imageShape: [Int] { Array(images.shape.dropFirst()) }

    /// The examples at `indices`, in that order (repeats allowed).
    public func subset(_ indices: [Int]) -> Dataset {
        let gathered = withoutGradients { images.gathering(batchIndices: indices) }
        return Dataset(images: gathered, labels: indices.map { labels[$0] }, classNames: classNames)
    }

    /// The first `count` examples (all of them if there are fewer).
    public func prefix(_ count: Int) -> Dataset {
        require(count >= 0, "Dataset.prefix needs a non-negative count, got \(count)")
        let n = Swift.min(count, self.count)
        if n == self.count { return self }
        return subset(Array(0..<n))
    }

    /// How many examples each class has, indexed by label.
    public var labelCounts: [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for label in labels { counts[label] += 1 }
        return counts
    }

    /// Splits off a random validation set, like `torch.utils.data.random_split(ds, [1 − f, f])`.
    ///
    /// A seeded permutation of all indices is cut in two: the validation set gets
    /// `⌊count · validationFraction⌋` examples and the training set the rest, so 60,000 images
    /// with fraction 0.2 give 48,000 and 12,000. The same seed gives the same split.
    public func randomSplit(validationFraction: Double = 0.2, seed: UInt64) -> (training: Dataset, validation: Dataset) {
        require(
            validationFraction >= 0 && validationFraction <= 1,
            "randomSplit needs a validation fraction in 0...1, got \(validationFraction)")
        let validationCount = Int((Double(count) * validationFraction).rounded(.down))
        var generator = RandomGenerator(seed: seed)
        let order = generator.permutation(of: count)
        let trainingCount = count - validationCount
        return (subset(Array(order[..<trainingCount])), subset(Array(order[trainingCount...])))
    }

    /// A 64-bit FNV-1a hash of the image bits and labels, to show that data was not changed.
    public var fingerprint: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0x0000_0100_0000_01B3
        }
        images.withValues { px in
            for v in px { mix(UInt64(v.bitPattern)) }
        }
        for label in labels { mix(UInt64(bitPattern: Int64(label))) }
        return hash
    }
}
