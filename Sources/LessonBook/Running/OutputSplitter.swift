import Foundation
import LessonRuntime

/// Separates a lesson program's standard output into printed text and framed events.
///
/// Events are lines that start with ``LessonEvent/sentinel``; the runtime flushes printed
/// text before writing one, so the order of text and events is the order they happened in.
/// A record separator not followed by the sentinel's name is ordinary text.
struct OutputSplitter {
    /// One piece of the stream.
    enum Piece {
        case text([UInt8])
        case event(LessonEvent)
        /// A sentinel line that did not decode; kept so a runtime bug is visible, not lost.
        case malformedEvent(String)
    }

    private static let sentinel = Array(LessonEvent.sentinel.utf8)
    private static let decoder = JSONDecoder()
    private var pending: [UInt8] = []

    /// Adds bytes and returns the pieces they complete.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [Piece] {
        pending.append(contentsOf: bytes)
        var pieces: [Piece] = []
        var start = 0
        while start < pending.count {
            // memchr: this runs over every byte a program prints, in a debug build too.
            let separator: Int? = pending.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress,
                    let found = memchr(base + start, Int32(Self.sentinel[0]), buffer.count - start)
                else { return nil }
                return base.distance(to: UnsafeRawPointer(found))
            }
            guard let separator else {
                pieces.append(.text(Array(pending[start...])))
                start = pending.count
                break
            }
            if separator > start { pieces.append(.text(Array(pending[start..<separator]))) }
            let available = pending.count - separator
            let prefixLength = min(available, Self.sentinel.count)
            guard pending[separator..<separator + prefixLength].elementsEqual(Self.sentinel[..<prefixLength]) else {
                pieces.append(.text([pending[separator]]))
                start = separator + 1
                continue
            }
            guard prefixLength == Self.sentinel.count,
                let newline = pending[(separator + prefixLength)...].firstIndex(of: UInt8(ascii: "\n"))
            else {
                start = separator
                break
            }
            let json = pending[(separator + prefixLength)..<newline]
            if let event = try? Self.decoder.decode(LessonEvent.self, from: Data(json)) {
                pieces.append(.event(event))
            } else {
                pieces.append(.malformedEvent(String(decoding: json, as: UTF8.self)))
            }
            start = newline + 1
        }
        pending.removeFirst(start)
        return pieces
    }

    /// Whatever is left when the stream ends: an unfinished line is text.
    mutating func finish() -> [Piece] {
        defer { pending = [] }
        return pending.isEmpty ? [] : [.text(pending)]
    }
}
