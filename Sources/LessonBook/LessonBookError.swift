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
    /// KaTeX is missing from the machine; the Debian packages provide it.
    case katexMissing(path: String)
    /// lunr, the search engine copied into the site, is missing; the Debian package provides it.
    case lunrMissing(path: String)
    /// A file or folder of the site could not be written, moved or removed.
    case fileSystem(operation: String, path: String, reason: String)
    /// The site manifest on disk could not be read.
    case unreadableManifest(path: String, reason: String)
    /// Two lessons would write the same page.
    case duplicatePage(String)
    /// The output folder holds files but no site manifest; replacing it could destroy work.
    case notASite(path: String)
    /// Links in lessons that point inside the site and do not arrive, one diagnostic each.
    case brokenLinks([Diagnostic])
    /// A student's exercise file whose section markers are out of place.
    case invalidExerciseFile([Diagnostic])
    /// No lesson exercise has this id; `available` lists the ids there are.
    case unknownExercise(String, available: [String])

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
        case .katexMissing(let path):
            "KaTeX is not installed (\(path) is missing); install the Debian packages libjs-katex and fonts-katex (bash Tools/setup.sh)."
        case .lunrMissing(let path):
            "lunr is not installed (\(path) is missing); install the Debian package libjs-lunr (bash Tools/setup.sh)."
        case .fileSystem(let operation, let path, let reason):
            "Could not \(operation) \(path): \(reason)"
        case .unreadableManifest(let path, let reason):
            "The site manifest \(path) could not be read: \(reason)"
        case .notASite(let path):
            "\(path) is not empty and was not written by `lesson build` (it has no \(SiteManifest.fileName)); choose another --output folder or empty it."
        case .brokenLinks(let diagnostics), .invalidExerciseFile(let diagnostics):
            diagnostics.map(\.description).joined(separator: "\n")
        case .unknownExercise(let id, let available):
            available.isEmpty
                ? "There is no exercise \(id); this lesson has no exercises."
                : "There is no exercise \(id); exercises are \(available.joined(separator: ", "))."
        case .duplicatePage(let name):
            "Two lessons would both be written to \(name); rename one of the lesson files."
        }
    }

    /// The diagnostics this error carries, if it points at places in a lesson.
    package var diagnostics: [Diagnostic] {
        switch self {
        case .invalidLesson(let diagnostics), .brokenLinks(let diagnostics), .invalidExerciseFile(let diagnostics): diagnostics
        default: []
        }
    }
}
