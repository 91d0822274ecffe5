import Foundation

/// Reads what a Swift program printed to standard error when it crashed.
///
/// Swift prints `Module/file:line: Fatal error: message` for traps with a message; with
/// `#sourceLocation` the file is the lesson's base name when the trap is in a cell's own code.
/// Traps inside the optimised library carry no message and name no lesson line, so cell
/// programs run with Swift's backtracer on (compiled with `-g`): its frames name
/// `<lesson path>:line:column` for the cell statement that led to the crash, and the fault
/// address with the stack pointer tell a stack overflow from other bad accesses.
struct CrashReport: Hashable {
    /// The trap's message, e.g. `Precondition failed: need three`, if Swift printed one.
    var message: String?
    /// Where in the lesson it happened, from the trap message or the first lesson frame.
    var lessonLocation: SourceLocation?
    /// The file ``lessonLocation`` is in: the lesson's, or one of the other sources.
    var locationFile: String
    /// Where the trap happened outside the lesson, e.g. `Swift/Array.swift:691`.
    var foreignLocation: String?
    /// Standard error with the trap message and the backtrace taken out.
    var remainingOutput: String
    /// The address a bad memory access touched, from the backtracer's "Program crashed" line.
    var faultAddress: UInt64?
    /// The crashed thread's stack pointer, from the backtracer's registers.
    var stackPointer: UInt64?

    /// Whether the crash was a bad access just below the stack pointer: the thread ran into
    /// the guard page under its stack, which is what endless recursion does. A frame too big
    /// for the space left faults up to its own size below the pointer, so the window is wide.
    var isStackOverflow: Bool { Self.isStackOverflow(faultAddress: faultAddress, stackPointer: stackPointer) }

    private static func isStackOverflow(faultAddress: UInt64?, stackPointer: UInt64?) -> Bool {
        guard let faultAddress, let stackPointer else { return false }
        return faultAddress >= stackPointer ? faultAddress - stackPointer <= 4096 : stackPointer - faultAddress <= 1 << 20
    }

    /// What a student reads for a stack overflow.
    static let stackOverflowMessage = "stack overflow (infinite recursion?)"

    private static let kinds = ["Fatal error", "Precondition failed", "Assertion failed"]

    /// The environment that makes the backtracer print a short, plain, non-interactive report.
    static let backtraceEnvironment = [
        "SWIFT_BACKTRACE":
            "enable=yes,interactive=no,color=no,sanitize=no,threads=crashed,registers=crashed,images=none,limit=32,top=0"
    ]

    /// Finds the trap in `standardError`; nil if there is no trace of one.
    ///
    /// `otherSources` are further files the program's code came from (a student's exercise
    /// file): a location in one of them counts as the lesson's, and ``locationFile`` says which.
    init?(standardError: String, lessonPath: String, otherSources: [String] = []) {
        let sources = [lessonPath] + otherSources
        locationFile = lessonPath
        var remaining: [Substring] = []
        var inBacktrace = false
        for line in standardError.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("*** Signal") || line.hasPrefix("Current stack trace:") { inBacktrace = true }
            if inBacktrace {
                if line.hasPrefix("*** Swift runtime failure: "), message == nil {
                    message = String(line.dropFirst(4).dropLast(line.hasSuffix(" ***") ? 4 : 0))
                }
                if line.hasPrefix("*** Program crashed: "), let range = line.range(of: " at 0x") {
                    faultAddress = UInt64(line[range.upperBound...].prefix { $0.isHexDigit }, radix: 16)
                }
                let fields = line.split(separator: " ")
                if fields.count >= 2, fields[0] == "rsp" || fields[0] == "sp", fields[1].hasPrefix("0x") {
                    stackPointer = UInt64(fields[1].dropFirst(2), radix: 16)
                }
                if lessonLocation == nil,
                    let (source, range) = sources.lazy.compactMap({ source in line.range(of: " at \(source):").map { (source, $0) } }).first
                {
                    let parts = line[range.upperBound...].split(separator: ":")
                    if parts.count >= 2, let number = Int(parts[0]), let column = Int(parts[1]) {
                        lessonLocation = SourceLocation(line: number, column: column)
                        locationFile = source
                    }
                }
                if line.hasPrefix("Backtrace took") { inBacktrace = false }
                continue
            }
            if line.hasPrefix("swift-runtime: ") { continue }
            if message == nil, let kind = Self.kinds.first(where: { line.contains($0) }) {
                let marker = line.range(of: kind)!
                message = String(line[marker.lowerBound...])
                let parts = line[..<marker.lowerBound].dropLast(2).split(separator: ":")
                if parts.count >= 2, let number = Int(parts[parts.count - 1]) {
                    let file = parts.dropLast().joined(separator: ":")
                    let names = sources.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
                    if let match = names.firstIndex(where: { file == $0 || file.hasSuffix("/\($0)") }) {
                        lessonLocation = SourceLocation(line: number, column: 0)
                        locationFile = sources[match]
                    } else {
                        foreignLocation = "\(file):\(number)"
                    }
                }
                continue
            }
            remaining.append(line)
        }
        if Self.isStackOverflow(faultAddress: faultAddress, stackPointer: stackPointer) { message = Self.stackOverflowMessage }
        guard message != nil || lessonLocation != nil else { return nil }
        remainingOutput = remaining.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}
