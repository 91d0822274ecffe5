import Dispatch
import Foundation
import LessonBook

/// Turns Ctrl-C into an orderly stop: every child process group is killed, nothing is cached.
enum InterruptHandler {
    nonisolated(unsafe) private static var source: DispatchSourceSignal?

    /// Installs the handler; call once, before anything is started.
    static func install() {
        signal(SIGINT, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "lesson.interrupt"))
        source.setEventHandler {
            ChildProcessRegistry.shared.terminateAll()
            FileHandle.standardError.write(Data("\nInterrupted.\n".utf8))
            exit(130)
        }
        source.resume()
        Self.source = source
    }
}
