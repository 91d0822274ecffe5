import FlyingFox
import Synchronization

/// The open pages' WebSockets: each connection gets a stream of messages, and ``reload()`` sends
/// every one of them the reload message.
final class ReloadBroadcaster: WSMessageHandler, Sendable {
    private let clients = Mutex<(next: Int, continuations: [Int: AsyncStream<WSMessage>.Continuation])>((0, [:]))

    /// Tells every open page to reload.
    func reload() {
        clients.withLock { state in
            for continuation in state.continuations.values { continuation.yield(.text(LiveReload.reloadMessage)) }
        }
    }

    /// How many pages are connected.
    var connectedPages: Int { clients.withLock { $0.continuations.count } }

    /// A new page's outgoing messages; the page sends nothing that matters, and its stream is
    /// forgotten when it disconnects.
    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        let id = clients.withLock { state in
            let id = state.next
            state.next += 1
            state.continuations[id] = continuation
            return id
        }
        Task { [weak self] in
            for await _ in client {}
            self?.clients.withLock { _ = $0.continuations.removeValue(forKey: id) }
            continuation.finish()
        }
        return stream
    }
}
