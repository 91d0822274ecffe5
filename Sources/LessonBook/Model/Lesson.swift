import Foundation

/// A parsed lesson: front matter and the prose and code cells of one Markdown file.
public struct Lesson: Codable, Hashable, Sendable {
    /// The path as the user names it (relative to the working directory where possible).
    package var path: String
    /// The lesson number from a `NN-slug.md` file name, if it has one.
    package var number: Int?
    /// The file name without number and extension, e.g. `basic-block`.
    var slug: String
    /// The `title` from the front matter.
    package var title: String
    /// The optional `summary` from the front matter.
    var summary: String?
    /// Prose and cells, in file order.
    var blocks: [LessonBlock]
    /// The optional `memory` from the front matter: the resident memory its program may use.
    var memoryLimit: MemorySize?
    /// The long experiments' artifacts the lesson reads (front matter `artifacts:`); `nil` when
    /// it reads none, so lessons without artifacts encode as before.
    var artifacts: [String]?
    /// Problems found while parsing that do not stop the lesson from running, such as a Swift
    /// cell inside a list, which is not run.
    var warnings: [Diagnostic]
    /// The lesson's exercises, in order; `nil` when it has none, so lessons without exercises
    /// encode as before.
    package var exercises: [Exercise]?

    /// Creates a lesson.
    init(
        path: String, number: Int?, slug: String, title: String, summary: String?, blocks: [LessonBlock],
        memoryLimit: MemorySize? = nil, artifacts: [String] = [], warnings: [Diagnostic] = [], exercises: [Exercise] = []
    ) {
        self.path = path
        self.number = number
        self.slug = slug
        self.title = title
        self.summary = summary
        self.blocks = blocks
        self.memoryLimit = memoryLimit
        self.artifacts = artifacts.isEmpty ? nil : artifacts
        self.warnings = warnings
        self.exercises = exercises.isEmpty ? nil : exercises
    }

    /// The folder of the artifacts the lesson reads: `artifacts/` beside the lesson file.
    var artifactsDirectory: String {
        let folder = (path as NSString).deletingLastPathComponent
        let absolute = folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + (folder.isEmpty ? "" : "/\(folder)")
        return (absolute as NSString).appendingPathComponent("artifacts")
    }

    /// The file's name without folders, e.g. `03-basic-block.md`.
    var fileName: String { LessonParser.fileName(ofPath: path) }

    /// The code cells, in order.
    var cells: [Cell] {
        blocks.compactMap { if case .cell(let cell) = $0 { cell } else { nil } }
    }
}

/// A piece of a lesson: Markdown prose or a Swift cell.
public enum LessonBlock: Codable, Hashable, Sendable {
    /// Markdown text between cells, kept as source so it can be rendered later.
    case prose(Prose)
    /// A fenced Swift code block.
    case cell(Cell)
}

/// A run of Markdown between cells.
public struct Prose: Codable, Hashable, Sendable {
    /// The Markdown source of this run.
    var markdown: String
    /// Where it sits in the file.
    var range: SourceRange

    /// Creates a prose block.
    init(markdown: String, range: SourceRange) {
        self.markdown = markdown
        self.range = range
    }
}

/// A fenced code block whose info string starts with `swift`.
public struct Cell: Codable, Hashable, Sendable {
    /// The position among the lesson's cells, from 0.
    var index: Int
    /// The code between the fences.
    var source: String
    /// The options after `swift` in the info string.
    var options: CellOptions
    /// The whole block, fences included.
    var range: SourceRange
    /// The line of the first line of code (the line after the opening fence).
    var codeStartLine: Int
    /// The spaces (0 to 3) before the opening fence, which Markdown removes from every code line.
    var indentation: Int
    /// The file the code comes from when it is not the lesson's: a student's exercise file
    /// whose answer replaced the book's solution. `nil` for the lesson's own code.
    var codeFile: String?

    /// The last line of code: the line before the closing fence for a lesson's cell.
    var codeEndLine: Int {
        codeStartLine + source.split(separator: "\n", omittingEmptySubsequences: false).count - (source.hasSuffix("\n") ? 2 : 1)
    }

    /// Whether `diagnostic` points at one of this cell's code lines in `lessonPath` (or in the
    /// cell's ``codeFile``).
    func contains(_ diagnostic: Diagnostic, lessonPath: String) -> Bool {
        guard diagnostic.file == (codeFile ?? lessonPath), let line = diagnostic.location?.line else { return false }
        return codeStartLine <= line && line <= codeEndLine
    }

    /// Creates a cell.
    init(index: Int, source: String, options: CellOptions, range: SourceRange, codeStartLine: Int, indentation: Int = 0) {
        self.index = index
        self.source = source
        self.options = options
        self.range = range
        self.codeStartLine = codeStartLine
        self.indentation = indentation
    }
}

/// The words after `swift` in a cell's info string.
public struct CellOptions: Codable, Hashable, Sendable {
    /// `hide`: run, but show no code.
    var hide = false
    /// `no-run`: show only.
    var noRun = false
    /// `expect-crash`: passes only if the cell traps.
    var expectCrash = false
    /// `expect-compile-error`: passes only if the cell does not compile; compiled on its own.
    var expectCompileError = false
    /// `timeout=SECONDS`: this cell's own time limit.
    var timeoutSeconds: Double?
    /// `exercise`, `solution` or `grade`: the cell's part in an exercise, if any.
    var role: ExerciseRole?

    /// Creates options; all off by default.
    init(
        hide: Bool = false, noRun: Bool = false, expectCrash: Bool = false, expectCompileError: Bool = false,
        timeoutSeconds: Double? = nil, role: ExerciseRole? = nil
    ) {
        self.role = role
        self.hide = hide
        self.noRun = noRun
        self.expectCrash = expectCrash
        self.expectCompileError = expectCompileError
        self.timeoutSeconds = timeoutSeconds
    }
}
