// A cell publishes a value under a name; prose after the cell writes `{{name}}`. The engine
// checks every reference against what the run published, so a number in a sentence is always
// the number the code computed.

/// Publishes `text` as it is, for the prose after this cell to quote as `{{name}}`.
public func publish(_ name: String, _ text: String) {
    EventStream.emit(.published(PublishedValue(name: name, text: text)))
}

/// Publishes an integer with grouped thousands (`48,000`).
public func publish(_ name: String, _ value: some BinaryInteger) {
    publish(name, NumberFormat.grouped(value))
}

/// Publishes a number rounded to `digits` significant digits (`0.00564`, `1.70 × 10⁻⁶`); see
/// ``NumberFormat/significant(_:digits:)``.
public func publish(_ name: String, _ value: some BinaryFloatingPoint, digits: Int = 3) {
    publish(name, NumberFormat.significant(value, digits: digits))
}

/// Publishes a fraction as a percentage with `decimals` decimals (`0.9341` → `93.4 %`).
public func publish(_ name: String, percent fraction: some BinaryFloatingPoint, decimals: Int = 1) {
    publish(name, NumberFormat.percent(fraction, decimals: decimals))
}
