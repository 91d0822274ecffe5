/// The parameter-free option-A shortcut of He et al. (2015) for a block that downsamples.
///
/// It keeps every `stride`-th pixel and pads the channel dimension with zeros, half before and
/// half after. Input `[N, C, H, W]`, output `[N, outputChannels, ⌈H/stride⌉, ⌈W/stride⌉]`.
public final class ZeroPaddingShortcut: Module {
    /// Channels after padding.
    public let outputChannels: Int
    /// The spatial subsampling step.
    public let stride: Int

    /// Creates an option-A shortcut.
    public init(outputChannels: Int, stride: Int) {
        self.outputChannels = outputChannels
        self.stride = stride
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        Tensor.zeroPaddingShortcut(input, outputChannels: outputChannels, stride: stride)
    }

    public override var hyperparameterDescription: String { "channels=\(outputChannels), stride=\(stride)" }
}
