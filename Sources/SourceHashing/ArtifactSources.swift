/// The hashes of the sources an experiment's artifact depends on, as they stand now, and what
/// has changed since an artifact recorded its own.
package struct ArtifactSources: Sendable, Equatable {
    /// The hash of the library's sources (``SourceFingerprint/libraryHash(root:)``).
    package var libraryHash: String
    /// The hash of the experiments' sources (``SourceFingerprint/experimentHash(root:)``).
    package var experimentHash: String

    /// The hashes of the package at `root` now.
    package init(root: String) {
        libraryHash = SourceFingerprint.libraryHash(root: root)
        experimentHash = SourceFingerprint.experimentHash(root: root)
    }

    /// Hashes given directly (tests, or a record read back).
    package init(libraryHash: String, experimentHash: String) {
        self.libraryHash = libraryHash
        self.experimentHash = experimentHash
    }

    /// What changed since an artifact made with `recorded` sources, in words; empty when it
    /// is current.
    package func changes(since recorded: ArtifactSources) -> [String] {
        var changes: [String] = []
        if recorded.libraryHash != libraryHash { changes.append("the library's sources (Sources/ResNetKit and its C modules)") }
        if recorded.experimentHash != experimentHash { changes.append("the experiments' sources (Sources/Experiments, Sources/experiment)") }
        return changes
    }
}
