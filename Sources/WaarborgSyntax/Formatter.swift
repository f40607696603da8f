/// `waarborg fmt`: the canonical layout of rule files (`.wbr`), plans (`.wbp`) and the
/// `waarborg` blocks of Markdown agreement drafts.
///
/// The formatter changes layout only, never a token: every logical line is indented two
/// spaces per level of the block tree the parsers build (so the tree stays the same), a
/// continued line keeps its indentation relative to the line it continues, runs of spaces
/// between tokens become one (none before `,` `)` `}` or after `(` `{`, one after `,`),
/// trailing whitespace goes, blank lines collapse to one, and the file ends with one line
/// break. Comments stay where they are, with their text unchanged. Formatting a formatted
/// file changes nothing. A file the lexer rejects is not formatted: its diagnostics are
/// returned instead.
public enum Formatter {
    /// The formatted text of a `.wbr` or `.wbp` file, or the lexer's errors.
    public static func format(_ file: SourceFile) -> (text: String?, diagnostics: [Diagnostic]) {
        let (tokens, diagnostics) = Lexer.tokenize(file)
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (layout(file, tokens: tokens), diagnostics)
    }

    /// The formatted text of a Markdown draft: each `waarborg` block formatted as a plan,
    /// every other line unchanged.
    public static func formatDraft(_ file: SourceFile) -> (text: String?, diagnostics: [Diagnostic]) {
        let draft = MarkdownDraft(file)
        guard !draft.diagnostics.hasErrors else { return (nil, draft.diagnostics) }
        var lines = physicalLines(file)
        var diagnostics: [Diagnostic] = []
        // From the last block up, so earlier line numbers stay valid.
        for block in draft.blocks.reversed() {
            let content = lines[(block.lines.lowerBound - 1)...(block.lines.upperBound - 1)].joined(separator: "\n") + "\n"
            let (formatted, found) = format(SourceFile(path: file.path, text: content))
            diagnostics += found
            guard let formatted else { continue }
            var replacement = formatted.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if replacement.last == "" { replacement.removeLast() }
            lines.replaceSubrange((block.lines.lowerBound - 1)...(block.lines.upperBound - 1), with: replacement)
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (lines.joined(separator: "\n"), diagnostics)
    }

    /// The file's lines without their line breaks (`\r\n` counts as one); the last element
    /// is empty when the file ends with a line break.
    static func physicalLines(_ file: SourceFile) -> [String] {
        lines(String(decoding: file.bytes, as: UTF8.self))
    }

    /// Split at the line breaks the lexer knows (`\n`, `\r\n`, `\r`).
    static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
    }

    // MARK: Layout

    /// For every token (by its start offset) the depth of its logical line in the block
    /// tree, and whether it starts that logical line.
    static func depths(_ tokens: [Token]) -> [Int: (depth: Int, head: Bool, headIndent: Int)] {
        var result: [Int: (depth: Int, head: Bool, headIndent: Int)] = [:]
        func walk(_ block: Block, depth: Int) {
            for (position, token) in block.tokens.enumerated() {
                result[token.range.start] = (depth, position == 0, block.indent)
            }
            for child in block.children { walk(child, depth: depth + 1) }
        }
        for block in BlockBuilder.build(tokens) { walk(block, depth: 0) }
        return result
    }

    static func layout(_ file: SourceFile, tokens: [Token]) -> String {
        let bytes = file.bytes
        let depth = depths(tokens)
        var out: [String] = []
        var line = ""
        var blankLines = 0
        var previous: Token?

        func flush() {
            out.append(trimmingTrailing(line))
            line = ""
        }
        /// Comments and blank lines between two tokens (or before the first, after the last).
        func gap(from start: Int, to end: Int, endsFile: Bool) {
            var segments = lines(String(decoding: bytes[start..<end], as: UTF8.self))
            // The rest of the previous token's line: a trailing comment, if any.
            if previous != nil {
                let rest = segments.removeFirst().trimmingLeadingSpace
                if rest.hasPrefix("#") { line += " " + rest }
                if segments.isEmpty { return }
                flush()
            }
            // Whole lines in between: comments keep their own indentation; blank lines collapse.
            let inner = endsFile ? segments : Array(segments.dropLast())
            for segment in inner {
                let trimmed = segment.trimmingLeadingSpace
                if trimmed.isEmpty {
                    blankLines += 1
                    continue
                }
                if blankLines > 0, !out.isEmpty { out.append("") }
                blankLines = 0
                out.append(trimmingTrailing(expandTabs(leadingSpace(of: segment)) + trimmed))
            }
        }

        for token in tokens {
            let info = depth[token.range.start] ?? (0, token.startsLine, token.indent)
            if token.startsLine {
                gap(from: previous?.range.end ?? 0, to: token.range.start, endsFile: false)
                if blankLines > 0, !out.isEmpty { out.append("") }
                blankLines = 0
                let indent: Int
                if info.head {
                    indent = 2 * info.depth
                } else {
                    // A continued line: as far in from its logical line as it was.
                    let offset = token.indent - info.headIndent
                    indent = 2 * info.depth + (offset > 0 ? offset : 4)
                }
                line = String(repeating: " ", count: indent)
            } else if let previous {
                // Tokens on one line have only spaces between them (a comment ends the line).
                let touching = previous.range.end == token.range.start
                if previous.isSymbol(",") || previous.isSymbol(":") {
                    // One space after a comma, and after the colon of `unless NAME:`.
                    line += " "
                } else if token.isSymbol(",") || token.isSymbol(":") || token.isSymbol(")") || token.isSymbol("}") || previous.isSymbol("(") || previous.isSymbol("{") {
                    // No space inside brackets or before a comma.
                } else if !touching {
                    line += " "
                }
            }
            line += text(of: token, in: bytes)
            previous = token
        }
        gap(from: previous?.range.end ?? 0, to: bytes.count, endsFile: true)
        if previous != nil { flush() }
        while out.last == "" { out.removeLast() }
        return out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
    }

    /// The token as written; a string that spans lines keeps its lines (which read as one
    /// space each), without their trailing whitespace.
    static func text(of token: Token, in bytes: [UInt8]) -> String {
        let written = String(decoding: bytes[token.range.start..<token.range.end], as: UTF8.self)
        guard case .string = token.kind, written.contains(where: \.isNewline) else { return written }
        return lines(written).map(trimmingTrailing).joined(separator: "\n")
    }

    static func trimmingTrailing(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return String(result)
    }

    static func leadingSpace(of text: String) -> String {
        String(text.prefix { $0 == " " || $0 == "\t" })
    }

    /// Tabs in indentation to spaces, to the next multiple of 4 as the lexer counts them.
    static func expandTabs(_ indentation: String) -> String {
        var width = 0
        for character in indentation { width = character == "\t" ? (width / 4 + 1) * 4 : width + 1 }
        return String(repeating: " ", count: width)
    }
}

extension String {
    fileprivate var trimmingLeadingSpace: String { String(drop { $0 == " " || $0 == "\t" }) }
}
