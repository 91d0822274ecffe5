import Foundation

/// One file of the site: its path relative to the site folder and its bytes.
public struct SiteFile: Hashable, Sendable {
    /// `/`-separated, relative, e.g. `assets/katex/katex.min.css`.
    public var path: String
    /// The contents.
    public var contents: Data

    /// Creates a file.
    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    /// Creates a UTF-8 text file.
    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }

    /// The SHA-256 of the contents, lowercase hexadecimal.
    public var digest: String {
        SHA256.hex(contents)
    }
}
