extension Table {
    /// A model summary as a table: one row per layer (or per group of layers when `depth` is
    /// given, e.g. 1 for stem, stages and head), with output shape, parameters and
    /// multiply-adds, and a totals row.
    public init(_ summary: ModelSummary, depth: Int? = nil, title: String? = nil) {
        let rows = depth.map { summary.grouped(depth: $0) } ?? summary.rows
        var cells = rows.map { row in
            [row.name, row.type, "\(row.outputShape)", NumberFormat.grouped(row.parameters), NumberFormat.grouped(row.multiplyAdds)]
        }
        cells.append([
            "total", "", "", NumberFormat.grouped(summary.totalParameters), NumberFormat.grouped(summary.totalMultiplyAdds),
        ])
        self.init(
            title: title ?? "Input \(summary.inputShape)",
            columns: ["layer", "type", "output shape", "parameters", "multiply-adds"],
            rows: cells,
            alignments: [.leading, .leading, .leading, .trailing, .trailing])
    }
}
