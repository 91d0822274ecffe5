/// One mini-batch: images, their labels and where they came from in the dataset.
public struct Batch: Sendable {
    /// The images, `[batchSize, C, H, W]`, after the transform if there is one.
    public let images: Tensor
    /// The class index of each image.
    public let labels: [Int]
    /// The dataset index of each image, in batch order.
    public let indices: [Int]
    /// Whether a transform (data augmentation) changed the images.
    public let isAugmented: Bool

    /// Creates a batch; `indices` default to `0..<count`.
    public init(images: Tensor, labels: [Int], indices: [Int]? = nil, isAugmented: Bool = false) {
        require(
            images.rank >= 1 && images.shape[0] == labels.count,
            "Batch: images of shape \(images.shape) but \(labels.count) labels")
        self.images = images
        self.labels = labels
        self.indices = indices ?? Array(0..<labels.count)
        self.isAugmented = isAugmented
    }

    /// The number of examples.
    public var count: Int { labels.count }
}
