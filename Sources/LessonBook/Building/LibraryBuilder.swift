import Foundation

/// Builds the optimised LessonRuntime product (which contains ResNetKit) that cells link against.
///
/// The engine runs a nested `swift build -c release` so cells always run against the library as
/// it is on disk, optimised even when `lesson` itself is a debug build. The nested build has a
/// scratch folder of its own (``PackageLocation/libraryScratchDirectory``), so it never waits for
/// the lock of the SwiftPM that runs the engine (`swift run`, `swift test`), and two engines
/// building at once are serialised by SwiftPM's lock on that folder. A stamp holding the hash of
/// the library sources skips the nested build, which costs seconds even when nothing changed.
public struct LibraryBuilder: Sendable {
    /// The package to build.
    public var package: PackageLocation
    /// The toolchain to build with.
    public var toolchain: Toolchain

    /// The dynamic library products cells link against.
    ///
    /// `libLessonRuntime.so` already contains ResNetKit (SwiftPM links a dynamic product's
    /// target dependencies into it); linking `libResNetKit.so` as well would load two copies
    /// of every ResNetKit type, so cells link this one product only.
    public static let products = ["LessonRuntime"]

    /// One nested build at a time in this process: every `Book` prepares on its own, and two
    /// builds of the same folder at once would only queue on SwiftPM's lock to do the same work.
    private static let buildLock = NSLock()

    /// Creates a builder.
    public init(package: PackageLocation, toolchain: Toolchain) {
        self.package = package
        self.toolchain = toolchain
    }

    /// The stamp sits beside the products it describes, whatever cache a run uses.
    private var stampPath: String { "\(package.releaseDirectory)/.lesson-library-stamp" }

    /// Builds the products unless the stamp says they were built from sources hashing to
    /// `sourceHash` and they are still there.
    public func ensureBuilt(sourceHash: String) throws(LessonBookError) {
        if isCurrent(sourceHash) { return }
        Self.buildLock.lock()
        defer { Self.buildLock.unlock() }
        // Another book of this process may have built it while this one waited.
        if isCurrent(sourceHash) { return }
        for product in Self.products {
            let result = try ChildProcess.collect(
                toolchain.swift,
                [
                    "build", "-c", "release", "--product", product,
                    "--package-path", package.root, "--scratch-path", package.libraryScratchDirectory,
                ])
            guard result.succeeded else {
                throw .libraryBuildFailed(output: result.standardOutput + result.standardError)
            }
        }
        try CacheFile.write(Data(sourceHash.utf8), to: stampPath)
    }

    private func isCurrent(_ sourceHash: String) -> Bool {
        let stamp = FileManager.default.contents(atPath: stampPath).map { String(decoding: $0, as: UTF8.self) }
        let present = Self.products.allSatisfy {
            FileManager.default.fileExists(atPath: "\(package.releaseDirectory)/lib\($0).so")
        }
        return stamp == sourceHash && present
    }
}
