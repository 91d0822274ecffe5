/// Shows a table under the cell.
public func show(_ table: Table) {
    EventStream.emit(.table(table))
}

/// Shows a plot under the cell; the book draws it as SVG.
public func show(_ plot: Plot) {
    EventStream.emit(.plot(plot))
}

/// Shows rows of values as a table with the given column headers.
///
/// Values are written with `String(describing:)`; a column whose values are all numbers is
/// aligned to the right.
public func show(table columns: [String], rows: [[Any]], title: String? = nil) {
    let cells = rows.map { $0.map { String(describing: $0) } }
    let alignments: [Table.Alignment] = columns.indices.map { column in
        let numeric = !rows.isEmpty && rows.allSatisfy { row in
            column < row.count && (row[column] is any BinaryInteger || row[column] is any BinaryFloatingPoint)
        }
        return numeric ? .trailing : .leading
    }
    show(Table(title: title, columns: columns, rows: cells, alignments: alignments))
}
