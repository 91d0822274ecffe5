/// The Swift compiler the engine runs, and its version (part of every cache key).
public struct Toolchain: Hashable, Sendable {
    /// The compiler to run; looked up on `PATH` unless it contains a slash.
    public var swiftc: String
    /// The `swift` driver, for building the library products.
    public var swift: String
    /// `swiftc --version`, verbatim.
    public var version: String

    /// Asks `swiftc` for its version; throws when it cannot be started.
    public static func detect(swiftc: String = "swiftc", swift: String = "swift") throws(LessonBookError) -> Toolchain {
        let result = try ChildProcess.collect(swiftc, ["--version"])
        guard result.succeeded else {
            throw .launchFailed(program: swiftc, reason: result.standardError)
        }
        return Toolchain(swiftc: swiftc, swift: swift, version: result.standardOutput + result.standardError)
    }
}
