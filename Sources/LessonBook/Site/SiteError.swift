import Foundation

/// Why a site could not be written or checked.
enum SiteError: Error, LocalizedError, Equatable {
    /// KaTeX is missing from the machine; the Debian packages provide it.
    case katexMissing(path: String)
    /// A file or folder could not be written, moved or removed.
    case fileSystem(operation: String, path: String, reason: String)
    /// The manifest on disk could not be read.
    case unreadableManifest(path: String, reason: String)
    /// Two lessons would write the same page.
    case duplicatePage(String)
    /// The output folder holds files but no site manifest; replacing it could destroy work.
    case notASite(path: String)

    /// A message that says what went wrong and what to do about it.
    var errorDescription: String? {
        switch self {
        case .katexMissing(let path):
            "KaTeX is not installed (\(path) is missing); install the Debian packages libjs-katex and fonts-katex (bash Tools/setup.sh)."
        case .fileSystem(let operation, let path, let reason):
            "Could not \(operation) \(path): \(reason)"
        case .unreadableManifest(let path, let reason):
            "The site manifest \(path) could not be read: \(reason)"
        case .notASite(let path):
            "\(path) is not empty and was not written by `lesson build` (it has no \(SiteManifest.fileName)); choose another --output folder or empty it."
        case .duplicatePage(let name):
            "Two lessons would both be written to \(name); rename one of the lesson files."
        }
    }
}
