import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What Linux's `/proc` says about processes: which ones a lesson program left behind, whether
/// a child has exited, and how much memory a group of processes holds.
///
/// The engine runs on Linux only (the library links Debian's oneDNN and OpenBLAS); reading
/// `/proc` is the one way to see processes that are not our children.
enum ProcessTable {
    /// One line of `/proc/PID/stat`, the fields the engine needs.
    struct Entry: Hashable, Sendable {
        var pid: pid_t
        var parent: pid_t
        var group: pid_t
        var session: pid_t
        /// `R`, `S`, `D`, `Z` (exited, not yet reaped), …
        var state: Character
    }

    /// The entry of `pid`, or nil if there is no such process.
    static func entry(_ pid: pid_t) -> Entry? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // The command name in parentheses may itself hold spaces and parentheses.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 4, let state = fields[0].first, let parent = pid_t(fields[1]),
            let group = pid_t(fields[2]), let session = pid_t(fields[3])
        else { return nil }
        return Entry(pid: pid, parent: parent, group: group, session: session, state: state)
    }

    /// Every process's entry.
    static func all() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { pid_t($0) }.compactMap(entry)
    }

    /// Whether `pid` has exited (a zombie waiting to be reaped, or gone).
    static func hasExited(_ pid: pid_t) -> Bool {
        guard let entry = entry(pid) else { return true }
        return entry.state == "Z" || entry.state == "X"
    }

    /// Resident memory of `pid` in bytes (`/proc/PID/statm`, second field), 0 if it is gone.
    static func residentBytes(_ pid: pid_t) -> Int {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/statm") else { return 0 }
        let fields = String(decoding: data, as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * pageSize
    }

    /// Resident memory of every process in process group `group`, in bytes.
    static func residentBytes(ofGroup group: pid_t) -> Int {
        all().filter { $0.group == group }.reduce(0) { $0 + residentBytes($1.pid) }
    }

    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Processes other than this one holding any of `pipes` open.
    static func holders(of pipes: Set<String>) -> [pid_t] {
        guard !pipes.isEmpty else { return [] }
        let me = getpid()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { pid_t($0) }.filter { pid in
            guard pid != me, let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else {
                return false
            }
            return descriptors.contains { link("/proc/\(pid)/fd/\($0)").map(pipes.contains) ?? false }
        }
    }

    private static func link(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
