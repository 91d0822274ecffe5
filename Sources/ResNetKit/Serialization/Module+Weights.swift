import Foundation

extension Module {
    /// Replaces every parameter and buffer with the tensor of the same state-dict name in the
    /// `.safetensors` file at `url`, such as one saved from PyTorch with `save_file(model.state_dict())`.
    ///
    /// - Throws: ``ResNetKitError/fileAccess(path:reason:)`` or
    ///   ``ResNetKitError/malformedSafeTensors(path:reason:)`` for a bad file, and
    ///   ``ResNetKitError/stateDictMismatch(missing:unexpected:wrongShapes:)`` (nothing changed
    ///   then) when names or shapes do not fit the model.
    public func loadWeights(from url: URL, strict: Bool = true) throws {
        try loadStateDict(SafeTensors.read(contentsOf: url), strict: strict)
    }

    /// Saves every parameter and buffer under its state-dict name, in state-dict order, as a
    /// `.safetensors` file PyTorch can load with `load_state_dict`.
    public func saveWeights(to url: URL, metadata: [String: String] = [:]) throws {
        try SafeTensors.write(stateDict(), to: url, metadata: metadata)
    }
}
