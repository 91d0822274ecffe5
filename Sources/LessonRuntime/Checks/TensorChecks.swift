// Checks on whole tensors, so a cell compares results without dropping to `.values`. A failure
// names the element that is furthest off, with its index, since that is where a reader looks.

/// Records whether `actual` has `expected`'s shape and every element within `tolerance` of it.
public func checkClose(
    _ actual: Tensor, _ expected: Tensor, tolerance: Float,
    file: String = #filePath, line: Int = #line, column: Int = #column
) {
    let summary = "close to the expected \(expected.shape) tensor ± \(tolerance)"
    compareElements(actual, expected, summary: summary, file: file, line: line, column: column) { worst in
        worst <= tolerance
    }
}

/// Records whether `actual` has exactly `expected`'s shape and values.
public func checkEqual(
    _ actual: Tensor, _ expected: Tensor,
    file: String = #filePath, line: Int = #line, column: Int = #column
) {
    let summary = "equal to the expected \(expected.shape) tensor"
    compareElements(actual, expected, summary: summary, file: file, line: line, column: column) { worst in
        worst == 0
    }
}

/// Compares two tensors element by element and records the outcome `accept` gives for the
/// largest absolute difference (NaN where either side is NaN, which no tolerance accepts).
private func compareElements(
    _ actual: Tensor, _ expected: Tensor, summary: String, file: String, line: Int, column: Int,
    accept: (Float) -> Bool
) {
    guard actual.shape == expected.shape else {
        record(false, summary, detail: "got shape \(actual.shape), expected \(expected.shape)", file, line, column)
        return
    }
    let (got, want) = (actual.values, expected.values)
    guard !got.isEmpty else {
        record(true, summary, detail: "both empty", file, line, column)
        return
    }
    var worstIndex = 0
    var worst: Float = 0
    for i in got.indices {
        let difference = abs(got[i] - want[i])
        if difference.isNaN || difference > worst {
            (worst, worstIndex) = (difference.isNaN ? .nan : difference, i)
            if difference.isNaN { break }
        }
    }
    let passed = !worst.isNaN && accept(worst)
    let position = elementIndex(worstIndex, shape: actual.shape)
    let detail = worst == 0 && passed
        ? "all \(got.count) elements equal"
        : "largest difference \(worst) at \(position): got \(got[worstIndex]), expected \(want[worstIndex])"
    record(passed, summary, detail: detail, file, line, column)
}

/// The multi-dimensional index of the row-major offset `offset`.
private func elementIndex(_ offset: Int, shape: [Int]) -> [Int] {
    var index = [Int](repeating: 0, count: shape.count)
    var rest = offset
    for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] > 0 {
        index[axis] = rest % shape[axis]
        rest /= shape[axis]
    }
    return index
}
