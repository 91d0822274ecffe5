import Foundation
import SourceHashing

extension Book {
    /// Every artifact the lessons declare, each once, in the order lessons first declare them,
    /// with its state; lessons that do not parse are skipped.
    package func artifactStatuses() throws(LessonBookError) -> [ArtifactStatus] {
        var order: [String] = []
        var users: [String: (directory: String, lessons: [String])] = [:]
        for entry in try entries() {
            guard let lesson = entry.lesson else { continue }
            for name in lesson.artifacts ?? [] {
                let key = "\(lesson.artifactsDirectory)/\(name)"
                if users[key] == nil { order.append(key) }
                users[key, default: (lesson.artifactsDirectory, [])].lessons.append(lesson.fileName)
            }
        }
        let sources = artifactSources()
        return order.map { key in
            let (directory, lessons) = users[key]!
            return ArtifactStatus(name: (key as NSString).lastPathComponent, artifactsDirectory: directory, sources: sources, lessons: lessons)
        }
    }

    /// What of `lesson`'s artifacts decides its result: each artifact's provenance (or its
    /// absence) and, since the page says whether they are stale, the sources they are judged
    /// against. `nil` for a lesson that reads no artifact, whose hash then stays as it was.
    func artifactsFingerprint(of lesson: Lesson?) -> String? {
        guard let lesson, let names = lesson.artifacts else { return nil }
        let sources = artifactSources()
        let states = names.map {
            ArtifactStatus(name: $0, artifactsDirectory: lesson.artifactsDirectory, sources: sources).fingerprint
        }
        return (["sources \(sources.libraryHash) \(sources.experimentHash)"] + states).joined(separator: "\n")
    }
}
