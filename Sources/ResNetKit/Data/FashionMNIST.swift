import Foundation

/// Zalando's Fashion-MNIST: 28×28 grey images of clothing in 10 classes, 60,000 for training
/// and 10,000 for testing, read from the gzip-compressed IDX files of Debian's
/// `dataset-fashion-mnist` package.
public enum FashionMNIST {
    /// Which of the two files sets to read.
    public enum Split: String, Sendable, CaseIterable {
        /// The 60,000 training images (`train-*`).
        case train
        /// The 10,000 test images (`t10k-*`).
        case test

        var filePrefix: String { self == .train ? "train" : "t10k" }
    }

    /// Where Debian installs the files.
    public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"
    /// The Debian package that provides the files.
    public static let debianPackage = "dataset-fashion-mnist"
    /// The class names, indexed by label.
    public static let classNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]
    /// The mean pixel value of the training images, on a 0–1 scale.
    public static let mean: Float = 0.2860
    /// The standard deviation of the training pixels, on a 0–1 scale.
    public static let standardDeviation: Float = 0.3530
    /// What a black pixel (0) becomes after normalisation: `−mean / std`, about −0.81.
    public static var normalizedBlack: Float { (0 - mean) / standardDeviation }

    /// The paths of the images and labels files of `split` in `directory`.
    public static func files(for split: Split, in directory: String = defaultDirectory) -> (images: String, labels: String) {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return (
            base + "\(split.filePrefix)-images-idx3-ubyte.gz",
            base + "\(split.filePrefix)-labels-idx1-ubyte.gz"
        )
    }

    /// Whether both files of every split exist in `directory`.
    public static func isAvailable(in directory: String = defaultDirectory) -> Bool {
        Split.allCases.allSatisfy { split in
            let (images, labels) = files(for: split, in: directory)
            return FileManager.default.isReadableFile(atPath: images) && FileManager.default.isReadableFile(atPath: labels)
        }
    }

    /// Loads a split as `[N, 1, 28, 28]` images, scaled to 0–1 and normalised with
    /// ``mean`` and ``standardDeviation`` (as `ToTensor()` then `Normalize` would), and labels.
    ///
    /// - Parameters:
    ///   - limit: keep only the first `limit` examples (quick experiments).
    ///   - directory: where the `.gz` files are.
    /// - Throws: ``ResNetKitError/datasetMissing(directory:debianPackage:)`` if the files are
    ///   not there, ``ResNetKitError/malformedDataset(path:reason:)`` if they are damaged.
    public static func load(_ split: Split, limit: Int? = nil, directory: String = defaultDirectory) throws -> Dataset {
        require(limit.map { $0 >= 0 } ?? true, "FashionMNIST.load: limit must not be negative, got \(limit!)")
        let (imagesPath, labelsPath) = files(for: split, in: directory)
        for path in [imagesPath, labelsPath] where !FileManager.default.fileExists(atPath: path) {
            throw ResNetKitError.datasetMissing(directory: directory, debianPackage: debianPackage)
        }
        let imageFile = try IDXArray(contentsOf: imagesPath, expectedRank: 3)
        let labelFile = try IDXArray(contentsOf: labelsPath, expectedRank: 1)
        guard imageFile.dimensions[0] == labelFile.dimensions[0] else {
            throw ResNetKitError.malformedDataset(
                path: labelsPath,
                reason: "\(labelFile.dimensions[0]) labels for \(imageFile.dimensions[0]) images in \(imagesPath)")
        }
        if let badLabel = labelFile.bytes.first(where: { Int($0) >= classNames.count }) {
            throw ResNetKitError.malformedDataset(path: labelsPath, reason: "label \(badLabel) is not one of the 10 classes")
        }
        return makeDataset(images: imageFile, labels: labelFile, limit: limit)
    }

    /// Turns raw IDX arrays into a normalised dataset.
    static func makeDataset(images: IDXArray, labels: IDXArray, limit: Int?) -> Dataset {
        let (rows, columns) = (images.dimensions[1], images.dimensions[2])
        let count = Swift.min(limit ?? images.dimensions[0], images.dimensions[0])
        let pixels = count * rows * columns
        // 256 possible bytes: normalise each once, in the order torchvision does it.
        var table = [Float](repeating: 0, count: 256)
        for byte in 0..<256 { table[byte] = (Float(byte) / 255 - mean) / standardDeviation }
        // Every element is written below, so skip zero-filling 188 MB first.
        let values = [Float](unsafeUninitializedCapacity: pixels) { target, initialized in
            table.withUnsafeBufferPointer { lookup in
                images.bytes.withUnsafeBufferPointer { source in
                    for i in 0..<pixels { target[i] = lookup[Int(source[i])] }
                }
            }
            initialized = pixels
        }
        return Dataset(
            images: Tensor(shape: [count, 1, rows, columns], values: values),
            labels: labels.bytes.prefix(count).map(Int.init),
            classNames: classNames)
    }
}
