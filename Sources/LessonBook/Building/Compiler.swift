import Foundation
import SourceHashing

/// Compiles lesson programs with `swiftc` against the package's optimised library products.
///
/// Outcomes are cached under `.build/lesson-cache/programs/<hash>/`, keyed by the program text,
/// the library sources, the toolchain and the flags, so an unchanged lesson is not recompiled.
public struct Compiler: Sendable {
    /// Whether to produce a program or only type-check it.
    enum Mode: String, Codable, Sendable {
        /// Compile and link an executable.
        case executable
        /// Type-check only: how `expect-compile-error` cells are judged.
        case typecheck
    }

    /// What compiling produced.
    struct Outcome: Codable, Hashable, Sendable {
        /// The executable, when compiling in ``Mode/executable`` succeeded.
        var executable: String?
        /// Every error, warning and note, pointing into the lesson thanks to `#sourceLocation`.
        var diagnostics: [Diagnostic]
        /// Whether the compiler reported no error.
        var succeeded: Bool

        /// Creates an outcome.
        init(executable: String?, diagnostics: [Diagnostic], succeeded: Bool) {
            self.executable = executable
            self.diagnostics = diagnostics
            self.succeeded = succeeded
        }
    }

    /// The package whose library is linked.
    var package: PackageLocation
    /// The compiler.
    var toolchain: Toolchain
    /// The hash of the library sources the products were built from.
    var librarySourceHash: String

    /// Creates a compiler for programs linking the package's library products.
    init(package: PackageLocation, toolchain: Toolchain, librarySourceHash: String) {
        self.package = package
        self.toolchain = toolchain
        self.librarySourceHash = librarySourceHash
    }

    /// Cells are compiled unoptimised (they compile in well under a second); the library they
    /// call is optimised. Swift 6 language mode, like the package. Debug information lets the
    /// backtracer name the lesson line of a crash that happens inside the library.
    var flags: [String] {
        var flags = ["-Onone", "-g", "-swift-version", "6", "-module-name", "LessonCells", "-diagnostic-style", "llvm"]
        flags += ["-I", "\(package.releaseDirectory)/Modules"]
        for directory in package.systemModuleDirectories { flags += ["-I", directory] }
        flags += ["-L", package.releaseDirectory]
        flags += LibraryBuilder.products.map { "-l\($0)" }
        flags += ["-Xlinker", "-rpath", "-Xlinker", package.releaseDirectory]
        return flags
    }

    /// Compiles `program`; diagnostics outside the lesson are reported against `lessonPath`.
    func compile(_ program: String, lessonPath: String, mode: Mode) throws(LessonBookError) -> Outcome {
        var hasher = SHA256()
        for field in [program, toolchain.version, librarySourceHash, mode.rawValue] + flags {
            hasher.update(field: field)
        }
        let key = hasher.hexDigest()
        let directory = "\(package.cacheDirectory)/programs/\(key)"
        if let cached = cachedOutcome(in: directory) { return cached }

        let workDirectory = "\(package.cacheDirectory)/programs/.tmp-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: workDirectory) }
        do {
            try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
            try Data(program.utf8).write(to: URL(fileURLWithPath: "\(workDirectory)/main.swift"))
        } catch {
            throw .cacheWriteFailed(path: workDirectory, reason: error.localizedDescription)
        }
        var arguments = flags + ["\(workDirectory)/main.swift"]
        arguments += mode == .executable ? ["-o", "\(workDirectory)/program"] : ["-typecheck"]
        let result = try ChildProcess.collect(toolchain.swiftc, arguments, directory: workDirectory)
        let diagnostics = CompilerOutputParser.parse(
            result.standardError + result.standardOutput, fallbackFile: lessonPath
        ).map { diagnostic in
            // Lines outside the cells belong to the generated scaffolding, not to the author.
            diagnostic.file.hasSuffix("/main.swift") ? Diagnostic(
                file: lessonPath, location: nil, severity: diagnostic.severity,
                message: "in the generated program: \(diagnostic.message)", notes: diagnostic.notes,
                excerpt: diagnostic.excerpt) : diagnostic
        }
        var outcome = Outcome(executable: nil, diagnostics: diagnostics, succeeded: result.succeeded)
        if result.succeeded && mode == .executable {
            outcome.executable = "\(directory)/program"
        }
        let encoded = (try? CanonicalJSON.data(outcome)) ?? Data()
        try CacheFile.write(encoded, to: "\(workDirectory)/outcome.json")
        // Renaming the whole directory publishes program and outcome together; if another run
        // published the same key first, its identical result is kept.
        if rename(workDirectory, directory) != 0, cachedOutcome(in: directory) == nil {
            // What is there is unreadable (a damaged cache); replace it.
            try? FileManager.default.removeItem(atPath: directory)
            if rename(workDirectory, directory) != 0, cachedOutcome(in: directory) == nil {
                throw .cacheWriteFailed(path: directory, reason: String(cString: strerror(errno)))
            }
        }
        return outcome
    }

    private func cachedOutcome(in directory: String) -> Outcome? {
        guard let data = FileManager.default.contents(atPath: "\(directory)/outcome.json"),
            let outcome = try? JSONDecoder().decode(Outcome.self, from: data)
        else { return nil }
        if let executable = outcome.executable, !FileManager.default.isExecutableFile(atPath: executable) { return nil }
        return outcome
    }
}
