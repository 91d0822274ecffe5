import Foundation
import SourceHashing

/// Lesson results stored as JSON under `.build/lesson-cache/results/`, one file per lesson.
///
/// Each file holds the latest result for a lesson and the hash of the inputs it was computed
/// from; a result whose hash differs from the current inputs is stale. Writes are atomic
/// (temporary file, then rename), so concurrent runs leave one whole result, and an unreadable
/// file counts as absent.
struct ResultCache: Sendable {
    /// The directory holding the result files.
    var directory: String

    /// Creates a cache in `directory`.
    init(directory: String) {
        self.directory = directory
    }

    /// The file for the lesson at `lessonPath`: named by its slug and a hash of its absolute path.
    func file(for lessonPath: String) -> String {
        let absolute = URL(fileURLWithPath: lessonPath).standardizedFileURL.path
        let fileName = LessonParser.fileName(ofPath: absolute)
        let name = fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
        return "\(directory)/\(name)-\(SHA256.hex(absolute).prefix(16)).json"
    }

    /// The latest stored result for the lesson, whatever inputs it came from.
    func latest(for lessonPath: String) -> LessonResult? {
        guard let data = FileManager.default.contents(atPath: file(for: lessonPath)) else { return nil }
        return try? CanonicalJSON.decoder().decode(LessonResult.self, from: data)
    }

    /// The stored result if it was computed from inputs hashing to `inputHash`.
    func result(for lessonPath: String, inputHash: String) -> LessonResult? {
        latest(for: lessonPath).flatMap { $0.inputHash == inputHash ? $0 : nil }
    }

    /// Stores `result` as the lesson's latest.
    func store(_ result: LessonResult, for lessonPath: String) throws(LessonBookError) {
        guard let data = try? CanonicalJSON.data(result) else { return }
        try CacheFile.write(data, to: file(for: lessonPath))
    }
}
