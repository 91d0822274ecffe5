import Foundation

// Checks take `#filePath`, `#line` and `#column` at the call site: the engine puts
// `#sourceLocation` before every cell, so these name the lesson's Markdown file and line.

/// Records whether `condition` holds; `description` says what it means in the lesson's words.
public func check(
    _ condition: Bool, _ description: String,
    file: String = #filePath, line: Int = #line, column: Int = #column
) {
    record(condition, description, detail: condition ? "holds" : "does not hold", file, line, column)
}

/// Records whether `actual` equals `expected`.
public func checkEqual<Value: Equatable>(
    _ actual: Value, _ expected: Value,
    file: String = #filePath, line: Int = #line, column: Int = #column
) {
    let passed = actual == expected
    let detail = passed ? "got \(actual)" : "got \(actual), expected \(expected)"
    record(passed, "equal to \(expected)", detail: detail, file, line, column)
}

/// Records whether `actual` is within `tolerance` of `expected`.
public func checkClose<Value: BinaryFloatingPoint>(
    _ actual: Value, _ expected: Value, tolerance: Value,
    file: String = #filePath, line: Int = #line, column: Int = #column
) {
    let difference = abs(actual - expected)
    let passed = difference <= tolerance
    let detail = "got \(actual), expected \(expected) ± \(tolerance)" + (passed ? "" : " (off by \(difference))")
    record(passed, "close to \(expected)", detail: detail, file, line, column)
}

/// Records whether `tensor` has exactly `shape`.
public func checkShape(
    _ tensor: Tensor, _ shape: [Int],
    file: String = #filePath, line: Int = #line, column: Int = #column
) {
    let passed = tensor.shape == shape
    let detail = passed ? "shape \(tensor.shape)" : "got shape \(tensor.shape), expected \(shape)"
    record(passed, "shape \(shape)", detail: detail, file, line, column)
}

/// Records whether `module` has exactly `count` trainable scalars.
public func checkParameterCount(
    _ module: Module, _ count: Int,
    file: String = #filePath, line: Int = #line, column: Int = #column
) {
    let actual = module.parameterCount
    let passed = actual == count
    let detail = passed
        ? "\(NumberFormat.grouped(actual)) parameters"
        : "got \(NumberFormat.grouped(actual)) parameters, expected \(NumberFormat.grouped(count)) (\(actual > count ? "+" : "")\(NumberFormat.grouped(actual - count)))"
    record(passed, "\(NumberFormat.grouped(count)) parameters", detail: detail, file, line, column)
}

/// Records whether the norm of `tensor`'s gradient lies in `range`; fails if there is no gradient.
public func checkGradientNorm(
    _ tensor: Tensor, in range: ClosedRange<Float>,
    file: String = #filePath, line: Int = #line, column: Int = #column
) {
    let summary = "gradient norm in \(range.lowerBound)...\(range.upperBound)"
    guard let gradient = tensor.gradient else {
        record(false, summary, detail: "no gradient: was backward() called, and does the tensor require one?", file, line, column)
        return
    }
    let norm = gradient.norm().scalar
    let passed = range.contains(norm)
    record(passed, summary, detail: "gradient norm \(norm)", file, line, column)
}

func record(_ passed: Bool, _ description: String, detail: String, _ file: String, _ line: Int, _ column: Int) {
    EventStream.emit(
        .check(CheckRecord(passed: passed, description: description, detail: detail, file: file, line: line, column: column)))
}
