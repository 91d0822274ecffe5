import Foundation

/// The extent of one axis and where its labelled ticks go.
struct AxisTicks: Equatable {
    /// One labelled tick.
    struct Tick: Equatable {
        /// The data value at the tick.
        var value: Double
        /// The label; for logarithmic axes the decade exponent is in ``exponent`` instead.
        var label: String
        /// For a logarithmic axis, the `k` of the tick at `10^k`.
        var exponent: Int?
    }

    /// The smallest value the axis shows.
    var lower: Double
    /// The largest value the axis shows.
    var upper: Double
    /// Whether positions are proportional to `log10` of the value.
    var logarithmic: Bool
    /// The ticks from lower to upper.
    var ticks: [Tick]

    /// Ticks at 1, 2 or 5 times a power of ten, about `targetCount` of them, with the axis widened
    /// to whole steps so the first and last ticks sit on its ends.
    static func linear(lower: Double, upper: Double, targetCount: Int = 6) -> AxisTicks {
        var lower = lower, upper = upper
        if !(upper - lower > abs(upper) * 1e-12) {
            // A constant series still needs an axis; give it room on both sides.
            let pad = lower == 0 ? 1 : abs(lower) * 0.1
            lower -= pad
            upper += pad
        }
        let rawStep = (upper - lower) / Double(max(targetCount, 1))
        let power = floor(log10(rawStep))
        let magnitude = pow(10.0, power)
        let residual = rawStep / magnitude
        let nice: Double = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10
        let step = nice * magnitude
        let first = Int((lower / step + 1e-9).rounded(.down))
        let last = Int((upper / step - 1e-9).rounded(.up))
        let decimals = max(0, -Int(floor(log10(step) + 1e-9)))
        let scientific = max(abs(Double(first) * step), abs(Double(last) * step)) >= 1e6 || decimals > 5
        let ticks = (first...last).map { index -> Tick in
            let value = Double(index) * step
            let label = scientific
                ? PlotNumberFormat.significant(value, digits: 3)
                : PlotNumberFormat.fixed(value, decimals: decimals)
            return Tick(value: value, label: label, exponent: nil)
        }
        return AxisTicks(lower: Double(first) * step, upper: Double(last) * step, logarithmic: false, ticks: ticks)
    }

    /// Ticks at powers of ten spanning `lower...upper` (both positive), every decade when there
    /// are at most `maxTicks` of them, otherwise every second, third, … decade.
    static func logarithmic(lower: Double, upper: Double, maxTicks: Int = 12) -> AxisTicks {
        var low = Int(floor(log10(lower) + 1e-9))
        var high = Int(ceil(log10(upper) - 1e-9))
        if high <= low { high = low + 1 }
        let decades = high - low
        let stride = max(1, Int((Double(decades) / Double(max(maxTicks - 1, 1))).rounded(.up)))
        // Align to multiples of the stride so that 10^0 is a tick whenever it is in range.
        low = Int((Double(low) / Double(stride)).rounded(.down)) * stride
        high = Int((Double(high) / Double(stride)).rounded(.up)) * stride
        let ticks = Swift.stride(from: low, through: high, by: stride).map { exponent in
            Tick(value: pow(10.0, Double(exponent)), label: "10^" + String(exponent), exponent: exponent)
        }
        return AxisTicks(
            lower: pow(10.0, Double(low)), upper: pow(10.0, Double(high)), logarithmic: true, ticks: ticks)
    }
}
