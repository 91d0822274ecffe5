import Crypto
import Foundation

/// Hashes of the package's own sources, shared by the lesson engine (cache keys) and the
/// experiments (provenance), so an artifact's recorded hash and the engine's staleness check
/// are computed by the same code from the same files.
package enum SourceFingerprint {
    /// The hash of `files` (paths relative to `root`, in the given order, and their contents);
    /// a missing file counts as empty.
    package static func hash(root: String, files: [String]) -> String {
        var hasher = SHA256()
        for file in files {
            hasher.update(field: file)
            hasher.update(field: String(decoding: FileManager.default.contents(atPath: "\(root)/\(file)") ?? Data(), as: UTF8.self))
        }
        return hasher.hexDigest()
    }

    /// Every regular file below the given directories (relative to `root`), sorted.
    package static func files(root: String, under directories: [String]) -> [String] {
        var files: [String] = []
        for directory in directories {
            guard let enumerator = FileManager.default.enumerator(atPath: "\(root)/\(directory)") else { continue }
            for case let relative as String in enumerator {
                var isDirectory: ObjCBool = false
                let full = "\(root)/\(directory)/\(relative)"
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files.append("\(directory)/\(relative)")
                }
            }
        }
        return files.sorted()
    }

    /// The C system-library module directories (`Sources/C*` with a module map), relative to `root`.
    package static func systemModuleDirectories(root: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/Sources")) ?? []
        return names.sorted()
            .map { "Sources/\($0)" }
            .filter { FileManager.default.fileExists(atPath: "\(root)/\($0)/module.modulemap") }
    }

    /// The files an experiment's artifacts depend on through the library: ResNetKit's sources
    /// and the module maps of the C modules it imports. The manifest and the lesson runtime are
    /// left out on purpose: adding a target or changing how cells print does not change what a
    /// training run computes.
    package static func librarySourceFiles(root: String) -> [String] {
        let library = files(root: root, under: ["Sources/ResNetKit"])
        let imported = Set(library.flatMap { importedModules(in: "\(root)/\($0)") })
        let modules = systemModuleDirectories(root: root).filter { imported.contains(String($0.dropFirst("Sources/".count))) }
        return library + files(root: root, under: modules)
    }

    /// The hash of ``librarySourceFiles(root:)``.
    package static func libraryHash(root: String) -> String {
        hash(root: root, files: librarySourceFiles(root: root))
    }

    /// The experiments' own sources: the training loops and the `experiment` command.
    package static func experimentSourceFiles(root: String) -> [String] {
        files(root: root, under: ["Sources/Experiments", "Sources/experiment"])
    }

    /// The hash of ``experimentSourceFiles(root:)``.
    package static func experimentHash(root: String) -> String {
        hash(root: root, files: experimentSourceFiles(root: root))
    }

    /// The first directory at or above `directory` that holds a `Package.swift`, or `nil`.
    package static func packageRoot(from directory: String = FileManager.default.currentDirectoryPath) -> String? {
        var candidate = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("Package.swift").path) {
                return candidate.path
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { return nil }
            candidate = parent
        }
    }

    /// The module names a Swift file imports (`import X`, `internal import X`, `@preconcurrency import X`).
    private static func importedModules(in path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard let index = words.firstIndex(of: "import"), index + 1 < words.count else { return nil }
            guard words[..<index].allSatisfy({ $0.hasPrefix("@") || ["internal", "public", "package", "private", "fileprivate"].contains($0) }) else {
                return nil
            }
            return String(words[index + 1])
        }
    }
}
