/// A value a cell published for the lesson's prose: the prose after the cell writes
/// `{{name}}` and the page shows `text` there.
public struct PublishedValue: Codable, Hashable, Sendable {
    /// The name the prose uses, e.g. `ratio` or `resnet56.final-loss`.
    public var name: String
    /// The value as the reader sees it, already formatted.
    public var text: String

    /// Creates a published value; `name` must be a valid name (see ``isValidName(_:)``).
    public init(name: String, text: String) {
        require(
            Self.isValidName(name),
            "publish: '\(name)' is not a valid name (a letter or _, then letters, digits, _, . or -)")
        self.name = name
        self.text = text
    }

    /// Whether `name` can be written between `{{` and `}}`: a letter or an underscore, then
    /// letters, digits, underscores, dots and hyphens.
    public static func isValidName(_ name: some StringProtocol) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0) }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
