// ResNetKit and LessonRuntime are compiled with -O in every configuration (see Package.swift),
// and there the standard library's `precondition` and `preconditionFailure` drop their message:
// a misuse such as a wrong channel count would die with a bare "Illegal instruction" and no word
// of which layer or which shapes. `require` and `requirementFailure` go through `fatalError`,
// which prints the message in -O builds too, and their names say at every call site that this
// is not the standard library's check. A passing check costs what the standard one does: a
// comparison and a branch; the message is only built on the way out.

/// Stops the program with `message` (file and line included) unless `condition` holds: a
/// programmer error, named with the shapes and values involved. The message survives -O.
@inline(__always)
package func require(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = String(),
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition() {
        requirementFailure(message(), file: file, line: line)
    }
}

/// Stops the program with `message` (file and line included), in optimised builds too.
package func requirementFailure(
    _ message: @autoclosure () -> String = String(), file: StaticString = #fileID, line: UInt = #line
) -> Never {
    fatalError("Precondition failed: \(message())", file: file, line: line)
}
