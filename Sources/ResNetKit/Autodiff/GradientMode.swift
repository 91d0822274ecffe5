/// Whether operations record the autodiff graph; off during evaluation and inside backward.
public enum GradientMode {
    @TaskLocal static var isEnabled = true

    /// Whether operations currently record gradients.
    public static var isRecording: Bool { isEnabled }
}

/// Runs `body` without recording gradients, like PyTorch's `torch.no_grad()`.
///
/// Results computed inside do not require gradients, and no activations are kept for a backward
/// pass, which makes evaluation faster and lighter.
public func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
    try GradientMode.$isEnabled.withValue(false, operation: body)
}
