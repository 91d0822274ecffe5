import Foundation

/// Copies KaTeX from Debian's `libjs-katex` and `fonts-katex` into `assets/katex/`, so pages
/// typeset math without any request leaving the site.
package struct KaTeXAssets: Sendable {
    /// Where `libjs-katex` puts `katex.min.js` and `katex.min.css`.
    var scriptDirectory: URL
    /// Where `fonts-katex` puts the fonts.
    var fontDirectory: URL

    /// Uses Debian's paths unless told otherwise.
    package init(
        scriptDirectory: URL = URL(fileURLWithPath: "/usr/share/javascript/katex"),
        fontDirectory: URL = URL(fileURLWithPath: "/usr/share/fonts/truetype/katex")
    ) {
        self.scriptDirectory = scriptDirectory
        self.fontDirectory = fontDirectory
    }

    /// The script, the stylesheet rewritten to point only at fonts that are copied, and those
    /// fonts; throws ``LessonBookError/katexMissing(path:)`` naming the Debian packages when absent.
    func files() throws -> [SiteFile] {
        let script = try read(scriptDirectory.appendingPathComponent("katex.min.js"))
        let stylesheet = try read(scriptDirectory.appendingPathComponent("katex.min.css"))
        let (css, fonts) = rewriteFontSources(String(decoding: stylesheet, as: UTF8.self))
        guard !fonts.isEmpty else {
            throw LessonBookError.katexMissing(path: fontDirectory.path)
        }
        var files = [
            SiteFile(path: "assets/katex/katex.min.js", contents: script),
            SiteFile(path: "assets/katex/katex.min.css", text: css),
        ]
        for font in fonts.sorted() {
            files.append(SiteFile(path: "assets/katex/fonts/\(font)", contents: try read(fontDirectory.appendingPathComponent(font))))
        }
        return files
    }

    /// `css` with every `src:` list cut to its first font file that exists (woff2 before woff
    /// before ttf, in KaTeX's own order), and the names of the files kept.
    func rewriteFontSources(_ css: String) -> (css: String, fonts: Set<String>) {
        var output = ""
        var fonts: Set<String> = []
        var rest = Substring(css)
        while let start = rest.firstRange(of: "src:") {
            output += rest[..<start.upperBound]
            let afterStart = rest[start.upperBound...]
            let end = afterStart.firstIndex { $0 == ";" || $0 == "}" } ?? afterStart.endIndex
            let entries = afterStart[..<end].split(separator: ",")
            let kept = entries.first { entry in
                guard let name = Self.fontFileName(in: entry) else { return false }
                return FileManager.default.fileExists(atPath: fontDirectory.appendingPathComponent(name).path)
            }
            if let kept, let name = Self.fontFileName(in: kept) {
                fonts.insert(name)
                output += kept
            } else {
                output += afterStart[..<end]
            }
            rest = afterStart[end...]
        }
        output += rest
        return (output, fonts)
    }

    /// `KaTeX_Main-Regular.woff2` from `url(fonts/KaTeX_Main-Regular.woff2) format('woff2')`.
    static func fontFileName(in entry: Substring) -> String? {
        guard let open = entry.firstRange(of: "url("), let close = entry[open.upperBound...].firstIndex(of: ")") else {
            return nil
        }
        let url = entry[open.upperBound..<close].trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
        guard url.hasPrefix("fonts/") else { return nil }
        let name = String(url.dropFirst("fonts/".count))
        return name.isEmpty || name.contains("/") ? nil : name
    }

    private func read(_ url: URL) throws -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw LessonBookError.katexMissing(path: url.path)
        }
        return data
    }
}
