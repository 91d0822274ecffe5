import Foundation
import Synchronization

/// Keeps freed tensor buffers of the sizes a training loop asks for again, so each step reuses
/// the memory of the last one instead of getting fresh pages from the kernel.
///
/// glibc returns large freed blocks to the kernel (and a training step frees hundreds of
/// megabytes at once), so the next step took them back as new pages, each zero-filled by the
/// kernel on first touch: about 16,000 page faults a ResNet-18 step. Small buffers stay with
/// malloc, which reuses them well. The pool holds at most ``capacity`` bytes; beyond that a
/// freed buffer goes back to the system, so a program that moves on to other shapes keeps at
/// most that much idle memory.
enum BufferPool {
    /// Buffers smaller than this many floats (256 KiB) are left to malloc.
    static let smallestPooled = 1 << 16

    /// The most bytes the pool keeps idle: an eighth of physical memory, at most 1 GiB.
    static let capacity = Int(min(ProcessInfo.processInfo.physicalMemory / 8, 1 << 30))

    private struct State {
        // Addresses as integers: raw pointers are not Sendable, and the pool only hands them on.
        var free: [Int: [UInt]] = [:]
        var bytes = 0
    }

    private static let state = Mutex(State())

    /// A buffer of exactly `count` floats from the pool, or `nil`.
    static func take(count: Int) -> UnsafeMutableRawPointer? {
        guard count >= smallestPooled else { return nil }
        return state.withLock { state in
            guard let address = state.free[count]?.popLast() else { return nil }
            state.bytes -= count * MemoryLayout<Float>.stride
            return UnsafeMutableRawPointer(bitPattern: address)
        }
    }

    /// Takes back a buffer of `count` floats; `false` means the caller must free it.
    static func give(_ pointer: UnsafeMutableRawPointer, count: Int) -> Bool {
        guard count >= smallestPooled else { return false }
        let bytes = count * MemoryLayout<Float>.stride
        return state.withLock { state in
            guard state.bytes + bytes <= capacity else { return false }
            state.free[count, default: []].append(UInt(bitPattern: pointer))
            state.bytes += bytes
            return true
        }
    }

    /// Frees every idle buffer.
    static func drain() {
        let addresses = state.withLock { state in
            defer { state = State() }
            return state.free.values.flatMap { $0 }
        }
        for address in addresses { free(UnsafeMutableRawPointer(bitPattern: address)) }
    }
}
