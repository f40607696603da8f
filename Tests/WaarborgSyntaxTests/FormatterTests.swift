import Foundation
import Testing
@testable import WaarborgSyntax

/// `waarborg fmt`: layout only. On every rule file, plan and draft of the project the
/// formatted text has the same tokens, the same comments and the same block tree, and
/// formatting it again changes nothing.
@Suite struct FormatterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let projectFiles: [String] = {
        var found: [String] = []
        for folder in ["rules", "examples", "Tests/Fixtures/golden/rules", "Tests/Fixtures/golden/plans", "Tests/Fixtures/mini"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            found += names.filter { $0.hasSuffix(".wbr") || $0.hasSuffix(".wbp") || $0.hasSuffix(".md") }.sorted().map { "\(folder)/\($0)" }
        }
        return found.filter { !$0.hasSuffix("README.md") }
    }()

    func format(_ path: String, _ text: String) -> String? {
        let file = SourceFile(path: path, text: text)
        return (MarkdownDraft.isDraft(path) ? Formatter.formatDraft(file) : Formatter.format(file)).text
    }

    /// What the parsers see: every token (kind and text) and the nesting of logical lines.
    func shape(_ path: String, _ text: String) -> [String] {
        var file = SourceFile(path: path, text: text)
        if MarkdownDraft.isDraft(path) { file = MarkdownDraft(file).maskedPlanFile() }
        var lines: [String] = []
        func walk(_ block: Block, depth: Int) {
            lines.append("\(depth): " + block.tokens.map { "\($0.kind)|\($0.text)" }.joined(separator: " "))
            for child in block.children { walk(child, depth: depth + 1) }
        }
        for block in BlockBuilder.build(Lexer.tokenize(file).tokens) { walk(block, depth: 0) }
        return lines
    }

    /// The comments of a file (text from `#` to the end of the line, outside strings).
    func comments(_ path: String, _ text: String) -> [String] {
        let file = SourceFile(path: path, text: text)
        let tokens = Lexer.tokenize(file).tokens
        var covered = [Bool](repeating: false, count: file.bytes.count)
        for token in tokens { for offset in token.range.start..<token.range.end { covered[offset] = true } }
        var found: [String] = []
        var index = 0
        while index < file.bytes.count {
            if !covered[index], file.bytes[index] == UInt8(ascii: "#") {
                var end = index
                while end < file.bytes.count, file.bytes[end] != 0x0A, file.bytes[end] != 0x0D { end += 1 }
                found.append(Formatter.trimmingTrailing(String(decoding: file.bytes[index..<end], as: UTF8.self)))
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    @Test(arguments: projectFiles)
    func formattingKeepsTokensCommentsAndTreeAndIsIdempotent(_ path: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
        let formatted = try #require(format(path, text))
        if !MarkdownDraft.isDraft(path) {
            #expect(shape(path, formatted) == shape(path, text))
            #expect(comments(path, formatted) == comments(path, text))
        } else {
            #expect(shape(path, formatted) == shape(path, text))
        }
        #expect(format(path, formatted) == formatted, "formatting twice changes \(path)")
    }

    /// Two spaces a level (a tab counts as four, as in the lexer), a continued line as far in
    /// as it was from its line, single spaces, no space inside brackets or before a comma,
    /// trailing whitespace and double blank lines gone, comments kept.
    @Test func aMessyRuleFileGetsTheCanonicalLayout() throws {
        let messy = "\n\n# Header comment   \r\nrule   X-1\r\n   title nl \"a\"  en \"b\"   # trailing\n\n\n   group area\n   applies to a,b\n   when x  and ( y or z )\n        and w\n   then prohibited\n      # a comment inside\n   example \"e\"\n\t x = { p ,q }\n     expect prohibited by X-1\n\n\n"
        let formatted = try #require(Formatter.format(SourceFile(path: "x.wbr", text: messy)).text)
        #expect(formatted == """
            # Header comment
            rule X-1
              title nl "a" en "b" # trailing

              group area
              applies to a, b
              when x and (y or z)
                   and w
              then prohibited
                  # a comment inside
              example "e"
                x = {p, q}
                expect prohibited by X-1

            """)
        #expect(shape("x.wbr", formatted) == shape("x.wbr", messy))
        #expect(Formatter.format(SourceFile(path: "x.wbr", text: formatted)).text == formatted)
    }

    @Test func nestedExceptionsKeepTheirNestingAndNames() throws {
        let messy = "rule X-1\n  then prohibited\n  unless   by_law :  x\n      then allowed\n      unless beyond_law:y\n            then prohibited\n"
        let formatted = try #require(Formatter.format(SourceFile(path: "x.wbr", text: messy)).text)
        #expect(formatted == """
            rule X-1
              then prohibited
              unless by_law: x
                then allowed
                unless beyond_law: y
                  then prohibited

            """)
        #expect(Formatter.format(SourceFile(path: "x.wbr", text: formatted)).text == formatted)
    }

    @Test func aStringOverSeveralLinesKeepsItsLines() throws {
        let text = "rule X-1\n  because\n    nl \"een lange   \n      tekst\"\n    en \"text\"\n"
        let formatted = try #require(Formatter.format(SourceFile(path: "x.wbr", text: text)).text)
        #expect(formatted == "rule X-1\n  because\n    nl \"een lange\n      tekst\"\n    en \"text\"\n")
        #expect(shape("x.wbr", formatted) == shape("x.wbr", text))
    }

    @Test func aDraftGetsItsBlocksFormattedAndNothingElse() throws {
        let draft = "# Overeenkomst  \n\nTekst   met  spaties.\n\n```waarborg\nplan   \"P\"\n    date = 2026-01-01\n```\n"
        let formatted = try #require(Formatter.formatDraft(SourceFile(path: "d.md", text: draft)).text)
        #expect(formatted == "# Overeenkomst  \n\nTekst   met  spaties.\n\n```waarborg\nplan \"P\"\n  date = 2026-01-01\n```\n")
    }

    @Test func aFileTheLexerRejectsIsNotFormatted() {
        let (text, diagnostics) = Formatter.format(SourceFile(path: "x.wbr", text: "rule X-1\n  title nl \"never closed\n"))
        #expect(text == nil)
        #expect(diagnostics.contains { $0.code == "WB008" })
    }
}
