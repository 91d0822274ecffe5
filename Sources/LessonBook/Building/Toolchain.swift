import Foundation
import SourceHashing

/// The Swift compiler the engine runs, and its version (part of every cache key).
public struct Toolchain: Hashable, Sendable {
    /// The compiler to run; looked up on `PATH` unless it contains a slash.
    var swiftc: String
    /// The `swift` driver, for building the library products.
    var swift: String
    /// `swiftc --version`, verbatim.
    var version: String

    /// Asks `swiftc` for its version; throws when it cannot be started.
    ///
    /// With a `cacheDirectory`, the answer is remembered against the compiler binary's resolved
    /// path, size and modification time: asking costs a third of a second on every run.
    static func detect(
        swiftc: String = "swiftc", swift: String = "swift", cacheDirectory: String? = nil
    ) throws(LessonBookError) -> Toolchain {
        let identity = binaryIdentity(swiftc)
        let cacheFile = cacheDirectory.map { "\($0)/toolchain-\(SHA256.hex(swiftc + swift).prefix(16)).txt" }
        if let identity, let cacheFile, let data = FileManager.default.contents(atPath: cacheFile) {
            let text = String(decoding: data, as: UTF8.self)
            if let newline = text.firstIndex(of: "\n"), text[..<newline] == identity {
                return Toolchain(swiftc: swiftc, swift: swift, version: String(text[text.index(after: newline)...]))
            }
        }
        let result = try ChildProcess.collect(swiftc, ["--version"])
        guard result.succeeded else {
            throw .launchFailed(program: swiftc, reason: result.standardError)
        }
        let toolchain = Toolchain(swiftc: swiftc, swift: swift, version: result.standardOutput + result.standardError)
        if let identity, let cacheFile {
            try? CacheFile.write(Data("\(identity)\n\(toolchain.version)".utf8), to: cacheFile)
        }
        return toolchain
    }

    /// `path size mtime` of the compiler binary after resolving `PATH` and symbolic links.
    private static func binaryIdentity(_ program: String) -> String? {
        let candidates = program.contains("/")
            ? [program]
            : (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(program)" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let resolved = URL(fileURLWithPath: found).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return nil }
        return "\(resolved) \(size) \(modified.timeIntervalSince1970)"
    }
}
