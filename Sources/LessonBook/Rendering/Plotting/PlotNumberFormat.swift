import Foundation

/// Formats numbers for plots without locale or platform formatting, so the same data always gives
/// the same SVG bytes.
enum PlotNumberFormat {
    /// A coordinate in SVG user units, one decimal place (a tenth of a pixel is invisible).
    static func coordinate(_ value: Double) -> String {
        fixed(value, decimals: 1)
    }

    /// `value` with exactly `decimals` digits after the point, trailing zeros kept, `-0` never shown.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let scale = pow(10.0, Double(decimals))
        let scaled = (abs(value) * scale).rounded()
        // Beyond 2^53 integers stop being exact; such numbers are better read in scientific form.
        guard scaled < 9.0e15 else { return significant(value, digits: 3) }
        let integer = Int64(scaled)
        let divisor = Int64(scale)
        var text = String(integer / divisor)
        if decimals > 0 {
            let fraction = String(integer % divisor)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return integer == 0 ? text : (value < 0 ? "-" + text : text)
    }

    /// `value` rounded to `digits` significant digits, plainly written for moderate magnitudes and
    /// as `1.23e-8` otherwise; trailing zeros dropped.
    static func significant(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return nonFinite(value) }
        guard value != 0 else { return "0" }
        let magnitude = abs(value)
        var exponent = Int(floor(log10(magnitude)))
        var mantissa = (magnitude / pow(10.0, Double(exponent - digits + 1))).rounded()
        if mantissa >= pow(10.0, Double(digits)) {
            // 9.996 rounds to 10.0: one more digit before the point.
            exponent += 1
            mantissa = (magnitude / pow(10.0, Double(exponent - digits + 1))).rounded()
        }
        let figures = Array(String(Int64(mantissa)))
        let sign = value < 0 ? "-" : ""
        if exponent >= -4 && exponent < 6 {
            let text: String
            if exponent >= digits - 1 {
                text = String(figures) + String(repeating: "0", count: exponent - digits + 1)
            } else if exponent >= 0 {
                text = String(figures[...exponent]) + "." + String(figures[(exponent + 1)...])
            } else {
                text = "0." + String(repeating: "0", count: -exponent - 1) + String(figures)
            }
            return sign + trimmingFractionZeros(text)
        }
        let head = String(figures[0])
        let tail = trimmingFractionZeros("0." + String(figures.dropFirst())).dropFirst(1)
        return sign + head + tail + "e" + String(exponent)
    }

    /// An exponent written with the typographic minus sign, for `10` with a superscript.
    static func exponent(_ value: Int) -> String {
        value < 0 ? "\u{2212}" + String(-value) : String(value)
    }

    private static func trimmingFractionZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    private static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf")
    }
}
