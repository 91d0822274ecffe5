import Foundation
import SourceHashing

/// Computes the hashes that key the caches and the site: what shapes a lesson's *result* (its
/// cells, the library and runtime they link, the toolchain, the options) and, apart from it,
/// what shapes its *page* (the result, the lesson's prose and the renderer).
///
/// Keeping them apart is what lets a change of the renderer re-render every page without
/// running a lesson, and a change of the library re-run lessons without touching the renderer.
enum InputHasher {
    /// Bumped when the engine changes what it produces, so old results are not reused.
    static let engineVersion = "lesson-engine 2"

    /// The hash of `files` (paths and contents, relative to `package`'s root).
    static func sourceHash(of package: PackageLocation, files: [String]) -> String {
        SourceFingerprint.hash(root: package.root, files: files)
    }

    /// The hash of the library and runtime sources a cell program links.
    static func librarySourceHash(of package: PackageLocation) -> String {
        sourceHash(of: package, files: package.librarySourceFiles())
    }

    /// The hash of the sources and resources that turn a result into a page.
    static func rendererSourceHash(of package: PackageLocation) -> String {
        sourceHash(of: package, files: package.rendererSourceFiles())
    }

    /// The hash of one lesson's run: what the generated programs are made of (the cells, with
    /// their lines, and the lesson's path, both named by `#sourceLocation`), the library, the
    /// toolchain and the options. Prose is not part of it: editing prose re-renders a page but
    /// does not re-run its lesson. A lesson that does not parse (`cells` is nil) is hashed by
    /// its text, so mending it is noticed. A lesson that reads experiments' artifacts adds
    /// their fingerprint (see `Book.artifactsFingerprint(of:)`); one that reads none hashes as
    /// it did before artifacts existed.
    static func lessonHash(
        lessonPath: String, cells: [Cell]?, lessonText: String, librarySourceHash: String, toolchainVersion: String,
        options: RunOptions, artifacts: String? = nil
    ) -> String {
        let program = cells.map { "cells " + CanonicalJSON.text($0) } ?? "text " + lessonText
        var hasher = SHA256()
        for field in [engineVersion, lessonPath, program, librarySourceHash, toolchainVersion, CanonicalJSON.text(options)] {
            hasher.update(field: field)
        }
        if let artifacts { hasher.update(field: "artifacts " + artifacts) }
        return hasher.hexDigest()
    }

    /// The hash of everything one lesson's page is made from: its result (by the result's input
    /// hash), the lesson as parsed (prose, title, summary, cells) and the renderer.
    static func pageHash(lesson: Lesson, inputHash: String, rendererHash: String) -> String {
        var hasher = SHA256()
        for field in [engineVersion, rendererHash, inputHash, CanonicalJSON.text(lesson)] {
            hasher.update(field: field)
        }
        return hasher.hexDigest()
    }

}
