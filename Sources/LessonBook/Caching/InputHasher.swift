import Foundation

/// Computes the hashes that key the caches: every input that can change a lesson's result.
enum InputHasher {
    /// Bumped when the engine changes what it produces, so old results are not reused.
    static let engineVersion = "lesson-engine 1"

    /// The hash of the library sources (paths and contents) relative to `package`'s root.
    static func librarySourceHash(of package: PackageLocation, files: [String]? = nil) -> String {
        var hasher = SHA256()
        for file in files ?? package.librarySourceFiles() {
            hasher.update(field: file)
            hasher.update(field: String(decoding: FileManager.default.contents(atPath: package.path(file)) ?? Data(), as: UTF8.self))
        }
        return hasher.hexDigest()
    }

    /// The hash of one lesson's run: its text and path, the library, the toolchain, the options.
    static func lessonHash(
        lessonText: String, lessonPath: String, librarySourceHash: String, toolchainVersion: String, options: RunOptions
    ) -> String {
        var hasher = SHA256()
        for field in [engineVersion, lessonPath, lessonText, librarySourceHash, toolchainVersion, options.hashKey] {
            hasher.update(field: field)
        }
        return hasher.hexDigest()
    }
}
