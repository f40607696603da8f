import Testing
@testable import WaarborgSyntax

@Suite struct MarkdownDraftTests {
    static let draft = """
        # Samenwerkingsovereenkomst

        ## Artikel 1 Partijen

        ```waarborg
        plan "Test"
          date = 2026-03-01
        ```

        Artikel 5. Benchmarking
        =======================

        De partijen laten een benchmark uitvoeren.

        ```waarborg
        activity benchmark
          kind = benchmarking
        ```

        ```text
        # Not a heading: this is code
        ```

        ```waarborg clause="art. 6 lid 2 Inkoop"
        activity inkoop
          kind = joint_purchasing
        ```

        ## Bijlage

        <!-- waarborg:annex:begin -->
        # Annex heading, not a clause
        <!-- waarborg:annex:end -->

        ~~~~ waarborg
        activity late
          kind = information_exchange
        ~~~~

        """

    func read(_ text: String) -> MarkdownDraft {
        MarkdownDraft(SourceFile(path: "draft.md", text: text))
    }

    @Test func blocksKeepTheDraftsLinesAndNothingElse() {
        let draft = read(Self.draft)
        #expect(draft.diagnostics.isEmpty)
        #expect(draft.blocks.map(\.lines) == [6...7, 16...17, 25...26, 36...37])
        let masked = draft.maskedPlanFile()
        #expect(masked.lineStarts.count == draft.file.lineStarts.count)
        for line in 1...draft.file.lineStarts.count {
            let expected = draft.blocks.contains { $0.lines.contains(line) } ? draft.file.lineText(line) : ""
            #expect(masked.lineText(line) == expected, "line \(line)")
        }
    }

    @Test func eachBlockCitesItsClause() {
        let draft = read(Self.draft)
        #expect(draft.blocks.map(\.clause) == ["art. 1 Partijen", "art. 5 Benchmarking", "art. 6 lid 2 Inkoop", "Bijlage"])
        #expect(draft.block(containing: 17)?.clause == "art. 5 Benchmarking")
        #expect(draft.block(containing: 15) == nil)
    }

    @Test func theAnnexSectionLiesBetweenTheMarkers() throws {
        let draft = read(Self.draft)
        let annex = try #require(draft.annex)
        #expect(annex.begin.location.line == 31)
        #expect(annex.end.location.line == 33)
        #expect(annex.outlineLevel == 2)
        #expect(read("Titel\n=====\n\n```waarborg\nplan \"X\"\n```\n<!-- waarborg:annex:begin -->\n<!-- waarborg:annex:end -->\n").annex?.outlineLevel == 1)
        #expect(read("```waarborg\nplan \"X\"\n```\n<!-- waarborg:annex:begin -->\n<!-- waarborg:annex:end -->\n").annex?.outlineLevel == 0)
        #expect(String(decoding: draft.file.bytes[annex.content], as: UTF8.self) == "# Annex heading, not a clause\n")
    }

    @Test func thePlanParsesWithTheDraftsLocations() {
        let (syntax, diagnostics) = MarkdownPlanReader.parse(SourceFile(path: "draft.md", text: Self.draft))
        #expect(diagnostics.isEmpty)
        #expect(syntax.header?.id.text == "Test")
        #expect(syntax.activities.map(\.id.text) == ["benchmark", "inkoop", "late"])
        #expect(syntax.activities.map { $0.id.range.location.line } == [16, 25, 36])
        #expect(syntax.activities.map(\.clause) == ["art. 5 Benchmarking", "art. 6 lid 2 Inkoop", "Bijlage"])
    }

    @Test(arguments: [
        ("Artikel 5 Benchmarking", "art. 5 Benchmarking"),
        ("Artikel 5. Benchmarking", "art. 5 Benchmarking"),
        ("**Artikel 12** — Gezamenlijke inkoop", "art. 12 Gezamenlijke inkoop"),
        ("Article 3: Joint purchasing", "art. 3 Joint purchasing"),
        ("Art. 4a", "art. 4a"),
        ("Overwegingen", "Overwegingen"),
        ("Artikelen en definities", "Artikelen en definities"),
        ("`Bijlage`  1", "Bijlage 1"),
    ])
    func clauseNamesAreShortened(_ heading: String, _ expected: String) {
        #expect(MarkdownDraft.clauseName(heading) == expected)
    }

    @Test func atxHeadingsFollowCommonMark() {
        #expect(MarkdownDraft.atxHeading("## Artikel 5 ##") == "Artikel 5")
        #expect(MarkdownDraft.atxHeading("   # Titel") == "Titel")
        #expect(MarkdownDraft.atxHeading("    # code") == nil)
        #expect(MarkdownDraft.atxHeading("#hashtag") == nil)
        #expect(MarkdownDraft.atxHeading("####### seven") == nil)
        #expect(MarkdownDraft.atxHeading("## C# #") == "C#")
    }

    @Test func linesEndingInCRLFMapOneToOne() {
        let text = Self.draft.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        let (syntax, diagnostics) = MarkdownPlanReader.parse(SourceFile(path: "draft.md", text: text))
        #expect(diagnostics.isEmpty)
        #expect(syntax.activities.map { $0.id.range.location.line } == [16, 25, 36])
    }

    // MARK: Errors

    func codes(_ text: String) -> [String] {
        read(text).diagnostics.map(\.code)
    }

    @Test func anUnclosedBlockIsAnErrorAtItsFence() {
        let draft = read("# T\n\n```waarborg\nplan \"X\"\n")
        #expect(draft.diagnostics.map(\.code) == ["WB220"])
        #expect(draft.diagnostics.first?.location?.line == 3)
        #expect(draft.diagnostics.first?.suggestion == "```")
    }

    @Test func anUnclosedOtherBlockHidesTheRestAndSaysSo() {
        let draft = read("```waarborg\nplan \"X\"\n```\n\n~~~python\nprint()\n")
        #expect(draft.diagnostics.map(\.code) == ["WB220"])
        #expect(draft.diagnostics.first?.location?.line == 5)
    }

    @Test func anIndentedFenceIsAnError() {
        let draft = read("  ```waarborg\nplan \"X\"\n  ```\n")
        #expect(draft.diagnostics.map(\.code).contains("WB221"))
    }

    @Test func unknownAttributesAreNamedWithASuggestion() {
        let draft = read("```waarborg clouse=\"art. 5\"\nplan \"X\"\n```\n")
        #expect(draft.diagnostics.map(\.code) == ["WB222"])
        #expect(draft.diagnostics.first?.message.contains("did you mean `clause`?") == true)
        #expect(codes("```waarborg clause=\"\"\nplan \"X\"\n```\n") == ["WB222"])
        #expect(codes("```waarborg clause=\"art. 5\nplan \"X\"\n```\n") == ["WB222"])
        #expect(read("```waarborg clause=Benchmarking\nplan \"X\"\n```\n").blocks.first?.clause == "Benchmarking")
    }

    @Test func aDraftWithoutBlocksIsAnError() {
        #expect(codes("# Overeenkomst\n\nTekst.\n\n```\ncode\n```\n") == ["WB223"])
    }

    @Test func annexMarkersMustPairUp() {
        let block = "```waarborg\nplan \"X\"\n```\n"
        #expect(codes(block + "<!-- waarborg:annex:end -->\n") == ["WB224"])
        #expect(codes(block + "<!-- waarborg:annex:begin -->\n") == ["WB224"])
        #expect(codes(block + "<!-- waarborg:annex:begin -->\n<!-- waarborg:annex:begin -->\n<!-- waarborg:annex:end -->\n") == ["WB224"])
        #expect(codes(block + "<!-- waarborg:annex:begin -->\n<!-- waarborg:annex:end -->\n<!-- waarborg:annex:begin -->\n") == ["WB224"])
        #expect(codes("<!-- waarborg:annex:begin -->\n" + block + "<!-- waarborg:annex:end -->\n").contains("WB224"))
        // Markers inside a code block are text, not markers.
        let quoted = block + "```\n<!-- waarborg:annex:begin -->\n```\n"
        #expect(codes(quoted).isEmpty)
        #expect(read(quoted).annex == nil)
    }

    @Test func invalidUTF8IsReportedOnce() {
        let bytes = Array("# T\n\n```waarborg\nplan \"X\"\n```\n".utf8) + [0xFF, 0x0A]
        let draft = MarkdownDraft(SourceFile(path: "draft.md", bytes: bytes))
        #expect(draft.diagnostics.map(\.code) == ["WB001"])
        #expect(draft.diagnostics.first?.location?.line == 6)
    }
}
