import Foundation
import Testing
import LessonRuntime

/// Diagrams built from real modules: the steps, shortcuts, shapes and parameter counts, each
/// checked against numbers worked out by hand from the layer sizes.
@Suite("Diagram model")
struct DiagramModelTests {
    /// A 3x3 convolution's weights, no bias.
    private func conv3(_ input: Int, _ output: Int) -> Int { 9 * input * output }
    /// A batch norm's γ and β.
    private func norm(_ channels: Int) -> Int { 2 * channels }

    private func residual(_ panel: DiagramPanel) throws -> DiagramResidual {
        guard panel.steps.count == 1, case .residual(let residual) = panel.steps[0] else {
            Issue.record("expected one open residual block, got \(panel.steps)")
            throw DiagramTestFailure()
        }
        return residual
    }

    @Test("A BasicBlock with an identity shortcut: five branch layers, ReLU after the sum, every shape [1, 64, 56, 56]")
    func basicBlock() throws {
        let panel = DiagramPanel(of: BasicBlock(inputChannels: 64, outputChannels: 64), input: [1, 64, 56, 56])
        let block = try residual(panel)
        #expect(block.branch.map(\.path) == ["conv1", "bn1", "relu", "conv2", "bn2"])
        #expect(block.branch.map(\.kind) == [.convolution, .normalization, .activation, .convolution, .normalization])
        #expect(block.branch.map(\.parameters) == [conv3(64, 64), norm(64), 0, conv3(64, 64), norm(64)])
        #expect(block.branch.allSatisfy { $0.inputShape == [1, 64, 56, 56] && $0.outputShape == [1, 64, 56, 56] })
        #expect(block.shortcut.kind == .identity && block.shortcut.boxes.isEmpty && block.shortcut.parameters == 0)
        #expect(block.shortcut.outputShape == [1, 64, 56, 56])
        #expect(block.afterSum.map(\.label) == ["ReLU"])
        #expect(block.parameters == 73_984 && panel.parameters == 2 * conv3(64, 64) + 2 * norm(64))
        #expect(block.label == "BasicBlock 64→64")
        #expect(panel.outputShape == [1, 64, 56, 56])
    }

    @Test("Option A and option B downsampling blocks differ only in the shortcut")
    func downsamplingShortcuts() throws {
        let input = [1, 16, 32, 32]
        let a = try residual(DiagramPanel(
            of: BasicBlock(inputChannels: 16, outputChannels: 32, stride: 2, shortcut: .zeroPadding), input: input))
        let b = try residual(DiagramPanel(
            of: BasicBlock(inputChannels: 16, outputChannels: 32, stride: 2, shortcut: .projection), input: input))
        #expect(a.branch == b.branch)
        #expect(a.branch[0].label == "Conv2d 3×3, 16→32, stride 2" && a.branch[0].outputShape == [1, 32, 16, 16])
        let branchParameters = conv3(16, 32) + norm(32) + conv3(32, 32) + norm(32)
        #expect(a.parameters == branchParameters && branchParameters == 13_952)

        #expect(a.shortcut.kind == .zeroPadding && a.shortcut.parameters == 0)
        #expect(a.shortcut.boxes.map(\.label) == ["ZeroPaddingShortcut 16→32, stride 2"])
        #expect(a.shortcut.boxes.map(\.kind) == [.shortcut] && a.shortcut.outputShape == [1, 32, 16, 16])

        #expect(b.shortcut.kind == .projection)
        #expect(b.shortcut.boxes.map(\.path) == ["downsample.0", "downsample.1"])
        #expect(b.shortcut.boxes.map(\.label) == ["Conv2d 1×1, 16→32, stride 2", "BatchNorm2d, 32 channels"])
        #expect(b.shortcut.boxes.map(\.parameters) == [16 * 32, norm(32)])
        #expect(b.shortcut.boxes.map(\.outputShape) == [[1, 32, 16, 16], [1, 32, 16, 16]])
        #expect(b.parameters == branchParameters + 16 * 32 + norm(32))
    }

    @Test("Bottleneck v1.5 strides on the 3x3, v1 on the first 1x1; the same parameters")
    func bottleneckStride() throws {
        let input = [1, 256, 56, 56]
        let v15 = try residual(DiagramPanel(of: Bottleneck(inputChannels: 256, width: 128, stride: 2), input: input))
        let v1 = try residual(DiagramPanel(
            of: Bottleneck(inputChannels: 256, width: 128, stride: 2, strideOnFirstConvolution: true), input: input))
        let convolutions = { (block: DiagramResidual) in block.branch.filter { $0.kind == .convolution } }
        #expect(convolutions(v15).map(\.outputShape) == [[1, 128, 56, 56], [1, 128, 28, 28], [1, 512, 28, 28]])
        #expect(convolutions(v1).map(\.outputShape) == [[1, 128, 28, 28], [1, 128, 28, 28], [1, 512, 28, 28]])
        #expect(v15.label == "Bottleneck 256→128→512, stride 2 on the 3×3")
        #expect(v1.label == "Bottleneck 256→128→512, stride 2 on the 1×1")
        let expected = 256 * 128 + norm(128) + conv3(128, 128) + norm(128) + 128 * 512 + norm(512) + 256 * 512 + norm(512)
        #expect(expected == 379_392)
        #expect(v15.parameters == expected && v1.parameters == expected)
        #expect(v15.shortcut.kind == .projection && v15.shortcut.outputShape == [1, 512, 28, 28])
        #expect(v15.outputShape == [1, 512, 28, 28])
    }

    @Test("A plain block is a column of layers, no shortcut")
    func plainBlock() {
        let panel = DiagramPanel(of: BasicBlock(inputChannels: 8, outputChannels: 8, residual: false), input: [1, 8, 6, 6])
        #expect(panel.steps.count == 6)
        #expect(panel.steps.allSatisfy { if case .box = $0 { true } else { false } })
    }

    @Test("ResNet-18 one level deep: the stem, one box per stage with its shapes, pooling, a reshape, the classifier")
    func resnet18Stages() {
        let panel = DiagramPanel(of: ResNet.resnet18(), input: [1, 3, 224, 224], depth: 1)
        let boxes = panel.steps.compactMap { step -> DiagramBox? in if case .box(let box) = step { box } else { nil } }
        #expect(boxes.count == panel.steps.count)
        #expect(boxes.map(\.path) == ["conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool", "", "fc"])
        #expect(boxes.map(\.outputShape) == [
            [1, 64, 112, 112], [1, 64, 112, 112], [1, 64, 112, 112], [1, 64, 56, 56], [1, 64, 56, 56], [1, 128, 28, 28],
            [1, 256, 14, 14], [1, 512, 7, 7], [1, 512, 1, 1], [1, 512], [1, 1000],
        ])
        #expect(boxes[9].kind == .reshape)
        // A stage of two basic blocks; the first of stages 2-4 halves the resolution through a
        // projection shortcut.
        func block(_ input: Int, _ output: Int) -> Int {
            conv3(input, output) + norm(output) + conv3(output, output) + norm(output)
                + (input == output ? 0 : input * output + norm(output))
        }
        let stages = [(64, 64), (64, 128), (128, 256), (256, 512)].map { block($0.0, $0.1) + block($0.1, $0.1) }
        #expect(boxes[4...7].map(\.parameters) == stages)
        #expect(boxes.map(\.parameters).reduce(0, +) == 11_689_512)
        #expect(panel.parameters == 11_689_512)
        #expect(boxes[4].label == "Sequential, 2 × BasicBlock")
    }

    @Test("ResNet-18 two levels deep: one box per block, each naming its shortcut")
    func resnet18Blocks() {
        let panel = DiagramPanel(of: ResNet.resnet18(), input: [1, 3, 224, 224], depth: 2)
        let blocks = panel.steps.compactMap { step -> DiagramBox? in
            if case .box(let box) = step, box.kind == .block { box } else { nil }
        }
        #expect(blocks.map(\.path) == ["layer1.0", "layer1.1", "layer2.0", "layer2.1", "layer3.0", "layer3.1", "layer4.0", "layer4.1"])
        #expect(blocks.map(\.shortcut) == [.identity, .identity, .projection, .identity, .projection, .identity, .projection, .identity])
        #expect(blocks[2].label == "BasicBlock 64→128, stride 2" && blocks[2].parameters == 230_144)
    }

    @Test("Three levels deep, every block opens; depth 0 is one box")
    func depths() {
        let net = CIFARResNet(depth: 20)
        let open = DiagramPanel(of: net, input: [1, 3, 32, 32], depth: 3)
        let residuals = open.steps.compactMap { step -> DiagramResidual? in if case .residual(let r) = step { r } else { nil } }
        #expect(residuals.count == 9)
        #expect(residuals.map(\.shortcut.kind).filter { $0 == .zeroPadding }.count == 2)
        #expect(open.parameters == 269_722)
        let closed = DiagramPanel(of: net, input: [1, 3, 32, 32], depth: 0)
        #expect(closed.steps.count == 1 && closed.label == "CIFARResNet")
        #expect(DiagramPanel(of: net, input: [1, 3, 32, 32]) == open)
    }

    @Test("Drawing leaves the module as it was: training mode and batch-norm statistics")
    func noSideEffects() {
        let block = BasicBlock(inputChannels: 4, outputChannels: 4, seed: 3)
        let before = block.stateDict().map { $0.tensor.values }
        _ = DiagramPanel(of: block, input: [1, 4, 5, 5])
        #expect(block.isTraining)
        #expect(block.stateDict().map { $0.tensor.values } == before)
    }

    @Test("A diagram survives the event stream's JSON")
    func codable() throws {
        let diagram = Diagram(title: "t", panels: [DiagramPanel(of: BasicBlock(inputChannels: 4, outputChannels: 8, stride: 2), input: [1, 4, 6, 6])])
        let data = try JSONEncoder().encode(LessonEvent.diagram(diagram))
        #expect(try JSONDecoder().decode(LessonEvent.self, from: data) == .diagram(diagram))
    }
}

private struct DiagramTestFailure: Error {}
