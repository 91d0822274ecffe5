internal import CCmarkGFM
import Foundation

/// The one door to cmark-gfm: parses Markdown with the GitHub extensions and returns Swift values.
///
/// Every other file works with the values this type returns, so the C API stays in one place.
package enum CommonMarkConverter {
    /// The GFM extensions attached to every parser: tables, strikethrough, autolinks, task lists.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// Renders Markdown prose to an HTML fragment, keeping `$…$` and `$$…$$` math intact.
    ///
    /// Raw HTML in the Markdown is not passed through (cmark's safe mode). Math is wrapped as
    /// `<span class="math inline">\(…\)</span>` and `<div class="math display">\[…\]</div>`,
    /// HTML-escaped, for KaTeX to typeset.
    package static func renderHTML(_ markdown: String) -> String {
        let protected = MathProtector(markdown)
        let html = withDocument(protected.markdown) { document, parser in
            let extensions = cmark_parser_get_syntax_extensions(parser)
            guard let rendered = cmark_render_html(document, CMARK_OPT_DEFAULT, extensions) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
        return protected.restore(in: html)
    }

    /// The fenced code blocks of a Markdown text, with their info strings and lines.
    ///
    /// Line numbers are those of `markdown` itself; callers that blank out front matter keep
    /// the file's numbering.
    static func fencedCodeBlocks(in markdown: String) -> [FencedCodeBlock] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        return withDocument(markdown) { document, _ in
            var blocks: [FencedCodeBlock] = []
            walk(document) { node in
                guard cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK else { return }
                var length: Int32 = 0
                var offset: Int32 = 0
                var character: CChar = 0
                guard cmark_node_get_fenced(node, &length, &offset, &character) != 0 else { return }
                let startLine = Int(cmark_node_get_start_line(node))
                let endLine = Int(cmark_node_get_end_line(node))
                let fence = Character(Unicode.Scalar(UInt8(bitPattern: character)))
                let closed = endLine > startLine && endLine <= lines.count
                    && isClosingFence(lines[endLine - 1], character: fence, minimumLength: Int(length))
                var container: FencedCodeBlock.Container?
                var ancestor = cmark_node_parent(node)
                while let current = ancestor, cmark_node_get_type(current) != CMARK_NODE_DOCUMENT {
                    let type = cmark_node_get_type(current)
                    if type == CMARK_NODE_ITEM || type == CMARK_NODE_LIST {
                        container = .list
                        break
                    }
                    if type == CMARK_NODE_BLOCK_QUOTE {
                        container = .blockQuote
                        break
                    }
                    container = .other
                    ancestor = cmark_node_parent(current)
                }
                blocks.append(
                    FencedCodeBlock(
                        info: string(cmark_node_get_fence_info(node)).trimmingCharacters(in: .whitespaces),
                        code: string(cmark_node_get_literal(node)),
                        startLine: startLine,
                        endLine: endLine,
                        fenceColumn: Int(cmark_node_get_start_column(node)),
                        indentation: Int(offset),
                        isClosed: closed,
                        container: container))
            }
            return blocks
        }
    }

    /// Parses `markdown` with the extensions attached and hands the tree to `body`.
    private static func withDocument<T>(
        _ markdown: String, _ body: (OpaquePointer, OpaquePointer) -> T
    ) -> T {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        let document = cmark_parser_finish(parser)!
        defer { cmark_node_free(document) }
        return body(document, parser)
    }

    /// Calls `visit` on every node of the tree on entering it, in document order.
    private static func walk(_ root: OpaquePointer, _ visit: (OpaquePointer) -> Void) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                visit(node)
            }
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// Whether `line` is a closing fence for an opening fence of `character` × `minimumLength`;
    /// block quote markers before it are skipped, as a fence in a quote has them.
    private static func isClosingFence(_ line: Substring, character: Character, minimumLength: Int) -> Bool {
        let trimmed = line.drop { $0 == ">" || $0 == " " || $0 == "\t" }.trimmingCharacters(in: .whitespaces)
        return trimmed.count >= minimumLength && trimmed.allSatisfy { $0 == character }
    }
}
