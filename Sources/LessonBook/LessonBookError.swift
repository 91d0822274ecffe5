import Foundation

/// Everything that can go wrong in the lesson engine, with the place it went wrong when there is
/// one.
public enum LessonBookError: LocalizedError, Equatable, Sendable {
    /// The lesson file does not exist or cannot be read.
    case fileNotFound(path: String)
    /// The lessons directory does not exist.
    case lessonsDirectoryNotFound(path: String)
    /// No lesson has this number; `available` lists the numbers that exist.
    case unknownLessonNumber(Int, available: [Int])
    /// The lesson's text is malformed: front matter, fences or cell options.
    case invalidLesson([Diagnostic])
    /// No `Package.swift` was found above the working directory.
    case packageRootNotFound(searchedFrom: String)
    /// Building the library the cells link against failed.
    case libraryBuildFailed(output: String)
    /// A helper program could not be started.
    case launchFailed(program: String, reason: String)
    /// A cache file could not be written.
    case cacheWriteFailed(path: String, reason: String)
    /// The run was interrupted (Ctrl-C).
    case interrupted

    /// A one-paragraph explanation naming the file and line where there is one.
    public var errorDescription: String? {
        switch self {
        case .fileNotFound(let path):
            "No such lesson file: \(path)"
        case .lessonsDirectoryNotFound(let path):
            "No lessons directory at \(path); pass --lessons DIR."
        case .unknownLessonNumber(let number, let available):
            available.isEmpty
                ? "There is no lesson \(number); no lessons were found."
                : "There is no lesson \(number); lessons are \(available.map(String.init).joined(separator: ", "))."
        case .invalidLesson(let diagnostics):
            diagnostics.map(\.description).joined(separator: "\n")
        case .packageRootNotFound(let directory):
            "No Package.swift in \(directory) or any directory above it; run from inside the package or pass --package-root."
        case .libraryBuildFailed(let output):
            "Building ResNetKit and LessonRuntime failed:\n\(output)"
        case .launchFailed(let program, let reason):
            "Could not start \(program): \(reason)"
        case .cacheWriteFailed(let path, let reason):
            "Could not write \(path): \(reason)"
        case .interrupted:
            "Interrupted."
        }
    }

    /// The diagnostics this error carries, if it points at places in a lesson.
    package var diagnostics: [Diagnostic] {
        if case .invalidLesson(let diagnostics) = self { diagnostics } else { [] }
    }
}
