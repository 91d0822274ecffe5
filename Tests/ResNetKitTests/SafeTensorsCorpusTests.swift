import Foundation
import Testing

@testable import ResNetKit

/// The fuzzer's committed corpus (`Tools/fuzz/corpus/safetensors`) through the reader: every
/// input decodes or throws, and nothing traps.
@Suite("Fuzz corpus: safetensors reader")
struct SafeTensorsCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tools/fuzz/corpus/safetensors").path

    @Test("every corpus input decodes or is rejected with an error")
    func corpusInputs() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus).sorted()
        #expect(names.count >= 4)
        var decoded = 0
        for name in names {
            let data = try #require(FileManager.default.contents(atPath: "\(Self.corpus)/\(name)"))
            if (try? SafeTensors.decode(data, path: name)) != nil { decoded += 1 }
        }
        #expect(decoded >= 2)
    }
}
