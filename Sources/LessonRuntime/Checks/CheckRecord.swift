/// The outcome of one `check…` call in a cell.
public struct CheckRecord: Codable, Hashable, Sendable {
    /// Whether the claim held.
    public var passed: Bool
    /// What was checked, in the author's words or the checked expression's source text.
    public var description: String
    /// What was measured and what was expected, e.g. `got [1, 64, 56, 56]`.
    public var detail: String
    /// Where the check is written: the lesson file, line and column (from `#sourceLocation`).
    public var file: String
    /// The 1-based line in the lesson file.
    public var line: Int
    /// The 1-based column in the lesson file.
    public var column: Int
    /// The source text of the check call, e.g. `checkShape(y, [1, 64, 56, 56])`; filled in by
    /// the engine from the lesson, since the running program does not know its own source.
    public var expression: String?

    /// Creates a check record.
    public init(
        passed: Bool, description: String, detail: String, file: String, line: Int, column: Int,
        expression: String? = nil
    ) {
        self.passed = passed
        self.description = description
        self.detail = detail
        self.file = file
        self.line = line
        self.column = column
        self.expression = expression
    }
}
