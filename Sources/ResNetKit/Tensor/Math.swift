#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Thin wrappers so the rest of the library does not import the C library by name.
@inlinable func _log(_ x: Double) -> Double { log(x) }
@inlinable func _cos(_ x: Double) -> Double { cos(x) }
@inlinable func _exp(_ x: Float) -> Float { expf(x) }
@inlinable func _logf(_ x: Float) -> Float { logf(x) }
