import Foundation
import Testing

@testable import LessonBook

/// The fuzzer's committed corpus (`Tools/fuzz/corpus/lesson-parser`) through the parser: every
/// input gives a lesson or an error whose diagnostics name a line, and nothing traps.
@Suite("Fuzz corpus: lesson parser")
struct FuzzCorpusTests {
    static let corpus = "\(TestSupport.packageRoot)/Tools/fuzz/corpus/lesson-parser"

    @Test("every corpus input parses to a lesson or to located errors")
    func corpusInputs() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus).sorted()
        #expect(names.count >= 10)
        for name in names {
            let data = try #require(FileManager.default.contents(atPath: "\(Self.corpus)/\(name)"))
            do throws(LessonBookError) {
                let lesson = try LessonParser.parse(String(decoding: data, as: UTF8.self), path: "Lessons/01-fuzz.md")
                _ = ProgramBuilder.mainProgram(for: lesson)
                for case .prose(let prose) in lesson.blocks { _ = CommonMarkConverter.renderHTML(prose.markdown) }
            } catch {
                #expect(!error.diagnostics.isEmpty, "\(name): \(error)")
                #expect(error.diagnostics.allSatisfy { $0.location != nil }, "\(name): \(error)")
            }
        }
    }
}
