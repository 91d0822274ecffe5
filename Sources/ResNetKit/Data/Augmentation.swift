/// A random change applied to each image of a training batch (data augmentation).
///
/// Transforms take `[N, C, H, W]` batches and draw from the generator they are given, so a seeded
/// ``BatchIterator`` repeats the same augmented epoch. Pass one to the training iterator only:
/// validation and test batches must show the model the images as they are.
public protocol Transform: Sendable {
    /// Returns the transformed batch, drawing the random choices for each image from `generator`.
    func apply(to images: Tensor, generator: inout RandomGenerator) -> Tensor
}

/// Applies several transforms in order, like `torchvision.transforms.Compose`.
public struct Compose: Transform {
    /// The transforms, first applied first.
    public let transforms: [any Transform]

    /// Creates a pipeline of transforms.
    public init(_ transforms: [any Transform]) {
        self.transforms = transforms
    }

    /// Runs each transform on the output of the previous one, all drawing from `generator`.
    public func apply(to images: Tensor, generator: inout RandomGenerator) -> Tensor {
        transforms.reduce(images) { batch, transform in transform.apply(to: batch, generator: &generator) }
    }
}

/// Pads each image on every side, then cuts out a `size × size` window at a random position,
/// like `torchvision.transforms.RandomCrop(size, padding:)`.
///
/// With 28×28 images, padding 4 and size 28, every image moves by up to 4 pixels in each
/// direction and the uncovered border shows the fill value. The window's top and left corner
/// are drawn uniformly from `0...(H + 2·padding − size)` and `0...(W + 2·padding − size)`.
public struct RandomCrop: Transform {
    /// The side of the square output.
    public let size: Int
    /// The border added on every side before cropping.
    public let padding: Int
    /// The value of the border. torchvision pads the raw image with black, which after
    /// normalisation is `−mean / std`; 0 pads with the dataset mean instead.
    public let fill: Float

    /// Creates a random crop.
    public init(size: Int, padding: Int = 4, fill: Float = 0) {
        require(size > 0 && padding >= 0, "RandomCrop needs a positive size and non-negative padding, got \(size), \(padding)")
        self.size = size
        self.padding = padding
        self.fill = fill
    }

    /// Crops every image of `[N, C, H, W]` at its own random offset; output `[N, C, size, size]`.
    public func apply(to images: Tensor, generator: inout RandomGenerator) -> Tensor {
        require(images.rank == 4, "RandomCrop expects images [N, C, H, W], got \(images.shape)")
        let (n, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
        let (paddedHeight, paddedWidth) = (h + 2 * padding, w + 2 * padding)
        require(
            paddedHeight >= size && paddedWidth >= size,
            "RandomCrop(\(size), padding: \(padding)) does not fit images \(images.shape)")
        var out = [Float](repeating: fill, count: n * c * size * size)
        images.withValues { px in
            out.withUnsafeMutableBufferPointer { po in
                for image in 0..<n {
                    // Offsets of the window in input coordinates (negative inside the padding).
                    let top = generator.nextInt(below: paddedHeight - size + 1) - padding
                    let left = generator.nextInt(below: paddedWidth - size + 1) - padding
                    // The output columns that land on real pixels; the rest keep the fill.
                    let firstX = Swift.max(0, -left)
                    let endX = Swift.min(size, w - left)
                    guard firstX < endX else { continue }
                    for channel in 0..<c {
                        let source = (image * c + channel) * h * w
                        let target = (image * c + channel) * size * size
                        for y in 0..<size {
                            let iy = top + y
                            if iy < 0 || iy >= h { continue }
                            for x in firstX..<endX {
                                po[target + y * size + x] = px[source + iy * w + left + x]
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: [n, c, size, size], values: out)
    }
}

/// Mirrors each image left to right with probability `probability`, like
/// `torchvision.transforms.RandomHorizontalFlip(p)`.
public struct RandomHorizontalFlip: Transform {
    /// The chance that an image is flipped.
    public let probability: Float

    /// Creates a random horizontal flip.
    public init(probability: Float = 0.5) {
        require((0...1).contains(probability), "RandomHorizontalFlip needs a probability in 0...1, got \(probability)")
        self.probability = probability
    }

    /// Flips each image of `[N, C, H, W]` with its own draw; output has the input's shape.
    public func apply(to images: Tensor, generator: inout RandomGenerator) -> Tensor {
        require(images.rank == 4, "RandomHorizontalFlip expects images [N, C, H, W], got \(images.shape)")
        let (n, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
        var flipped = images.detached()
        flipped.withMutableValues { p in
            for image in 0..<n where generator.nextUnitFloat() < probability {
                for row in 0..<(c * h) {
                    let start = (image * c * h + row) * w
                    var (i, j) = (start, start + w - 1)
                    while i < j {
                        p.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
            }
        }
        return flipped
    }

    /// Mirrors every image, without chance: flipping twice gives the input back.
    public static func flipAll(_ images: Tensor) -> Tensor {
        var generator = RandomGenerator(seed: 0)
        return RandomHorizontalFlip(probability: 1).apply(to: images, generator: &generator)
    }
}
