/// A 1-based line and column in a lesson file.
public struct SourceLocation: Codable, Hashable, Comparable, Sendable {
    /// The line, counting from 1.
    var line: Int
    /// The column in UTF-8 bytes, counting from 1, as compilers report it.
    var column: Int

    /// Creates a location.
    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A span of a lesson file, from `start` up to and including `end`.
public struct SourceRange: Codable, Hashable, Sendable {
    /// The first position.
    var start: SourceLocation
    /// The last position.
    var end: SourceLocation

    /// Creates a range.
    init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }
}
