import Dispatch
import Foundation
import Synchronization

/// Turns Ctrl-C (SIGINT) and SIGTERM into a request that the training loop sees between two
/// batches, so it stops with its last checkpoint intact instead of dying mid-write.
///
/// A second signal ends the process at once; the checkpoint is still whole, since it is
/// replaced by an atomic rename.
public final class Interruption: Sendable {
    /// The process's interruption, listening once ``install()`` has run.
    public static let shared = Interruption()

    private let requested = Atomic<Bool>(false)
    private let sources = Mutex<[any DispatchSourceSignal]>([])

    /// Whether a signal has asked the experiment to stop.
    public var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Starts listening for SIGINT and SIGTERM.
    public func install() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [self] in
                    if self.requested.exchange(true, ordering: .relaxed) { _exit(130) }
                    FileHandle.standardError.write(Data("\nStopping after this batch (again to quit at once)…\n".utf8))
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
