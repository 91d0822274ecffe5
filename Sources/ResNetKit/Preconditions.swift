// ResNetKit is compiled with -O in every configuration (see Package.swift), and there the
// standard library's `precondition` and `preconditionFailure` drop their message: a misuse such
// as a wrong channel count dies with a bare "Illegal instruction" and no word of which layer or
// which shapes. These module-level versions shadow the standard ones inside ResNetKit, so every
// existing call keeps its text, and go through `fatalError`, which prints the message in -O
// builds too. A passing check costs what the standard one does: a comparison and a branch; the
// message is only built on the way out.

/// Stops the program with `message` (file and line included) unless `condition` holds; unlike
/// the standard library's, the message survives optimised builds.
@inline(__always)
func precondition(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = String(),
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition() {
        preconditionFailure(message(), file: file, line: line)
    }
}

/// Stops the program with `message` (file and line included), in optimised builds too.
func preconditionFailure(
    _ message: @autoclosure () -> String = String(), file: StaticString = #fileID, line: UInt = #line
) -> Never {
    fatalError("Precondition failed: \(message())", file: file, line: line)
}
