import Foundation
import Testing

@testable import LessonBook

/// Paths and helpers shared by the suites.
enum TestSupport {
    /// `Tests/LessonBookTests`, found from this file's path so goldens can be re-recorded in place.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
    /// The package root, three levels up.
    static let packageRoot = URL(fileURLWithPath: testsDirectory).deletingLastPathComponent().deletingLastPathComponent().path
    /// The example lessons.
    static let inputs = "\(testsDirectory)/Inputs"

    /// Whether `swiftc` can be started; tests that compile lessons are skipped without it.
    static let compilerAvailable: Bool = (try? Toolchain.detect()) != nil

    /// The text of an example lesson.
    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: "\(inputs)/\(name)", encoding: .utf8)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Compares `actual` with the golden file `name`; `RECORD_GOLDENS=1` writes it instead.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = "\(inputs)/Goldens/\(name)"
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            actual == expected,
            "differs from golden \(name); re-record with RECORD_GOLDENS=1\n\(lineDiff(from: expected, to: actual))",
            sourceLocation: sourceLocation)
    }

    /// The lines that differ, `-` for the golden's and `+` for the actual, each with its line
    /// number; at most `limit` of them, so a wholesale change stays readable.
    static func lineDiff(from expected: String, to actual: String, limit: Int = 40) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for change in new.difference(from: old) {
            switch change {
            case .remove(let offset, let line, _): lines.append("-\(offset + 1): \(line)")
            case .insert(let offset, let line, _): lines.append("+\(offset + 1): \(line)")
            }
        }
        let shown = lines.prefix(limit).joined(separator: "\n")
        return lines.count > limit ? shown + "\n… and \(lines.count - limit) more changed lines" : shown
    }

    /// JSON with sorted keys and indentation, for goldens.
    static func json<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try CanonicalJSON.data(value, pretty: true), as: UTF8.self) + "\n"
    }
}

/// Shared fixture for suites that compile and run lessons: one library build, one temporary cache.
final class EngineFixture: @unchecked Sendable {
    static let shared = EngineFixture()

    let cacheDirectory: String
    let book: Book
    nonisolated(unsafe) private static var directoryToRemove: String?

    private init() {
        cacheDirectory = (try? TestSupport.temporaryDirectory()) ?? NSTemporaryDirectory()
        EngineFixture.directoryToRemove = cacheDirectory
        // Compiled programs take megabytes; nothing else would remove them.
        atexit {
            if let directory = EngineFixture.directoryToRemove, directory.contains("lesson-tests-") {
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
        book = Book(
            lessonsDirectory: TestSupport.inputs,
            package: PackageLocation(root: TestSupport.packageRoot, cacheDirectory: cacheDirectory),
            options: RunOptions(defaultCellTimeout: 60))
    }

    /// Runs an example lesson, without the result cache.
    func run(_ name: String) throws -> LessonResult {
        try book.run("\(TestSupport.inputs)/\(name)", useCache: false).result
    }
}
