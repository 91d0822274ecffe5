/// A table a cell shows with `show(_:)`: a header row and rows of text, all already formatted.
public struct Table: Codable, Hashable, Sendable {
    /// How a column's cells line up.
    public enum Alignment: String, Codable, Hashable, Sendable {
        case leading, trailing, center
    }

    /// The caption shown with the table; optional here so any recorded table still decodes,
    /// but `show` requires one.
    public var title: String?
    /// The header cells.
    public var columns: [String]
    /// The body rows; each has as many cells as there are columns.
    public var rows: [[String]]
    /// One alignment per column; numbers read best trailing.
    public var alignments: [Alignment]

    /// Creates a table; every row must have one cell per column.
    public init(title: String? = nil, columns: [String], rows: [[String]], alignments: [Alignment]? = nil) {
        require(
            rows.allSatisfy { $0.count == columns.count },
            "Table has \(columns.count) columns but a row has \(rows.first { $0.count != columns.count }?.count ?? 0) cells")
        self.title = title
        self.columns = columns
        self.rows = rows
        self.alignments = alignments ?? Array(repeating: .leading, count: columns.count)
    }
}
