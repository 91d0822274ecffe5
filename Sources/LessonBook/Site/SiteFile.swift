import Foundation
import SourceHashing

/// One file of the site: its path relative to the site folder and its bytes.
struct SiteFile: Hashable, Sendable {
    /// `/`-separated, relative, e.g. `assets/katex/katex.min.css`.
    var path: String
    /// The contents.
    var contents: Data

    /// Creates a file.
    init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    /// Creates a UTF-8 text file.
    init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }

    /// The SHA-256 of the contents, lowercase hexadecimal.
    var digest: String {
        SHA256.hex(contents)
    }
}
