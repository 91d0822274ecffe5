import Foundation

/// Maps data values along one axis to SVG coordinates.
struct PlotScale {
    /// The axis extent in data values.
    var ticks: AxisTicks
    /// The coordinate of ``AxisTicks/lower``.
    var start: Double
    /// The coordinate of ``AxisTicks/upper``.
    var end: Double

    /// The coordinate of `value`, or `nil` when it cannot be drawn (not finite, or not positive
    /// on a logarithmic axis).
    func position(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let fraction: Double
        if ticks.logarithmic {
            guard value > 0 else { return nil }
            fraction = (log10(value) - log10(ticks.lower)) / (log10(ticks.upper) - log10(ticks.lower))
        } else {
            fraction = (value - ticks.lower) / (ticks.upper - ticks.lower)
        }
        return start + fraction * (end - start)
    }

    /// The coordinate of `value`, pulled onto the axis when it lies outside it.
    func clampedPosition(_ value: Double) -> Double? {
        guard let position = position(value) else { return nil }
        return min(max(position, min(start, end)), max(start, end))
    }
}
