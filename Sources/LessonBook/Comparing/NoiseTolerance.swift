/// What counts as floating-point noise between two runs of the same lesson: the difference that
/// another CPU's kernels (instruction set, thread count, summation order) make in the last digits.
///
/// Two numbers agree when
///
///     max(0, |a − b| − (u(a) + u(b)) / 2)  ≤  max(relative · max(|a|, |b|), absolute)
///
/// where `u(x)` is one unit in the last digit `x` was printed with (0 for a stored binary value
/// and for an integer written without a fraction): the printed numbers could have come from
/// values that close. `relative` covers a value computed in a different order; `absolute`
/// covers a value that is zero up to rounding (the mean of a normalised batch), whose relative
/// change means nothing.
package struct NoiseTolerance: Hashable, Sendable {
    /// The largest relative difference that is noise.
    package var relative: Double
    /// The largest absolute difference that is noise, whatever the numbers' size.
    package var absolute: Double

    /// The book's tolerance; the README's "Stable builds" states the same numbers.
    package static let standard = NoiseTolerance(relative: 1e-5, absolute: 1e-6)

    /// Creates a tolerance.
    package init(relative: Double, absolute: Double) {
        self.relative = relative
        self.absolute = absolute
    }

    /// Whether `a` and `b` agree, `slack` being the half units of their last printed digits.
    func agrees(_ a: Double, _ b: Double, slack: Double = 0) -> Bool {
        if a == b || (a.isNaN && b.isNaN) { return true }
        guard a.isFinite && b.isFinite else { return false }
        let excess = max(0, abs(a - b) - slack)
        return excess <= max(relative * max(abs(a), abs(b)), absolute)
    }

    /// `|a − b| / max(|a|, |b|)`: how far apart two numbers are, for the change report.
    static func relativeDifference(_ a: Double, _ b: Double) -> Double {
        if a == b || (a.isNaN && b.isNaN) { return 0 }
        guard a.isFinite && b.isFinite else { return .infinity }
        return abs(a - b) / max(abs(a), abs(b))
    }
}
