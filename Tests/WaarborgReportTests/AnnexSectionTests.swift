import Testing
import WaarborgReport
import WaarborgSyntax

@Suite struct LineDiffTests {
    @Test func equalTextsHaveNoDifference() {
        let diff = LineDiff(old: "a\nb\n", new: "a\nb\n")
        #expect(diff.isEmpty)
        #expect(diff.unified(oldName: "x", newName: "y") == "")
    }

    @Test func aChangedLineIsShownWithContextAndLineNumbers() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 6\n", with: "line six\n")
        let diff = LineDiff(old: old, new: new)
        #expect(diff.unified(oldName: "old", newName: "new", firstLine: 101) == """
            --- old
            +++ new
            @@ -103,7 +103,7 @@
             line 3
             line 4
             line 5
            -line 6
            +line six
             line 7
             line 8
             line 9

            """)
    }

    @Test func distantChangesMakeSeparateHunksAndInsertionsCountRight() {
        let old = (1...20).map(String.init).joined(separator: "\n") + "\n"
        var lines = (1...20).map(String.init)
        lines.remove(at: 1)
        lines.insert("new", at: 17)
        let diff = LineDiff(old: old, new: lines.joined(separator: "\n") + "\n")
        let text = diff.unified(oldName: "a", newName: "b")
        #expect(text.contains("@@ -1,5 +1,4 @@\n 1\n-2\n 3\n 4\n 5\n"))
        #expect(text.contains("@@ -16,5 +15,6 @@\n 16\n 17\n 18\n+new\n 19\n 20\n"))
    }

    @Test func anEmptySideNamesTheLineBefore() {
        let diff = LineDiff(old: "", new: "a\nb\n")
        #expect(diff.unified(oldName: "a", newName: "b", firstLine: 8) == "--- a\n+++ b\n@@ -7,0 +8,2 @@\n+a\n+b\n")
    }

    @Test func hugeUnrelatedTextsAreOneReplacementNotQuadraticWork() {
        let old = (0..<3_000).map { "old \($0)" }.joined(separator: "\n")
        let new = (0..<3_000).map { "new \($0)" }.joined(separator: "\n")
        let diff = LineDiff(old: old, new: new)
        #expect(diff.lines.count == 6_000)
        #expect(diff.lines.prefix(3_000).allSatisfy { if case .removed = $0 { true } else { false } })
    }
}

@Suite struct AnnexSectionTests {
    static let draft = "Intro\n\n```waarborg\nplan \"X\"\n```\n<!-- waarborg:annex:begin -->\nold annex\n<!-- waarborg:annex:end -->\nSlot\n"

    func section(_ bytes: [UInt8]) throws -> AnnexSection {
        try #require(AnnexSection(MarkdownDraft(SourceFile(path: "d.md", bytes: bytes))))
    }

    @Test func updatingReplacesOnlyTheSection() throws {
        let section = try section(Array(Self.draft.utf8))
        #expect(section.firstLine == 7)
        #expect(section.written == "old annex\n")
        let updated = String(decoding: section.updatedFile(with: "# New\n\ntext\n"), as: UTF8.self)
        #expect(updated == Self.draft.replacingOccurrences(of: "old annex\n", with: "# New\n\ntext\n"))
        #expect(section.difference(to: "old annex\n").isEmpty)
        #expect(!section.difference(to: "new annex\n").isEmpty)
    }

    @Test func anEmptySectionIsFilled() throws {
        let draft = "```waarborg\nplan \"X\"\n```\n<!-- waarborg:annex:begin -->\n<!-- waarborg:annex:end -->\n"
        let section = try section(Array(draft.utf8))
        #expect(section.written == "")
        #expect(String(decoding: section.updatedFile(with: "A\n"), as: UTF8.self).contains("begin -->\nA\n<!-- waarborg:annex:end"))
    }

    @Test func aCRLFDraftWithAByteOrderMarkKeepsBoth() throws {
        let crlf = Self.draft.replacingOccurrences(of: "\n", with: "\r\n")
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(crlf.utf8)
        let section = try section(bytes)
        #expect(section.usesCRLF)
        // Line ends do not count as a difference.
        #expect(section.difference(to: "old annex\n").isEmpty)
        let updated = section.updatedFile(with: "one\ntwo\n")
        let expected: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(crlf.replacingOccurrences(of: "old annex\r\n", with: "one\r\ntwo\r\n").utf8)
        #expect(updated == expected)
    }
}
