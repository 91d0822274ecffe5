import Foundation
import Synchronization

extension Book: SiteResultSource {
    /// Runs every lesson that changed (all of them with `force`), in parallel, and returns the
    /// results in book order. A lesson that does not parse still gets a result, carrying its
    /// diagnostics, so its page shows what is wrong.
    package func siteResults(force: Bool) throws -> [LessonResult] {
        let entries = try self.entries()
        let runnable = entries.filter { $0.lesson != nil }.map(\.path)
        if !runnable.isEmpty { try prepare() }
        let collected = ResultCollector()
        runAll(runnable, useCache: !force) { path, outcome in collected.set(path, outcome) }
        if ChildProcessRegistry.shared.isInterrupted { throw LessonBookError.interrupted }
        return try entries.map { entry in
            guard let lesson = entry.lesson else {
                return try unparsedResult(path: entry.path, error: entry.error)
            }
            switch collected.outcome(for: entry.path) {
            case .success(let (result, _)):
                return result
            case .failure(let error):
                return LessonResult(
                    lesson: lesson, inputHash: (try? currentInputHash(of: entry.path)) ?? "",
                    cells: lesson.cells.map { CellResult(index: $0.index, status: .notRun) },
                    diagnostics: error.diagnostics.isEmpty
                        ? [Diagnostic(file: entry.path, location: nil, severity: .error, message: error.localizedDescription)]
                        : error.diagnostics)
            case nil:
                throw LessonBookError.interrupted
            }
        }
    }

    /// Every lesson's page and input hash as the sources stand, computed without running.
    package func siteExpectations() throws -> [SiteExpectation] {
        try entries().map { entry in
            let lesson = entry.lesson ?? Self.placeholderLesson(path: entry.path)
            return SiteExpectation(lesson: lesson, inputHash: try currentInputHash(of: entry.path))
        }
    }

    private func unparsedResult(path: String, error: LessonBookError?) throws -> LessonResult {
        LessonResult(
            lesson: Self.placeholderLesson(path: path), inputHash: try currentInputHash(of: path), cells: [],
            diagnostics: error?.diagnostics.isEmpty == false
                ? error!.diagnostics
                : [Diagnostic(file: path, location: nil, severity: .error, message: error?.localizedDescription ?? "does not parse")])
    }

    /// The lesson a file that does not parse stands for: its number and slug from the name.
    static func placeholderLesson(path: String) -> Lesson {
        let (number, slug) = LessonParser.numberAndSlug(ofPath: path)
        return Lesson(path: path, number: number, slug: slug, title: slug, summary: nil, blocks: [])
    }
}

/// Outcomes of lessons finishing on different threads, by path.
private final class ResultCollector: Sendable {
    private let outcomes = Mutex<[String: Result<(result: LessonResult, fromCache: Bool), LessonBookError>]>([:])

    func set(_ path: String, _ outcome: Result<(result: LessonResult, fromCache: Bool), LessonBookError>) {
        outcomes.withLock { $0[path] = outcome }
    }

    func outcome(for path: String) -> Result<(result: LessonResult, fromCache: Bool), LessonBookError>? {
        outcomes.withLock { $0[path] }
    }
}
