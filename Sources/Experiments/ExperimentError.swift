import Foundation

/// What can stop an experiment, apart from the library's own errors (data, files).
public enum ExperimentError: Error, Equatable, LocalizedError {
    /// Ctrl-C or a termination signal; the last finished epoch is checkpointed in `checkpoint`.
    case interrupted(checkpoint: String, command: String)
    /// A checkpoint exists for different settings or data than the run about to start.
    case checkpointMismatch(path: String, command: String)
    /// A checkpoint file cannot be read.
    case unreadableCheckpoint(path: String, reason: String)
    /// An option has a value the experiment cannot run with.
    case invalidOption(String)
    /// The package root (a folder with `Package.swift`) was not found.
    case packageRootNotFound(searchedFrom: String)

    public var errorDescription: String? {
        switch self {
        case let .interrupted(checkpoint, command):
            "Interrupted. The last finished epoch is saved in \(checkpoint); run `\(command)` again to continue from it."
        case let .checkpointMismatch(path, command):
            "\(path) holds a checkpoint of a run with other settings or data; run `\(command) --fresh` to discard it and start over."
        case let .unreadableCheckpoint(path, reason):
            "\(path): cannot resume from this checkpoint: \(reason); pass --fresh to start over."
        case let .invalidOption(message):
            message
        case let .packageRootNotFound(directory):
            "No Package.swift in \(directory) or above it; run the experiment from inside the package."
        }
    }
}
