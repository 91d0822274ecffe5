import Foundation
import LessonRuntime
import SourceHashing
import Testing

@testable import LessonBook

/// A lesson that reads an experiment's artifact: the note on its page, staleness, missing and
/// damaged artifacts, and the artifact's part in the lesson's input hash.
@Suite("Artifacts in lessons", .enabled(if: TestSupport.compilerAvailable, "swiftc is not available"))
struct ArtifactEngineTests {
    /// A folder holding the test lesson and, optionally, its artifact `tiny`.
    private struct Folder {
        let path: String
        let book: Book
        var lesson: String { "\(path)/reads-artifact.md" }
        var artifact: URL { URL(fileURLWithPath: "\(path)/artifacts/tiny") }

        init() throws {
            path = try TestSupport.temporaryDirectory()
            try FileManager.default.copyItem(atPath: "\(TestSupport.inputs)/Artifacts/reads-artifact.md", toPath: "\(path)/reads-artifact.md")
            book = Book(
                lessonsDirectory: path,
                package: PackageLocation(root: TestSupport.packageRoot, cacheDirectory: EngineFixture.shared.cacheDirectory),
                options: RunOptions(defaultCellTimeout: 60))
        }

        /// Writes the artifact: two epochs of log, a tiny net's weights and the sum of its
        /// logits on a fixed probe, made with `librarySourceHash` (the current one by default).
        @discardableResult
        func writeArtifact(librarySourceHash: String? = nil) throws -> ExperimentArtifact {
            let sources = ArtifactSources(root: TestSupport.packageRoot)
            let model = CIFARResNet(depth: 8, inputChannels: 1, width: 2, seed: 3)
            model.eval()
            let probe = withoutGradients { model(Tensor.normal([2, 1, 8, 8], seed: 5)) }
            let log = [1, 2].map { EpochRecord(epoch: $0, learningRate: 0.1, trainLoss: 1 / Float($0), trainAccuracy: 0.5, seconds: 1).jsonLine }
            let provenance = ExperimentProvenance(
                experiment: "tiny", command: "swift run -c release experiment tiny", arguments: ["tiny"], seeds: [3],
                librarySourceHash: librarySourceHash ?? sources.libraryHash, experimentSourceHash: sources.experimentHash,
                toolchain: "test", started: "2026-01-01T10:00:00Z", finished: "2026-01-01T10:42:05Z", wallSeconds: 2525,
                sessions: 1, cores: 2, threads: 2, gitCommit: String(repeating: "a", count: 40), gitDirty: false,
                results: ["probe_logit_sum": Double(probe.values.reduce(0, +))])
            return try ExperimentArtifact.write(
                files: [("metrics.jsonl", Data(log.map { $0 + "\n" }.joined().utf8)),
                        ("weights.safetensors", SafeTensors.encode(model.stateDict()))],
                provenance: provenance, to: artifact)
        }

        func run() throws -> LessonResult {
            try book.run(lesson, useCache: false).result
        }

        func remove() {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    private func notes(_ result: LessonResult) -> [ArtifactNote] {
        result.cells.flatMap(\.outputs).compactMap { if case .artifact(let note) = $0 { note } else { nil } }
    }

    private func allText(_ result: LessonResult) -> String {
        result.cells.flatMap(\.outputs).map { output in
            switch output {
            case .text(let text): text
            case .diagnostic(let diagnostic): diagnostic.message + (diagnostic.excerpt ?? "")
            default: ""
            }
        }.joined(separator: "\n")
    }

    @Test("the lesson plots the log, loads the weights, recomputes a recorded number; the note says how the artifact was made")
    func current() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.writeArtifact()
        let result = try folder.run()
        #expect(result.succeeded, "\(allText(result))")
        #expect(result.tally == (2, 0))
        let note = try #require(notes(result).first)
        #expect(note.name == "tiny" && note.command == "swift run -c release experiment tiny" && note.wallSeconds == 2525)
        #expect(note.staleBecause.isEmpty)
        let html = HTMLOutputRenderer(lessonFileName: "reads-artifact.md").artifact(note)
        #expect(html.contains("<code>swift run -c release experiment tiny</code>"))
        #expect(html.contains("finished 2026-01-01T10:42:05Z after 42 min 05 s on 2 cores"))
        #expect(!html.contains("Stale"))
        #expect(try folder.book.artifactStatuses().map(\.state) == [.current])
    }

    @Test("an artifact made from other library sources is stale: the page still builds and says how to refresh it")
    func stale() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.writeArtifact(librarySourceHash: String(repeating: "0", count: 64))
        let result = try folder.run()
        #expect(result.succeeded)
        let note = try #require(notes(result).first)
        #expect(note.staleBecause == ["the library's sources (Sources/ResNetKit and its C modules)"])
        #expect(HTMLOutputRenderer(lessonFileName: "x.md").artifact(note).contains("class=\"artifact-stale\""))
        let status = try #require(try folder.book.artifactStatuses().first)
        #expect(status.state == .stale(note.staleBecause))
        #expect(status.lessons == ["reads-artifact.md"])
        #expect(status.report?.hasSuffix("refresh it with: swift run -c release experiment tiny") == true)
    }

    @Test("a missing artifact fails the cell that loads it with the missing path; the report says how to make it")
    func missing() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let result = try folder.run()
        #expect(!result.succeeded)
        #expect(result.cells[0].status == .crashed)
        let provenancePath = folder.artifact.appendingPathComponent("provenance.json").path
        #expect(allText(result).contains(provenancePath))
        let status = try #require(try folder.book.artifactStatuses().first)
        #expect(status.state == .missing(path: provenancePath))
        #expect(status.report?.contains("make it with: swift run -c release experiment tiny") == true)
    }

    @Test("a damaged artifact is named by its file, in the lesson and in the report")
    func damaged() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.writeArtifact()
        let weights = folder.artifact.appendingPathComponent("weights.safetensors")
        var bytes = try Data(contentsOf: weights)
        bytes[bytes.count / 2] ^= 1
        try bytes.write(to: weights)
        let result = try folder.run()
        #expect(result.cells[0].status == .crashed)
        #expect(allText(result).contains(weights.path))
        guard case .damaged(let message) = try folder.book.artifactStatuses().first?.state else {
            Issue.record("the damaged artifact is not reported as damaged")
            return
        }
        #expect(message.contains(weights.path))
    }

    @Test("the artifact is part of the lesson's input hash; a lesson without artifacts hashes as before")
    func inputHash() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let missing = try folder.book.currentInputHash(of: folder.lesson)
        try folder.writeArtifact()
        let made = try folder.book.currentInputHash(of: folder.lesson)
        try folder.writeArtifact(librarySourceHash: "other")
        let remade = try folder.book.currentInputHash(of: folder.lesson)
        #expect(Set([missing, made, remade]).count == 3)
        #expect(folder.book.artifactsFingerprint(of: try LessonParser.parse(contentsOf: "\(TestSupport.inputs)/01-tour.md")) == nil)
    }

    @Test("a cell loading an artifact its lesson does not declare fails and says what to declare")
    func undeclared() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.writeArtifact()
        let text = try String(contentsOfFile: folder.lesson, encoding: .utf8).replacingOccurrences(of: "artifacts: tiny\n", with: "")
        try text.write(toFile: folder.lesson, atomically: true, encoding: .utf8)
        let result = try folder.run()
        #expect(result.cells[0].status == .crashed)
        #expect(allText(result).contains("add it to the front matter: artifacts: tiny"))
    }

    @Test("front matter lists artifacts separated by commas or spaces and rejects other names")
    func frontMatter() throws {
        let parsed = try FrontMatter.parse("---\ntitle: T\nartifacts: recipe, degradation\n---\n", file: "x.md")
        #expect(parsed.artifacts == ["recipe", "degradation"])
        #expect(throws: LessonBookError.self) { try FrontMatter.parse("---\ntitle: T\nartifacts: ../etc\n---\n", file: "x.md") }
    }
}
