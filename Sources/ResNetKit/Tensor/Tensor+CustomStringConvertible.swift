import Foundation

extension Tensor: CustomStringConvertible {
    /// The values, nested by dimension and aligned, then the shape, like PyTorch's repr:
    ///
    /// ```
    /// Tensor([[ 1.0000, -2.5000],
    ///         [ 0.2500,  4.0000]], shape: [2, 2])
    /// ```
    ///
    /// Tensors of more than 1,000 elements show the first and last three entries of each
    /// dimension around `...`. The plain values are read, whatever layout a kernel left them in.
    public var description: String {
        let values = self.values
        let summarised = count > 1000
        let shownAxis = { (size: Int) -> [Int?] in
            summarised && size > 6 ? [0, 1, 2, nil, size - 3, size - 2, size - 1] : Array(0..<size)
        }
        // Format every element that is shown, then pad them to one width so columns line up.
        var shownOffsets: [Int] = []
        func collect(_ axis: Int, _ offset: Int) {
            if axis == rank { shownOffsets.append(offset); return }
            for index in shownAxis(shape[axis]).compactMap({ $0 }) { collect(axis + 1, offset + index * strides[axis]) }
        }
        collect(0, 0)
        let format = NumberFormat(for: shownOffsets.map { values[$0] })
        let texts = Dictionary(uniqueKeysWithValues: shownOffsets.map { ($0, format.text(values[$0])) })
        let width = texts.values.map(\.count).max() ?? 0

        let prefix = "Tensor("
        func render(_ axis: Int, _ offset: Int) -> String {
            if axis == rank {
                let text = texts[offset] ?? ""
                return String(repeating: " ", count: width - text.count) + text
            }
            let parts = shownAxis(shape[axis]).map { index in
                index.map { render(axis + 1, offset + $0 * strides[axis]) } ?? "..."
            }
            let breaks = String(repeating: "\n", count: rank - axis - 1)
            let indent = breaks.isEmpty ? " " : String(repeating: " ", count: prefix.count + axis + 1)
            return "[" + parts.joined(separator: "," + breaks + indent) + "]"
        }
        let gradient = requiresGradient ? ", requiresGradient: true" : ""
        return prefix + render(0, 0) + (rank == 0 ? "" : ", shape: \(shape)") + gradient + ")"
    }
}

/// How the elements of one tensor are written: all integers as `3.`, a moderate range with
/// four decimals, anything else in scientific notation (PyTorch's rules, simplified).
private struct NumberFormat {
    private enum Style { case integer, fixed, scientific }
    private let style: Style

    init(for values: [Float]) {
        let finite = values.filter(\.isFinite).map { Swift.abs($0) }
        let largest = finite.max() ?? 0
        let smallestNonzero = finite.filter { $0 > 0 }.min() ?? 1
        if finite.allSatisfy({ $0 == $0.rounded() }) && largest < 1e8 {
            style = .integer
        } else if largest < 1e4 && smallestNonzero >= 1e-4 {
            style = .fixed
        } else {
            style = .scientific
        }
    }

    func text(_ value: Float) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        switch style {
        case .integer: return String(format: "%.0f.", Double(value))
        case .fixed: return String(format: "%.4f", Double(value))
        case .scientific: return String(format: "%.4e", Double(value))
        }
    }
}
