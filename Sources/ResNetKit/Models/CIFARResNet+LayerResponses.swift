extension CIFARResNet {
    /// The spread of each 3x3 layer's response to `images`, as in figure 7 of He et al. (2015):
    /// the population standard deviation of the layer's output after its batch norm (the
    /// convolution's own output in a net without BN), before the ReLU and before a residual
    /// addition, over every image, channel and position.
    ///
    /// The layers come in forward order (`conv1`, `layer1.0.conv1`, `layer1.0.conv2`, …), named
    /// by their convolution. The model runs in evaluation mode without gradients, layer by layer
    /// (so nothing is fused away), and is put back in the mode it was in.
    ///
    /// - Precondition: `images` is `[N, C, H, W]` with the model's input channels.
    public func layerResponseSpread(on images: Tensor) -> [(name: String, standardDeviation: Float)] {
        require(
            images.rank == 4 && images.shape[1] == conv1.inputChannels,
            "layerResponseSpread expects images [N, \(conv1.inputChannels), H, W], got \(images.shape)")
        let wasTraining = isTraining
        eval()
        defer { if wasTraining { train() } }
        return withoutGradients {
            var spreads: [(String, Float)] = []
            func respond(_ conv: Conv2d, _ batchNorm: BatchNorm2d?, _ input: Tensor) -> Tensor {
                var response = conv(input)
                if let batchNorm { response = batchNorm(response) }
                spreads.append((conv.path, response.standardDeviation().scalar))
                return response
            }
            var x = respond(conv1, bn1, images).relu()
            for stage in [layer1, layer2, layer3] {
                for case let block as BasicBlock in stage.layers {
                    let inner = respond(block.conv1, block.bn1, x).relu()
                    var out = respond(block.conv2, block.bn2, inner)
                    if block.isResidual { out = out + (block.downsample.map { $0(x) } ?? x) }
                    x = out.relu()
                }
            }
            return spreads
        }
    }
}
