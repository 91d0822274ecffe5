/// How a residual block matches dimensions when it changes resolution or width
/// (He et al. 2015, section 3.3).
public enum ShortcutOption: String, Codable, Hashable, Sendable, CaseIterable {
    /// Option A: subsample the input and pad the new channels with zeros; no parameters.
    case zeroPadding
    /// Option B: a strided 1x1 convolution followed by batch normalisation.
    case projection
}
