import Foundation

/// How the book writes numbers for a reader: grouped thousands, a few significant digits, and
/// powers of ten for the very small and the very large.
///
/// Used by `publish` and available to cells that build their own text.
public enum NumberFormat {
    /// `11689512` → `11,689,512`; negative numbers get a minus sign (−).
    public static func grouped(_ value: some BinaryInteger) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return value < 0 ? "−" + result : result
    }

    /// `value` rounded to `digits` significant digits, trailing zeros kept, because they say how
    /// precise the value is: `0.0056350958` → `0.00564`, `2.2` → `2.20`, `48213.7` → `48,200`.
    ///
    /// Values below 0.001 or from a million up in magnitude are written as a power of ten:
    /// `1.7e-6` → `1.70 × 10⁻⁶`. NaN and infinities are written as `NaN`, `∞` and `−∞`.
    public static func significant(_ value: some BinaryFloatingPoint, digits: Int = 3) -> String {
        require(digits >= 1 && digits <= 17, "significant digits must be between 1 and 17, not \(digits)")
        let value = Double(value)
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "−∞" : "∞" }
        if value == 0 { return digits == 1 ? "0" : "0." + String(repeating: "0", count: digits - 1) }
        // Round first, so that 9.996 to three digits becomes 10.0, not 9.100 × 10⁰.
        let rounded = Double(String(format: "%.\(digits - 1)e", value))!
        let exponent = Int(floor(log10(abs(rounded))))
        let sign = rounded < 0 ? "−" : ""
        if exponent < -3 || exponent >= 6 {
            let mantissa = String(format: "%.\(digits - 1)f", abs(rounded) / pow(10, Double(exponent)))
            return sign + mantissa + " × 10" + superscript(exponent)
        }
        let decimals = max(0, digits - 1 - exponent)
        let fixed = String(format: "%.\(decimals)f", abs(rounded))
        let parts = fixed.split(separator: ".", maxSplits: 1)
        let whole = grouped(Int(parts[0])!)
        return sign + whole + (parts.count == 2 ? "." + parts[1] : "")
    }

    /// A fraction as a percentage with `decimals` decimals: `0.93412` → `93.4 %`.
    public static func percent(_ fraction: some BinaryFloatingPoint, decimals: Int = 1) -> String {
        require(decimals >= 0 && decimals <= 10, "decimals must be between 0 and 10, not \(decimals)")
        let percent = Double(fraction) * 100
        if !percent.isFinite { return significant(percent) + " %" }
        let fixed = String(format: "%.\(decimals)f", abs(percent))
        let parts = fixed.split(separator: ".", maxSplits: 1)
        let sign = percent < 0 && Double(fixed) != 0 ? "−" : ""
        return sign + grouped(Int(parts[0])!) + (parts.count == 2 ? "." + parts[1] : "") + " %"
    }

    /// Whether `text` reads as a number this type writes: digits with optional grouping
    /// commas, a decimal point and a minus sign, then optionally ` %` or a power of ten.
    public static func isFormattedNumber(_ text: String) -> Bool {
        text.wholeMatch(of: /[−-]?[0-9][0-9,]*(\.[0-9]+)?( %| × 10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)?/) != nil
    }

    /// `-6` → `⁻⁶`.
    private static func superscript(_ exponent: Int) -> String {
        let digits: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return String(String(exponent).map { digits[$0]! })
    }
}
