import Foundation
import ResNetKit
import Testing

/// The real Fashion-MNIST, loaded once for every test that needs it.
enum FashionMNISTFixture {
    /// Whether Debian's `dataset-fashion-mnist` is installed; tests that need it are skipped if not.
    static let isAvailable = FashionMNIST.isAvailable()

    private static let trainResult = Result { try FashionMNIST.load(.train) }
    private static let testResult = Result { try FashionMNIST.load(.test) }

    /// The 60,000 training images.
    static func train() throws -> Dataset { try trainResult.get() }
    /// The 10,000 test images.
    static func test() throws -> Dataset { try testResult.get() }
}

@Suite(
    "Fashion-MNIST from Debian's dataset-fashion-mnist",
    .enabled(
        if: FashionMNISTFixture.isAvailable,
        "Fashion-MNIST is not in /usr/share/datasets/fashion-mnist; install the Debian package dataset-fashion-mnist"))
struct DataFashionMNISTTests {
    @Test("60,000 training and 10,000 test images of 1×28×28, 6,000 and 1,000 per class")
    func sizesAndLabels() throws {
        let train = try FashionMNISTFixture.train()
        let test = try FashionMNISTFixture.test()
        #expect(train.images.shape == [60_000, 1, 28, 28])
        #expect(test.images.shape == [10_000, 1, 28, 28])
        #expect(train.labelCounts == [Int](repeating: 6_000, count: 10))
        #expect(test.labelCounts == [Int](repeating: 1_000, count: 10))
        #expect(train.classNames == FashionMNIST.classNames)
        #expect(!train.images.requiresGradient)
    }

    @Test("normalised with mean 0.2860 and std 0.3530: the training pixels have mean ≈ 0 and std ≈ 1")
    func normalisation() throws {
        let train = try FashionMNISTFixture.train()
        #expect(abs(train.images.mean().scalar) < 0.01)
        #expect(abs(train.images.standardDeviation().scalar - 1) < 0.01)
        #expect(train.images.min().scalar == FashionMNIST.normalizedBlack)
        #expect(abs(train.images.max().scalar - (1 - 0.2860) / 0.3530) < 1e-6)
    }

    @Test("the split of the notes: 48,000 for training and 12,000 for validation, fixed by the seed")
    func split() throws {
        let train = try FashionMNISTFixture.train()
        let (training, validation) = train.randomSplit(validationFraction: 0.2, seed: 42)
        #expect(training.count == 48_000 && validation.count == 12_000)
        #expect(training.images.shape == [48_000, 1, 28, 28])
        let again = train.randomSplit(validationFraction: 0.2, seed: 42)
        #expect(again.validation.labels == validation.labels)
        #expect(again.validation.fingerprint == validation.fingerprint)
        #expect(train.randomSplit(validationFraction: 0.2, seed: 43).validation.fingerprint != validation.fingerprint)
        // A random split keeps the classes roughly balanced.
        #expect(validation.labelCounts.allSatisfy { (1_000...1_400).contains($0) })
    }

    @Test("limit keeps the first examples")
    func limit() throws {
        let small = try FashionMNIST.load(.test, limit: 100)
        let test = try FashionMNISTFixture.test()
        #expect(small.count == 100)
        #expect(small.labels == Array(test.labels.prefix(100)))
        #expect(small.images == test.images[batch: 0..<100])
    }
}
