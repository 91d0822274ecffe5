/// What the ImageNet ``ResNet`` and the ``CIFARResNet`` share: a convolution stem with an
/// optional batch norm and ReLU, stages of residual blocks, global average pooling and a fully
/// connected classifier.
protocol ResidualNetwork: Module {
    /// The stem's convolution.
    var conv1: Conv2d { get }
    /// The stem's batch norm, if the net has BN.
    var bn1: BatchNorm2d? { get }
    /// The activation module after the stem.
    var relu: ReLU { get }
    /// The pooling before the classifier.
    var avgpool: GlobalAvgPool2d { get }
    /// The classifier.
    var fc: Linear { get }
}

extension ResidualNetwork {
    /// `relu(bn1(conv1(input)))`, one fused oneDNN call under inference.
    func stem(_ input: Tensor) -> Tensor {
        if InferenceFusion.applies(to: [self, bn1]) {
            return conv1.fusedForInference(input, batchNorm: bn1, relu: true)
        }
        var x = conv1(input)
        if let bn1 { x = bn1(x) }
        return relu(x)
    }

    /// The logits from the last stage's output: average pooling, flattening, `fc`.
    func head(_ features: Tensor) -> Tensor {
        fc(avgpool(features).flattened(fromAxis: 1))
    }
}

/// Builds the stages of a residual network: stage `k` has `width · 2^k` planes, and the first
/// block of every stage after the first halves the resolution.
///
/// `makeBlock` receives the block's input channels, planes and stride; every block of a stage
/// outputs `planes · expansion` channels. Returns the stages and the last stage's channels.
func makeResidualStages(
    blockCounts: [Int], width: Int, expansion: Int, generator: inout RandomGenerator,
    makeBlock: (_ inputChannels: Int, _ planes: Int, _ stride: Int, _ generator: inout RandomGenerator) -> Module
) -> (stages: [Sequential], outputChannels: Int) {
    var channels = width
    var stages: [Sequential] = []
    for (stage, count) in blockCounts.enumerated() {
        let planes = width << stage
        var blocks: [Module] = []
        for index in 0..<count {
            blocks.append(makeBlock(channels, planes, (stage > 0 && index == 0) ? 2 : 1, &generator))
            channels = planes * expansion
        }
        stages.append(Sequential(blocks))
    }
    return (stages, channels)
}
