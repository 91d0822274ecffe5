import Foundation

/// Writes files so that readers see either the old contents or the new, never a half.
enum CacheFile {
    /// Writes `data` to a unique temporary file beside `path`, then renames it over `path`.
    ///
    /// An interrupted write leaves at most a `.tmp-*` file, which no reader looks at.
    static func write(_ data: Data, to path: String) throws(LessonBookError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(directory)/.tmp-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: temporary)
                throw LessonBookError.cacheWriteFailed(path: path, reason: reason)
            }
        } catch let error as LessonBookError {
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .cacheWriteFailed(path: path, reason: error.localizedDescription)
        }
    }

    /// Removes `.tmp-*` files and directories in `directory` older than `age` seconds: what an
    /// interrupted run left behind. Younger ones may belong to a run still going.
    static func removeAbandoned(in directory: String, olderThan age: TimeInterval = 3600) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix(".tmp-") {
            let path = "\(directory)/\(name)"
            let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            if let modified, Date().timeIntervalSince(modified) > age {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }
}
