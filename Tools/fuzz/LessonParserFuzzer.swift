// libFuzzer entry point over the lesson parser: front matter, fences, cell options, and the
// math protection and Markdown rendering of the prose. Built by build.sh together with the
// parser's sources, as one module.

/// Every input gives a lesson, or an error whose diagnostics all name a line; a lesson's
/// program and prose render without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func lessonParserFuzzTest(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    do throws(LessonBookError) {
        let lesson = try LessonParser.parse(text, path: "Lessons/01-fuzz.md")
        _ = ProgramBuilder.mainProgram(for: lesson)
        for case .prose(let prose) in lesson.blocks {
            _ = CommonMarkConverter.renderHTML(prose.markdown)
        }
    } catch {
        for diagnostic in error.diagnostics where diagnostic.location == nil {
            fatalError("a parse error without a location: \(diagnostic)")
        }
        if error.diagnostics.isEmpty { fatalError("a parse error without diagnostics: \(error)") }
    }
    return 0
}
