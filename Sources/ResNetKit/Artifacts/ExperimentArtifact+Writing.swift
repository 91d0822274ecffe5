import Foundation

extension ExperimentArtifact {
    /// The bytes of `provenance.json` for `provenance`: sorted keys, indented, so the same
    /// provenance gives the same file and a diff reads well.
    public static func encode(_ provenance: ExperimentProvenance) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings, numbers and arrays of them always encode.
        return try! encoder.encode(provenance) + Data("\n".utf8)
    }

    /// Writes `files` and their provenance into `directory`, replacing what was there in one
    /// step: the files are written into a sibling folder first, then swapped in, so a reader
    /// never finds half an artifact.
    ///
    /// The file list and checksums of `provenance` are filled in here.
    ///
    /// - Throws: ``ResNetKitError/fileAccess(path:reason:)`` if a file cannot be written.
    @discardableResult
    public static func write(
        files: [(name: String, data: Data)], provenance: ExperimentProvenance, to directory: URL
    ) throws(ResNetKitError) -> ExperimentArtifact {
        var provenance = provenance
        provenance.files = files.map { .init(name: $0.name, bytes: $0.data.count, checksum: ArtifactChecksum.of($0.data)) }
        let manager = FileManager.default
        let parent = directory.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(directory.lastPathComponent).new-\(getpid())")
        let previous = parent.appendingPathComponent(".\(directory.lastPathComponent).old-\(getpid())")
        func attempt(_ path: URL, _ operation: String, _ body: () throws -> Void) throws(ResNetKitError) {
            do { try body() } catch {
                throw .fileAccess(path: path.path, reason: "cannot \(operation): \(error.localizedDescription)")
            }
        }
        try? manager.removeItem(at: staging)
        try attempt(staging, "create the folder") { try manager.createDirectory(at: staging, withIntermediateDirectories: true) }
        for (name, data) in files + [(provenanceFileName, encode(provenance))] {
            let url = staging.appendingPathComponent(name)
            try attempt(url, "write") { try data.write(to: url) }
        }
        let existed = manager.fileExists(atPath: directory.path)
        if existed { try attempt(directory, "move the old artifact aside") { try manager.moveItem(at: directory, to: previous) } }
        try attempt(directory, "move the new artifact in place") { try manager.moveItem(at: staging, to: directory) }
        if existed { try? manager.removeItem(at: previous) }
        return ExperimentArtifact(directory: directory, provenance: provenance)
    }
}
