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
}
