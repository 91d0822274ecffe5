import Foundation
import SourceHashing

/// Where the package whose library the cells link against lives, and where its build goes.
public struct PackageLocation: Hashable, Sendable {
    /// The directory holding `Package.swift`, absolute.
    var root: String
    /// The engine's own cache of results and compiled programs; `.build/lesson-cache` by default.
    package var cacheDirectory: String

    /// Uses `root` as the package root, caching under `cacheDirectory` if given.
    package init(root: String, cacheDirectory: String? = nil) {
        self.root = (root as NSString).standardizingPath
        self.cacheDirectory = cacheDirectory ?? "\(self.root)/.build/lesson-cache"
    }

    /// Walks up from `directory` to the first directory holding a `Package.swift`.
    package static func find(from directory: String = FileManager.default.currentDirectoryPath) throws(LessonBookError) -> PackageLocation {
        var candidate = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("Package.swift").path) {
                return PackageLocation(root: candidate.path, cacheDirectory: nil)
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { throw .packageRootNotFound(searchedFrom: directory) }
            candidate = parent
        }
    }

    /// `.build/lesson-library`: the scratch folder of the engine's own release build of the
    /// library, apart from the `.build` of the SwiftPM that runs the engine (see ``LibraryBuilder``).
    var libraryScratchDirectory: String { path(".build/lesson-library") }

    /// Where the optimised libraries and their modules are, inside ``libraryScratchDirectory``.
    var releaseDirectory: String { "\(libraryScratchDirectory)/release" }

    /// The C system-library module directories (`Sources/C*` with a module map): a client of
    /// ResNetKit needs every one of them on its include path, even behind `internal import`.
    var systemModuleDirectories: [String] {
        SourceFingerprint.systemModuleDirectories(root: root).map { path($0) }
    }

    /// The files whose contents decide what the cells link against, and so a lesson's result:
    /// the runtime, the library, the C module maps and the manifest, as paths relative to
    /// ``root``, sorted.
    func librarySourceFiles() -> [String] {
        ["Package.swift"] + files(
            under: ["Sources/ResNetKit", "Sources/LessonRuntime"]
                + systemModuleDirectories.map { String($0.dropFirst(root.count + 1)) })
    }

    /// The files whose contents decide how a result becomes a page, and nothing that decides the
    /// result itself: the parser and Markdown renderer, the result model, the HTML and SVG
    /// renderers, what decides which recorded outputs a page keeps, the site writer and their
    /// resources, relative to ``root``, sorted.
    func rendererSourceFiles() -> [String] {
        files(under: ["Parsing", "Model", "Comparing", "Rendering", "Site", "Resources"].map { "Sources/LessonBook/\($0)" } + ["Sources/CCmarkGFM"])
    }

    /// Every regular file below the given directories (relative to ``root``), sorted.
    private func files(under directories: [String]) -> [String] {
        SourceFingerprint.files(root: root, under: directories)
    }

    /// `relative` resolved against the package root.
    func path(_ relative: String) -> String {
        "\(root)/\(relative)"
    }
}
