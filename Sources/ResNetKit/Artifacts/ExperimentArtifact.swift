import Foundation

/// The finished result of a long experiment, as kept in the repository: a folder
/// (`Lessons/artifacts/recipe/`) of files listed, with sizes and checksums, in its
/// `provenance.json`.
///
/// ``open(_:)`` checks every listed file before anything is read, so a damaged artifact is
/// reported with the file's path instead of being half-loaded; the readers then give the
/// metrics log as ``EpochRecord``s, any JSON file as a `Decodable` type, and the weights loaded
/// into a model.
public struct ExperimentArtifact: Sendable {
    /// The name of the provenance file inside an artifact's folder.
    public static let provenanceFileName = "provenance.json"
    /// The metrics log of a single-run experiment.
    public static let metricsFileName = "metrics.jsonl"
    /// The weights of a single-run experiment.
    public static let weightsFileName = "weights.safetensors"

    /// The artifact's folder.
    public let directory: URL
    /// How the artifact was made.
    public let provenance: ExperimentProvenance

    /// The experiment's name.
    public var name: String { provenance.experiment }

    /// Reads the artifact in `directory` and checks each of its files against its provenance.
    ///
    /// - Throws: ``ResNetKitError/artifactMissing(path:)`` when there is no provenance file,
    ///   ``ResNetKitError/malformedArtifact(path:reason:)`` naming the first file that is
    ///   unreadable, missing, or not the size and checksum its provenance records.
    public static func open(_ directory: URL) throws(ResNetKitError) -> ExperimentArtifact {
        let provenanceURL = directory.appendingPathComponent(provenanceFileName)
        guard FileManager.default.fileExists(atPath: provenanceURL.path) else {
            throw .artifactMissing(path: provenanceURL.path)
        }
        let provenance: ExperimentProvenance
        do {
            provenance = try JSONDecoder().decode(ExperimentProvenance.self, from: try Data(contentsOf: provenanceURL))
        } catch {
            throw .malformedArtifact(path: provenanceURL.path, reason: "not a provenance record: \(describe(error))")
        }
        for file in provenance.files {
            let url = directory.appendingPathComponent(file.name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .malformedArtifact(path: url.path, reason: "listed in \(provenanceFileName) but missing or unreadable")
            }
            let checksum = ArtifactChecksum.of(data)
            guard data.count == file.bytes, checksum == file.checksum else {
                throw .malformedArtifact(
                    path: url.path,
                    reason: "has \(data.count) bytes with checksum \(checksum), but \(provenanceFileName) records \(file.bytes) bytes with checksum \(file.checksum): the file was damaged or changed after the experiment wrote it")
            }
        }
        return ExperimentArtifact(directory: directory, provenance: provenance)
    }

    /// The location of `file`, one of the artifact's listed files.
    ///
    /// - Throws: ``ResNetKitError/artifactMissing(path:)`` if the provenance does not list it.
    public func url(of file: String) throws(ResNetKitError) -> URL {
        let url = directory.appendingPathComponent(file)
        guard provenance.files.contains(where: { $0.name == file }) else {
            throw .artifactMissing(path: url.path)
        }
        return url
    }

    /// The bytes of `file`.
    public func data(of file: String) throws(ResNetKitError) -> Data {
        let url = try url(of: file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .malformedArtifact(path: url.path, reason: "cannot be read")
        }
        return data
    }

    /// The epochs of the metrics log `file`, in order.
    ///
    /// - Throws: ``ResNetKitError/malformedArtifact(path:reason:)`` naming the line that is not
    ///   an epoch record.
    public func records(in file: String = metricsFileName) throws(ResNetKitError) -> [EpochRecord] {
        let path = try url(of: file).path
        let text = String(decoding: try data(of: file), as: UTF8.self)
        var records: [EpochRecord] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            do {
                records.append(try JSONDecoder().decode(EpochRecord.self, from: Data(line.utf8)))
            } catch {
                throw .malformedArtifact(path: path, reason: "line \(index + 1) is not an epoch record: \(Self.describe(error))")
            }
        }
        return records
    }

    /// The JSON file `file` decoded as `type`.
    public func decode<T: Decodable>(_ type: T.Type, from file: String) throws(ResNetKitError) -> T {
        let path = try url(of: file).path
        do {
            return try JSONDecoder().decode(type, from: try data(of: file))
        } catch let error as ResNetKitError {
            throw error
        } catch {
            throw .malformedArtifact(path: path, reason: "not the expected JSON: \(Self.describe(error))")
        }
    }

    /// Replaces `model`'s parameters and buffers with the weights in `file`.
    ///
    /// - Throws: what ``Module/loadWeights(from:strict:)`` throws, naming the file.
    public func loadWeights(into model: Module, from file: String = weightsFileName) throws {
        try model.loadWeights(from: try url(of: file))
    }

    /// What a decoding error says, without Foundation's nested context noise.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "no field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "invalid JSON" : "invalid value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        default: error.localizedDescription
        }
    }
}
