/// The script `lesson serve` adds to every HTML page it serves, and only there: the files in
/// the site folder never contain it, so a previewed site can be committed as it is.
///
/// The page opens a WebSocket to the preview server and reloads when told to; when the server
/// goes away it retries once a second, so a restarted `lesson serve` picks the page up again.
package enum LiveReload {
    /// The server path of the WebSocket.
    package static let socketPath = "/_lesson/live-reload"

    /// The message that tells pages to reload.
    static let reloadMessage = "reload"

    /// The script element, inline so that the site needs no extra file.
    static let script = """
        <script>
        (function () {
          function connect() {
            var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "\(socketPath)");
            socket.onmessage = function (event) { if (event.data === "\(reloadMessage)") { location.reload(); } };
            socket.onclose = function () { setTimeout(connect, 1000); };
          }
          connect();
        })();
        </script>
        """

    /// `html` with the script just before `</body>` (at the end if there is none).
    package static func inject(into html: String) -> String {
        guard let range = html.range(of: "</body>", options: .backwards) else { return html + script + "\n" }
        return html.replacingCharacters(in: range, with: script + "\n</body>")
    }
}
