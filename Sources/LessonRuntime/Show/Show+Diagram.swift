/// Shows `module` as a block diagram under the cell: its real module tree with the tensor
/// shape on every arrow, measured by running a tensor of shape `input` through it (one
/// inference pass on zeros; see ``DiagramPanel/init(of:input:depth:heading:)`` for `depth`).
///
/// ```swift
/// show(diagram: BasicBlock(inputChannels: 64, outputChannels: 64), input: [1, 64, 56, 56])
/// show(diagram: ResNet.resnet18(), input: [1, 3, 224, 224], depth: 2, title: "ResNet-18, one box per block")
/// ```
///
/// Without a `title` the caption names the module, its input and its parameter count.
public func show(diagram module: Module, input: [Int], depth: Int? = nil, title: String? = nil) {
    let panel = DiagramPanel(of: module, input: input, depth: depth)
    show(Diagram(title: title ?? defaultTitle(panel), panels: [panel]))
}

/// Shows several modules' block diagrams side by side under one caption, each headed by its
/// name, all run on a tensor of shape `input`: for comparing variants of one block.
///
/// ```swift
/// show(diagrams: [("option A", blockA), ("option B", blockB)], input: [1, 16, 32, 32],
///      title: "A downsampling block with each shortcut")
/// ```
public func show(diagrams modules: [(name: String, module: Module)], input: [Int], depth: Int? = nil, title: String) {
    let panels = modules.map { DiagramPanel(of: $0.module, input: input, depth: depth, heading: $0.name) }
    show(Diagram(title: title, panels: panels))
}

/// Shows a diagram under the cell; the book draws it as SVG on the site and as text in the
/// terminal.
public func show(_ diagram: Diagram) {
    EventStream.emit(.diagram(diagram))
}

private func defaultTitle(_ panel: DiagramPanel) -> String {
    "\(panel.label) on input \(panel.inputShape): \(NumberFormat.grouped(panel.parameters)) parameters"
}
