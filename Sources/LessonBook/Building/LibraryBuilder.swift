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
            let arguments = ["build", "-c", "release", "--product", product]
            var result = try build(arguments)
            if result == nil {
                // The lock is held by a SwiftPM that is waiting for us (`swift test` running the
                // engine's tests): it is not building, so ours may go ahead without the lock.
                result = try build(arguments + ["--ignore-lock"], stopWhenBlockedByAncestor: false)
            }
            guard let result, result.succeeded else {
                throw .libraryBuildFailed(output: result.map { $0.standardOutput + $0.standardError } ?? "")
            }
        }
        try CacheFile.write(Data(sourceHash.utf8), to: stampPath)
    }

    /// Runs `swift` with `arguments`; nil if it started waiting for a lock held by one of this
    /// process's ancestors, which would never be released.
    private func build(
        _ arguments: [String], stopWhenBlockedByAncestor: Bool = true
    ) throws(LessonBookError) -> ChildProcess.Collected? {
        let child = try ChildProcess.launch(toolchain.swift, arguments, directory: package.root)
        var output: [UInt8] = []
        var errors: [UInt8] = []
        var blockedByAncestor = false
        let termination = child.pump(
            onOutput: { stream, bytes in
                if stream == .standardOutput { output += bytes } else { errors += bytes }
            },
            shouldStop: {
                if stopWhenBlockedByAncestor, !blockedByAncestor, let holder = Self.lockHolder(in: output + errors), Self.isAncestor(holder) {
                    blockedByAncestor = true
                }
                return blockedByAncestor || ChildProcessRegistry.shared.isInterrupted
            })
        if ChildProcessRegistry.shared.isInterrupted { throw .interrupted }
        if blockedByAncestor { return nil }
        return ChildProcess.Collected(
            termination: termination, standardOutput: String(decoding: output, as: UTF8.self),
            standardError: String(decoding: errors, as: UTF8.self))
    }

    /// The process id in SwiftPM's "Another instance of SwiftPM (PID: 123) is already running".
    static func lockHolder(in output: [UInt8]) -> pid_t? {
        let text = String(decoding: output, as: UTF8.self)
        guard let marker = text.range(of: "Another instance of SwiftPM (PID: ") else { return nil }
        return pid_t(text[marker.upperBound...].prefix { $0.isNumber })
    }

    /// Whether `pid` is this process's parent, grandparent, and so on (read from /proc).
    static func isAncestor(_ pid: pid_t) -> Bool {
        var current = getppid()
        while current > 1 {
            if current == pid { return true }
            guard let stat = try? String(contentsOfFile: "/proc/\(current)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, let parent = pid_t(fields[1]) else { return false }
            current = parent
        }
        return false
    }
}
