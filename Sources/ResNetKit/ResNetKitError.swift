import Foundation

/// Errors ResNetKit reports for bad input from outside the program: files, data, state dicts.
///
/// Misuse inside a program (wrong shapes, wrong channel counts) is a precondition failure with a
/// message naming the shapes instead.
public enum ResNetKitError: Error, Equatable, LocalizedError {
    /// A state dict does not fit the model.
    case stateDictMismatch(missing: [String], unexpected: [String], wrongShapes: [String])
    /// A `.safetensors` file is malformed.
    case malformedSafeTensors(path: String, reason: String)
    /// A file could not be read or written.
    case fileAccess(path: String, reason: String)
    /// The Fashion-MNIST files are missing.
    case datasetMissing(directory: String, debianPackage: String)
    /// A dataset file is not what its format promises.
    case malformedDataset(path: String, reason: String)
    /// A model name is not one the library builds.
    case unknownModel(name: String, known: [String])
    /// An experiment's artifact (or one of its files) is not where it should be.
    case artifactMissing(path: String)
    /// A file of an experiment's artifact is damaged or not in its format.
    case malformedArtifact(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .stateDictMismatch(missing, unexpected, wrongShapes):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing keys: \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { parts.append("unexpected keys: \(unexpected.joined(separator: ", "))") }
            if !wrongShapes.isEmpty { parts.append("shape mismatches: \(wrongShapes.joined(separator: "; "))") }
            return "The state dict does not fit the model: " + parts.joined(separator: "; ")
        case let .malformedSafeTensors(path, reason):
            return "\(path): not a valid .safetensors file: \(reason)"
        case let .fileAccess(path, reason):
            return "\(path): \(reason)"
        case let .datasetMissing(directory, package):
            return "Fashion-MNIST was not found in \(directory). Install it with: apt-get install \(package)"
        case let .malformedDataset(path, reason):
            return "\(path): \(reason)"
        case let .unknownModel(name, known):
            return "Unknown model '\(name)'. Known models: \(known.joined(separator: ", "))"
        case let .artifactMissing(path):
            return "\(path): no such artifact file; long experiments write their artifacts with `swift run -c release experiment NAME`"
        case let .malformedArtifact(path, reason):
            return "\(path): a damaged artifact: \(reason)"
        }
    }
}
