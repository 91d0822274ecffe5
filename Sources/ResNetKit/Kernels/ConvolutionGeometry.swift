/// The geometry of a 2-D convolution or pooling window over a batch of images.
struct ConvolutionGeometry: Hashable, Sendable {
    let images: Int
    let channels: Int
    let height: Int
    let width: Int
    let kernelHeight: Int
    let kernelWidth: Int
    let stride: Int
    let padding: Int

    var outputHeight: Int { (height + 2 * padding - kernelHeight) / stride + 1 }
    var outputWidth: Int { (width + 2 * padding - kernelWidth) / stride + 1 }

    /// `[N, C, H, W]` of the input.
    var inputShape: [Int] { [images, channels, height, width] }

    /// `[N, channels, outputHeight, outputWidth]` of an output with `channels` channels.
    func outputShape(channels: Int) -> [Int] { [images, channels, outputHeight, outputWidth] }
}
