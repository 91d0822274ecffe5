/// The base class of every layer and model: a function of a tensor with parameters, buffers and
/// named child modules, like PyTorch's `nn.Module`.
///
/// A subclass is its stored properties and its ``forward(_:)``:
///
/// ```swift
/// final class TinyNet: Module {
///     let conv = Conv2d(inputChannels: 1, outputChannels: 8, kernelSize: 3, seed: 1)
///     let bn = BatchNorm2d(features: 8)
///     let fc = Linear(inputFeatures: 8, outputFeatures: 10, seed: 2)
///     override func forward(_ input: Tensor) -> Tensor {
///         fc(Tensor.globalAveragePool(bn(conv(input)).relu()).flattened(fromAxis: 1))
///     }
/// }
/// ```
///
/// Trainable tensors are properties marked ``Parameter``, non-trainable state ``Buffer``; any
/// stored property holding a `Module`, an optional one or an array of them is a child. Names
/// come from the properties and compose into PyTorch state-dict keys such as
/// `layer1.0.bn1.running_mean`, in torchvision's order: each module's parameters, then its
/// buffers, then its children, each in declaration order.
///
/// How the members are found: by reflection (`Mirror`) over the stored properties, as
/// mlx-swift does, with the two property wrappers saying what a tensor is. The alternatives
/// were worse here: hand-written lists (what this replaces) drift from the properties and
/// forget optional layers; wrappers alone cannot enumerate themselves (a wrapper never learns
/// its enclosing instance until it is read); a macro would add a compiler plug-in build to
/// every lesson program for what the runtime already knows. Reflection costs a few
/// microseconds a module, paid when the tree is walked (an optimiser step, `train()`), never
/// in `forward`. Containers whose children are named by index override ``children``, as
/// ``Sequential`` does.
open class Module {
    /// Whether the module is in training mode (batch statistics in BN) or evaluation mode.
    public private(set) var isTraining = true

    /// The module that holds this one, linked when the holder is created or its tree walked.
    weak var parent: Module?
    /// This module's name inside ``parent``.
    var nameInParent = ""

    /// Whether calls keep the output's gradient for ``outputGradient``.
    public var recordsOutputGradient = false
    private var lastOutputGradientHolder: Tensor?

    /// Creates a module in training mode and links the children its subclass already holds.
    public init() {
        // Swift initialises a subclass's stored properties before calling up to this
        // initialiser, so the children are there to be found.
        for (name, child) in children { child.link(to: self, as: name) }
    }

    /// The sub-modules, in the order their names appear in the state dict: by default every
    /// stored property that holds a module, an optional module or an array of modules (named
    /// `property.0`, `property.1`, …), in declaration order.
    open var children: [(name: String, module: Module)] { reflectedMembers().children }

    /// The computation. Call the module itself (``callAsFunction(_:)``), not this method.
    open func forward(_ input: Tensor) -> Tensor {
        requirementFailure("\(typeName) does not implement forward(_:)")
    }

    /// Runs the module on `input`.
    public final func callAsFunction(_ input: Tensor) -> Tensor {
        let output = forward(input)
        if recordsOutputGradient, output.requiresGradient {
            output.retainGradient()
            lastOutputGradientHolder = output
        }
        if let recorder = ModuleCallRecorder.current {
            recorder.record(module: self, output: output)
        }
        return output
    }

    /// The dotted path of this module inside the model that holds it (`layer2.0.conv1`), or `""`
    /// for the outermost one; error messages and summaries use it.
    public var path: String {
        guard let parent else { return "" }
        let above = parent.path
        return above.isEmpty ? nameInParent : "\(above).\(nameInParent)"
    }

    /// The gradient that reached this module's output in the last backward pass, when
    /// ``recordsOutputGradient`` was set before the forward pass.
    public var outputGradient: Tensor? { lastOutputGradientHolder?.gradient }

    /// The class name, as shown in summaries.
    public var typeName: String { String(describing: type(of: self)) }

    /// A one-line description of the hyperparameters, as shown in summaries (`64, 128, k=3, s=2`).
    open var hyperparameterDescription: String { "" }

    func link(to parent: Module, as name: String) {
        self.parent = parent
        nameInParent = name
    }

    func setTraining(_ training: Bool) { isTraining = training }
}
