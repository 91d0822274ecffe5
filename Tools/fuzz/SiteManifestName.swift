// The parser harness builds the parser's sources without the site; LessonBookError's message
// for a folder that is not a site names the manifest file, which is all it needs of it.
enum SiteManifest {
    static let fileName = "manifest.json"
}
