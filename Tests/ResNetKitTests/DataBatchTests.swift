import ResNetKit
import Testing

/// `count` 1×2×2 images whose four pixels all equal their index, labelled `index % 10`.
private func numberedDataset(count: Int) -> Dataset {
    let values = (0..<count).flatMap { [Float](repeating: Float($0), count: 4) }
    return Dataset(
        images: Tensor(shape: [count, 1, 2, 2], values: values), labels: (0..<count).map { $0 % 10 },
        classNames: (0..<10).map { "class \($0)" })
}

@Suite("Datasets, splits and batches")
struct DataBatchTests {
    @Test("subset and prefix keep images and labels together")
    func subset() {
        let dataset = numberedDataset(count: 20)
        let picked = dataset.subset([13, 2, 2])
        #expect(picked.images.values == [13, 13, 13, 13, 2, 2, 2, 2, 2, 2, 2, 2])
        #expect(picked.labels == [3, 2, 2])
        #expect(dataset.prefix(5).labels == [0, 1, 2, 3, 4])
        #expect(dataset.prefix(50).count == 20)
        #expect(dataset.labelCounts == [Int](repeating: 2, count: 10))
    }

    @Test("randomSplit: ⌊n·f⌋ for validation, disjoint, complete, fixed by the seed")
    func randomSplit() {
        let dataset = numberedDataset(count: 103)
        let (training, validation) = dataset.randomSplit(validationFraction: 0.2, seed: 7)
        #expect(training.count == 83 && validation.count == 20)
        let ids = (training.images.values + validation.images.values).enumerated()
            .filter { $0.offset % 4 == 0 }.map { Int($0.element) }
        #expect(ids.sorted() == Array(0..<103))
        let again = dataset.randomSplit(validationFraction: 0.2, seed: 7)
        #expect(again.validation.images == validation.images)
        #expect(again.training.labels == training.labels)
        let other = dataset.randomSplit(validationFraction: 0.2, seed: 8)
        #expect(other.validation.images != validation.images)
    }

    @Test("batches cover every example once; the last batch is short unless dropped")
    func batching() {
        let dataset = numberedDataset(count: 10)
        let batches = Array(BatchIterator(dataset, batchSize: 4))
        #expect(batches.map(\.count) == [4, 4, 2])
        #expect(batches.flatMap(\.indices) == Array(0..<10))
        #expect(BatchIterator(dataset, batchSize: 4).batchCount == 3)
        let dropped = Array(BatchIterator(dataset, batchSize: 4, dropLast: true))
        #expect(dropped.map(\.count) == [4, 4])
        #expect(BatchIterator(dataset, batchSize: 4, dropLast: true).batchCount == 2)
        #expect(batches[2].images.shape == [2, 1, 2, 2])
        #expect(batches[2].labels == [8, 9])
    }

    @Test("shuffling depends only on seed and epoch")
    func shuffling() {
        let dataset = numberedDataset(count: 50)
        func order(seed: UInt64, epoch: Int) -> [Int] {
            BatchIterator(dataset, batchSize: 8, shuffle: true, seed: seed, epoch: epoch).flatMap(\.indices)
        }
        let first = order(seed: 1, epoch: 0)
        #expect(first.sorted() == Array(0..<50))
        #expect(first != Array(0..<50))
        #expect(order(seed: 1, epoch: 0) == first)
        #expect(order(seed: 1, epoch: 1) != first)
        #expect(order(seed: 2, epoch: 0) != first)
    }

    @Test("a transform changes only training batches; the order stays the same with or without it")
    func augmentationOnlyWhereAsked() {
        let dataset = Dataset(
            images: Tensor.normal([40, 1, 8, 8], seed: 3), labels: (0..<40).map { $0 % 10 },
            classNames: (0..<10).map { "class \($0)" })
        let fingerprint = dataset.fingerprint
        let augmentation = Compose([RandomCrop(size: 8, padding: 4), RandomHorizontalFlip()])
        let augmented = Array(BatchIterator(dataset, batchSize: 16, shuffle: true, seed: 9, transform: augmentation))
        let plain = Array(BatchIterator(dataset, batchSize: 16, shuffle: true, seed: 9))
        #expect(augmented.map(\.indices) == plain.map(\.indices))
        #expect(augmented.allSatisfy { $0.isAugmented })
        #expect(augmented.map(\.images) != plain.map(\.images))
        // Validation-style batches are exactly the dataset's images, and nothing wrote to them.
        for batch in plain {
            #expect(!batch.isAugmented)
            #expect(batch.images == dataset.images.gathering(batchIndices: batch.indices))
        }
        #expect(dataset.fingerprint == fingerprint)
    }
}
