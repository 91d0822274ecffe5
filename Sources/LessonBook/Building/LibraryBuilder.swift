import Foundation

/// Builds the optimised LessonRuntime product (which contains ResNetKit) that cells link against.
///
/// The engine runs a nested `swift build -c release` (the outer `swift run` has released its
/// lock by then), so cells always run against the library as it is on disk, optimised even
/// when `lesson` itself is a debug build. A stamp holding the hash of the library sources
/// skips the nested build, which costs seconds even when nothing changed.
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
        let stamp = FileManager.default.contents(atPath: stampPath).map { String(decoding: $0, as: UTF8.self) }
        let present = Self.products.allSatisfy {
            FileManager.default.fileExists(atPath: "\(package.releaseDirectory)/lib\($0).so")
        }
        if stamp == sourceHash && present { return }
        for product in Self.products {
            let result = try ChildProcess.collect(
                toolchain.swift, ["build", "-c", "release", "--product", product], directory: package.root)
            guard result.succeeded else {
                throw .libraryBuildFailed(output: result.standardOutput + result.standardError)
            }
        }
        try CacheFile.write(Data(sourceHash.utf8), to: stampPath)
    }
}
