/// Shows a table under the cell; it must have a ``Table/title``, its caption.
public func show(_ table: Table) {
    require(
        !(table.title ?? "").isEmpty,
        "show(_:) needs a table with a title: every table in the book has a caption (columns \(table.columns))")
    EventStream.emit(.table(table))
}

/// Shows a plot under the cell; the book draws it as SVG.
public func show(_ plot: Plot) {
    EventStream.emit(.plot(plot))
}

/// Shows rows of values as a table with the given column headers.
///
/// Values are written with `String(describing:)`; a column whose values are all numbers, or
/// numbers already formatted by ``NumberFormat`` (`9.18 %`, `1.70 × 10⁻⁶`), is aligned to the
/// right. The `title` is the table's caption; every table in the book has one.
public func show(table columns: [String], rows: [[Any]], title: String) {
    let cells = rows.map { $0.map { String(describing: $0) } }
    let alignments: [Table.Alignment] = columns.indices.map { column in
        let numeric = !rows.isEmpty && rows.allSatisfy { row in
            guard column < row.count else { return false }
            let value = row[column]
            return value is any BinaryInteger || value is any BinaryFloatingPoint
                || (value as? String).map(NumberFormat.isFormattedNumber) == true
        }
        return numeric ? .trailing : .leading
    }
    show(Table(title: title, columns: columns, rows: cells, alignments: alignments))
}
