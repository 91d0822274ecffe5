import Foundation

/// Notices saved files by polling their modification times and sizes: a few hundred `stat`
/// calls every tenth of a second, which works on every filesystem and editor (including those
/// that save by renaming a new file over the old one).
struct SourceWatcher {
    /// Where a file came from, which decides what a change to it means.
    enum Kind: Hashable, Sendable {
        /// A lesson: rebuild, running only the lessons whose cells changed.
        case lesson
        /// The library or runtime the cells link: rebuild it and re-run every lesson.
        case library
        /// The renderer, compiled into the running `lesson`: it takes a restart.
        case renderer
    }

    private struct Stamp: Hashable {
        var modified: Date?
        var size: Int?
    }

    /// The files to watch, listed afresh on each poll so that new files are noticed.
    let files: @Sendable () -> [(path: String, kind: Kind)]
    private var stamps: [String: Stamp] = [:]

    /// Watches what `files` lists; the first ``changes()`` reports nothing.
    init(files: @escaping @Sendable () -> [(path: String, kind: Kind)]) {
        self.files = files
        _ = changes()
    }

    /// The kinds of the files added, removed or saved since the last call.
    mutating func changes() -> Set<Kind> {
        var current: [String: Stamp] = [:]
        var kinds: [String: Kind] = [:]
        for (path, kind) in files() {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            current[path] = Stamp(modified: attributes?[.modificationDate] as? Date, size: (attributes?[.size] as? NSNumber)?.intValue)
            kinds[path] = kind
        }
        var changed: Set<Kind> = []
        for (path, stamp) in current where stamps[path] != stamp {
            if let kind = kinds[path] { changed.insert(kind) }
        }
        if stamps.keys.contains(where: { current[$0] == nil }) { changed.insert(.lesson) }
        stamps = current
        return changed
    }
}
