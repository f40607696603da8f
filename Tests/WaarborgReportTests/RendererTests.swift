import Testing
import WaarborgModel
import WaarborgSyntax
@testable import WaarborgReport

@Suite struct JSONValueTests {
    @Test func escapesAndKeepsKeyOrder() {
        let value = JSONValue.object([
            ("z", .string("a \"quoted\" \\ line\nbreak\t\u{01}")), ("a", .array([.int(1), .number("12.5"), .bool(true), .null])),
            ("empty", .object([])), ("none", .array([])),
        ])
        #expect(value.compact() == #"{"z":"a \"quoted\" \\ line\nbreak\t\u0001","a":[1,12.5,true,null],"empty":{},"none":[]}"#)
        #expect(value.rendered() == """
            {
              "z": "a \\"quoted\\" \\\\ line\\nbreak\\t\\u0001",
              "a": [
                1,
                12.5,
                true,
                null
              ],
              "empty": {},
              "none": []
            }

            """)
    }
}

@Suite struct DiagnosticRendererTests {
    @Test func rendersLocationMessageCodeExcerptAndNotes() {
        let file = SourceFile(path: "plan.wbp", text: "activity x\n  data_kind = {costs}\n")
        let first = SourceRange(file: file, start: 0, end: 8)
        let diagnostic = Diagnostic.error(
            "WB408", "unknown fact `data_kind`", nl: "onbekend feit `data_kind`", at: SourceRange(file: file, start: 13, end: 22),
            notes: [DiagnosticNote("declared here", nl: "hier gedeclareerd", at: first)])
        #expect(DiagnosticRenderer(language: .en).render(diagnostic) == """
            plan.wbp:2:3: error: unknown fact `data_kind` [WB408]
             2 |   data_kind = {costs}
               |   ^~~~~~~~~
            plan.wbp:1:1: note: declared here

            """)
        #expect(
            DiagnosticRenderer(language: .en, showExcerpt: false).render(.warning("WB415", "nothing to check", nl: "niets te controleren", at: nil))
                == "warning: nothing to check [WB415]\n")
    }

    /// One run speaks one language: the message and notes are the run's, the severity word
    /// and the code stay as compilers print them (editors' problem matchers read them).
    @Test func speaksTheRunsLanguageAndKeepsTheCompilerForm() {
        let file = SourceFile(path: "plan.wbp", text: "activity x\n  data_kind = {costs}\n")
        let diagnostic = Diagnostic.error(
            "WB408", "unknown fact `data_kind`", nl: "onbekend feit `data_kind`", at: SourceRange(file: file, start: 13, end: 22),
            notes: [DiagnosticNote("declared here", nl: "hier gedeclareerd", at: SourceRange(file: file, start: 0, end: 8))])
        #expect(DiagnosticRenderer(language: .nl, showExcerpt: false).render(diagnostic) == """
            plan.wbp:2:3: error: onbekend feit `data_kind` [WB408]
            plan.wbp:1:1: note: hier gedeclareerd

            """)
        #expect(DiagnosticRenderer(language: .en, showExcerpt: false).render(diagnostic).hasPrefix("plan.wbp:2:3: error: unknown fact `data_kind` [WB408]\n"))
    }

    @Test func sortsByPlaceSoOutputNeverDependsOnCheckOrder() {
        let file = SourceFile(path: "a.wbr", text: "x\ny\n")
        let late = Diagnostic.error("WB1", "late", nl: "laat", at: SourceRange(file: file, start: 2, end: 3))
        let early = Diagnostic.error("WB2", "early", nl: "vroeg", at: SourceRange(file: file, start: 0, end: 1))
        let nowhere = Diagnostic.error("WB3", "nowhere", nl: "nergens", at: nil)
        #expect([nowhere, late, early].sortedForOutput().map(\.message) == ["early", "late", "nowhere"])
    }
}

@Suite struct PhraseTests {
    @Test func derivationsAreSaidInBothLanguages() {
        let note = DerivationNote(.competes, parties: ["a", "b"])
        #expect(Phrases(language: .nl).derivation(note) == "a concurreert met b")
        #expect(Phrases(language: .en).derivation(note) == "a competes with b")
        let count = DerivationNote(.count, parties: [], attribute: "is_undertaking")
        #expect(Phrases(language: .en).derivation(count) == "no parties with is_undertaking")
        // An empty list of parties is said as such, never "geen van  heeft …".
        for kind in [DerivationNote.Kind.noneHas, .anyHas, .allHave, .oneLacks] {
            let empty = DerivationNote(kind, parties: [], attribute: "is_undertaking")
            #expect(Phrases(language: .nl).derivation(empty) == "geen partijen om is_undertaking van te toetsen")
            #expect(Phrases(language: .en).derivation(empty) == "no parties to test is_undertaking of")
        }
    }

    @Test func typesAreNamedInTheReportsLanguage() {
        let vocabulary = Vocabulary()
        #expect(Phrases(language: .nl).typeName(.scalar(.boolean), vocabulary: vocabulary, language: .nl) == "ja/nee")
        #expect(Phrases(language: .nl).typeName(.scalar(.number), vocabulary: vocabulary, language: .nl) == "getal")
        #expect(Phrases(language: .en).typeName(.scalar(.number), vocabulary: vocabulary, language: .en) == "number")
    }

    @Test func verdictLabels() {
        #expect(Verdict.allCases.map { $0.label(.nl) } == ["toegestaan", "toegestaan mits waarborgen", "nadere beoordeling nodig", "verboden"])
        #expect(Verdict.allCases.map { $0.label(.en) } == ["allowed", "allowed with safeguards", "needs assessment", "prohibited"])
    }
}
