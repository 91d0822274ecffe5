extension DiagramPanel {
    /// Draws `module` as it runs on a tensor of shape `input`: the module's real tree, opened
    /// `depth` levels deep, with every shape measured by a forward pass.
    ///
    /// The module runs once on zeros of `input`, which is `[1, C, H, W]` as for a
    /// ``ModelSummary``, in evaluation mode without gradients (its mode is restored afterwards),
    /// so drawing costs one inference pass and changes no statistics.
    ///
    /// `depth` says how many levels of the module tree below `module` are opened: 0 draws the
    /// module as one box; 1 draws the calls it makes (for ResNet-18: the stem layers, one box
    /// per stage, pooling, classifier); 2 opens each of those (one box per block); and so on;
    /// `nil` opens everything down to the layers. A ``BasicBlock`` or ``Bottleneck`` that is
    /// opened is drawn as a residual block: its branch, its shortcut beside it (identity,
    /// option A or option B, whose layers are always shown), the ⊕ sum and the ReLU after it.
    /// Other modules are drawn as the column of the calls they make, in call order, which is
    /// their data flow when each call consumes the previous one's output.
    ///
    /// - Parameters:
    ///   - heading: a name above the panel, for panels shown side by side.
    public init(of module: Module, input: [Int], depth: Int? = nil, heading: String? = nil) {
        require(depth.map { $0 >= 0 } ?? true, "A diagram's depth is 0 or more levels, not \(depth!)")
        let root = ModuleCall.trace(module, input: input)
        let builder = DiagramBuilder(root: module)
        let steps = builder.steps(for: root, depth: depth ?? Int.max)
        self.init(
            heading: heading, label: builder.label(of: module, call: root), inputShape: input,
            outputShape: root.outputShape, parameters: module.parameterCount,
            steps: DiagramBuilder.joiningShapes(steps, input: input))
    }
}
