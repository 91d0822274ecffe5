import Foundation
import Testing
import LessonRuntime
@testable import LessonBook

/// The SVG and terminal drawings of diagrams: goldens, accessibility, determinism.
@Suite("Diagram rendering")
struct DiagramRendererTests {
    /// Option A and option B downsampling blocks side by side.
    static let shortcuts = Diagram(
        title: "A downsampling BasicBlock with each shortcut",
        panels: [
            DiagramPanel(
                of: BasicBlock(inputChannels: 16, outputChannels: 32, stride: 2, shortcut: .zeroPadding), input: [1, 16, 32, 32],
                heading: "option A"),
            DiagramPanel(
                of: BasicBlock(inputChannels: 16, outputChannels: 32, stride: 2, shortcut: .projection), input: [1, 16, 32, 32],
                heading: "option B"),
        ])
    /// A BasicBlock with an identity shortcut.
    static let identity = Diagram(
        title: "BasicBlock", panels: [DiagramPanel(of: BasicBlock(inputChannels: 64, outputChannels: 64), input: [1, 64, 56, 56])])
    /// A CIFAR ResNet with one box per block.
    static let network = Diagram(
        title: "ResNet-20 by blocks", panels: [DiagramPanel(of: CIFARResNet(depth: 20), input: [1, 3, 32, 32], depth: 2)])

    @Test("Option A and B side by side match their golden SVG")
    func svgGolden() throws {
        try TestSupport.expectGolden(SVGDiagramRenderer().render(Self.shortcuts, id: "shortcuts"), "shortcuts.diagram.svg")
    }

    @Test("The terminal drawings match their goldens")
    func textGoldens() throws {
        let renderer = TextDiagramRenderer()
        try TestSupport.expectGolden(renderer.render(Self.shortcuts), "shortcuts.diagram.txt")
        try TestSupport.expectGolden(renderer.render(Self.identity), "basic-block.diagram.txt")
        try TestSupport.expectGolden(renderer.render(Self.network), "resnet-20.diagram.txt")
    }

    @Test("The SVG is an image named by its title and described in words")
    func accessibility() {
        let svg = SVGDiagramRenderer().render(Self.shortcuts, id: "cell-3-diagram-1")
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-labelledby=\"cell-3-diagram-1-title cell-3-diagram-1-desc\""))
        #expect(svg.contains("<title id=\"cell-3-diagram-1-title\">A downsampling BasicBlock with each shortcut</title>"))
        let description = Self.shortcuts.textAlternative
        #expect(svg.contains("<desc id=\"cell-3-diagram-1-desc\">\(description.htmlEscaped)</desc>"))
        #expect(description.hasPrefix("2 block diagrams side by side."))
        #expect(description.contains("option A: zero-padding shortcut runs ZeroPaddingShortcut 16→32, stride 2"))
        #expect(description.contains("option B: 1×1 projection shortcut runs Conv2d 1×1, 16→32, stride 2 (downsample.0, 512 parameters)"))
        #expect(description.contains("from input [1, 16, 32, 32] to output [1, 32, 16, 16]"))
    }

    @Test("The page shows the diagram as a figure with its caption")
    func htmlFigure() {
        let html = HTMLOutputRenderer(lessonFileName: "x.md").render([.diagram(Self.identity)], idPrefix: "cell-1")
        #expect(html.contains("<figure class=\"diagram\">"))
        #expect(html.contains("id=\"cell-1-diagram-1-title\""))
        #expect(html.contains("<figcaption>BasicBlock</figcaption>"))
    }

    @Test("Every arrow carries a shape and the shortcut meets the branch at ⊕")
    func textContents() {
        let text = TextDiagramRenderer().render(Self.identity)
        #expect(text.components(separatedBy: "[1, 64, 56, 56]").count - 1 == 9)
        #expect(text.contains("⊕◄"))
        #expect(text.contains("identity"))
        let a = TextDiagramRenderer().render(Self.shortcuts)
        #expect(a.contains("┆"))  // option A's dashed shortcut
        #expect(a.contains("downsample.0 · 512 params"))
    }

    @Test("Same diagram, same bytes")
    func deterministic() {
        let again = Diagram(
            title: Self.shortcuts.title,
            panels: [
                DiagramPanel(
                    of: BasicBlock(inputChannels: 16, outputChannels: 32, stride: 2, shortcut: .zeroPadding, seed: 9),
                    input: [1, 16, 32, 32], heading: "option A"),
                DiagramPanel(
                    of: BasicBlock(inputChannels: 16, outputChannels: 32, stride: 2, shortcut: .projection, seed: 9),
                    input: [1, 16, 32, 32], heading: "option B"),
            ])
        #expect(again == Self.shortcuts)
        #expect(SVGDiagramRenderer().render(again, id: "d") == SVGDiagramRenderer().render(Self.shortcuts, id: "d"))
    }
}
