/// The rectified linear unit, `max(x, 0)` elementwise; output has the input's shape.
public final class ReLU: Module {
    public override func forward(_ input: Tensor) -> Tensor { input.relu() }
}

/// Passes its input through unchanged: the identity shortcut.
public final class Identity: Module {
    public override func forward(_ input: Tensor) -> Tensor { input }
}

/// Merges every dimension after the batch: `[N, d1, d2, …]` to `[N, d1·d2·…]`.
public final class Flatten: Module {
    public override func forward(_ input: Tensor) -> Tensor { input.flattened(fromAxis: 1) }
}
