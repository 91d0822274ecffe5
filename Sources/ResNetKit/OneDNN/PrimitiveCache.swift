import Synchronization

/// Primitives by what they compute, so each shape and layout is set up once per process.
///
/// Creating a oneDNN primitive JIT-compiles its kernel, which takes far longer than running it
/// on a small tensor; a training loop asks for the same few dozen primitives every step.
final class PrimitiveCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: Value]>([:])

    /// The value for `key`, made by `make` the first time.
    ///
    /// `make` runs outside the lock (it may take milliseconds), so two threads asking for the
    /// same new key may both make one; the first stored wins and both get it.
    func value(for key: Key, make: () -> Value) -> Value {
        if let existing = entries.withLock({ $0[key] }) { return existing }
        let made = make()
        return entries.withLock { entries in
            if let existing = entries[key] { return existing }
            entries[key] = made
            return made
        }
    }
}
