/// A text split into the numbers printed in it and the text around them, so two outputs can be
/// told apart by their words and compared by their numbers.
///
/// `loss 0.0056350958 after 20 steps` becomes the template `loss ␣ after ␣ steps` and the numbers
/// 0.0056350958 and 20. A number is digits with an optional fraction and exponent; a minus sign
/// belongs to it only where it cannot be a hyphen (not after a letter or digit), so `ResNet-18`
/// keeps its hyphen in the text.
struct PrintedNumbers: Hashable, Sendable {
    /// One number as printed.
    struct Number: Hashable, Sendable {
        /// Its value.
        var value: Double
        /// One unit in its last printed digit (`0.0056` → 0.0001, `2e+05` → 1e5); 0 for an
        /// integer written without fraction or exponent, which is taken as exact.
        var lastDigit: Double
    }

    /// The text between the numbers, one more piece than there are numbers.
    var template: [Substring]
    /// The numbers, in order.
    var numbers: [Number]

    /// Splits `text`.
    init(_ text: String) {
        var template: [Substring] = []
        var numbers: [Number] = []
        let scalars = Array(text.utf8)
        var pieceStart = text.utf8.startIndex
        var index = 0
        var previous: UInt8 = 0
        while index < scalars.count {
            if let (number, length) = Self.number(in: scalars, at: index, after: previous) {
                let start = text.utf8.index(text.utf8.startIndex, offsetBy: index)
                template.append(text[pieceStart..<start])
                numbers.append(number)
                index += length
                pieceStart = text.utf8.index(text.utf8.startIndex, offsetBy: index)
                previous = scalars[index - 1]
            } else {
                previous = scalars[index]
                index += 1
            }
        }
        template.append(text[pieceStart...])
        self.template = template
        self.numbers = numbers
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isWordCharacter(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F || byte >= 0x80
    }

    /// The number starting at `start`, if one does, and how many bytes it takes.
    private static func number(in bytes: [UInt8], at start: Int, after previous: UInt8) -> (Number, Int)? {
        var index = start
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            guard !isWordCharacter(previous) && previous != UInt8(ascii: ".") else { return nil }
            index += 1
        } else if isDigit(bytes[index]) || bytes[index] == UInt8(ascii: ".") {
            // A digit glued to a word (`bn1`, `x2`) is still a number; a letter glued to a
            // number's start is not a new one, which the caller's scan order already ensures.
        } else {
            return nil
        }
        var integerDigits = 0
        while index < bytes.count, isDigit(bytes[index]) { index += 1; integerDigits += 1 }
        var fractionDigits = 0
        var hasPoint = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "."), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
            hasPoint = true
            index += 1
            while index < bytes.count, isDigit(bytes[index]) { index += 1; fractionDigits += 1 }
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        var exponent = 0
        var hasExponent = false
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            var cursor = index + 1
            var negative = false
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+") {
                negative = bytes[cursor] == UInt8(ascii: "-")
                cursor += 1
            }
            var digits = 0
            var value = 0
            while cursor < bytes.count, isDigit(bytes[cursor]), digits < 4 {
                value = value * 10 + Int(bytes[cursor] - 0x30)
                cursor += 1
                digits += 1
            }
            if digits > 0 {
                hasExponent = true
                exponent = negative ? -value : value
                index = cursor
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text) else { return nil }
        let lastDigit = hasPoint || hasExponent ? pow10(exponent - fractionDigits) : 0
        return (Number(value: value, lastDigit: lastDigit), index - start)
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
