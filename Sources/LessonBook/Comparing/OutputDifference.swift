/// How two values from two runs differ: not at all, only by noise (``NoiseTolerance``), or
/// really; found by walking their JSON forms side by side.
struct OutputDifference: Hashable, Sendable {
    /// The words, the structure (keys, lengths, statuses, check outcomes) or the count of numbers
    /// differ: nothing pairs the two up number by number.
    var textChanged = false
    /// Some pair of numbers lies outside the tolerance.
    var numbersChanged = false
    /// Some pair of numbers differs at all.
    var numbersDiffer = false
    /// The largest ``NoiseTolerance/relativeDifference(_:_:)`` over the numbers that pair up,
    /// leaving out numbers within ten times the absolute tolerance of zero: values that are zero
    /// up to rounding, whose relative difference means nothing.
    var largestRelativeDifference = 0.0

    /// What the difference amounts to.
    enum Verdict: Hashable, Sendable {
        /// The same values.
        case identical
        /// Every number within the tolerance, everything else the same.
        case noise
        /// The same text and check outcomes, but numbers beyond the tolerance.
        case numbersMoved
        /// Other text, structure or check outcomes.
        case changed
    }

    /// Identical, noise, moved numbers or changed.
    var verdict: Verdict {
        if textChanged { return .changed }
        if numbersChanged { return .numbersMoved }
        return numbersDiffer ? .noise : .identical
    }

    /// The difference between `old` and `new`, compared through their `Codable` forms; values
    /// that cannot be encoded count as changed.
    init(old: some Encodable, new: some Encodable, tolerance: NoiseTolerance) {
        guard let before = try? JSONValue.of(old), let after = try? JSONValue.of(new) else {
            textChanged = true
            return
        }
        compare(before, after, tolerance)
    }

    /// Adds another difference to this one.
    mutating func merge(_ other: OutputDifference) {
        textChanged = textChanged || other.textChanged
        numbersChanged = numbersChanged || other.numbersChanged
        numbersDiffer = numbersDiffer || other.numbersDiffer
        largestRelativeDifference = max(largestRelativeDifference, other.largestRelativeDifference)
    }

    /// An empty difference, to merge others into.
    init() {}

    private mutating func compare(_ old: JSONValue, _ new: JSONValue, _ tolerance: NoiseTolerance) {
        switch (old, new) {
        case (.number(let a), .number(let b)):
            pair(a, b, slack: 0, tolerance)
        case (.string(let a), .string(let b)):
            guard a != b else { return }
            let (before, after) = (PrintedNumbers(a), PrintedNumbers(b))
            guard before.template == after.template else {
                textChanged = true
                return
            }
            for (x, y) in zip(before.numbers, after.numbers) {
                pair(x.value, y.value, slack: (x.lastDigit + y.lastDigit) / 2, tolerance)
            }
        case (.array(let a), .array(let b)):
            if a.count != b.count { textChanged = true }
            for (x, y) in zip(a, b) { compare(x, y, tolerance) }
        case (.object(let a), .object(let b)):
            if Set(a.keys) != Set(b.keys) { textChanged = true }
            for (key, x) in a {
                if let y = b[key] { compare(x, y, tolerance) }
            }
        default:
            if old != new { textChanged = true }
        }
    }

    private mutating func pair(_ a: Double, _ b: Double, slack: Double, _ tolerance: NoiseTolerance) {
        guard a != b else { return }
        numbersDiffer = true
        if max(abs(a), abs(b)) > 10 * tolerance.absolute {
            largestRelativeDifference = max(largestRelativeDifference, NoiseTolerance.relativeDifference(a, b))
        }
        if !tolerance.agrees(a, b, slack: slack) { numbersChanged = true }
    }
}
