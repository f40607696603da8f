import Foundation
import Testing
import WaarborgModel
import WaarborgSyntax
@testable import WaarborgReport

/// The pieces of the annex that need no rule set: numbering, placeholders, escaping, and
/// the phrases in rules/annex.wbr.
@Suite struct AnnexRenderingTests {
    static let annexFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("rules/annex.wbr")

    @Test func numbersAsWordNumbersThem() {
        #expect(AnnexNumbering.heading([2]) == "2.")
        #expect(AnnexNumbering.heading([2, 1]) == "2.1")
        #expect(AnnexNumbering.clause([2, 1, 3]) == "2.1.3")
        #expect((0..<3).map(AnnexNumbering.letter) == ["a", "b", "c"])
        #expect(AnnexNumbering.letter(25) == "z")
        #expect(AnnexNumbering.letter(26) == "aa")
        #expect(AnnexNumbering.letter(27) == "bb")
    }

    @Test func placeholdersAreFilledAndUnknownOnesStayVisible() {
        let pieces = AnnexPhrases.pieces(of: "bij {plan} {unknown} {", known: ["plan"])
        #expect(pieces == [.text("bij "), .placeholder("plan"), .text(" {unknown} {")])
        let phrases = AnnexPhrases(
            phrases: [
                "subtitle": Bilingual(nl: "bij de overeenkomst {plan}.", en: "to {plan}."),
                "list_and": Bilingual(nl: "en", en: "and"),
                "month_names": Bilingual(nl: "jan, feb, mrt, apr, mei, jun, jul, aug, sep, okt, nov, dec", en: "x"),
                "date_format": Bilingual(nl: "{day} {month} {year}", en: "{month} {day}, {year}"),
            ],
            language: .nl)
        #expect(phrases.text(.subtitle, ["plan": "Zorghub"]) == "bij de overeenkomst Zorghub.")
        #expect(phrases.text(.subtitle, ["plan": "Coöperatie U.A."]) == "bij de overeenkomst Coöperatie U.A.", "one full stop")
        #expect(phrases.list(["A"]) == "A")
        #expect(phrases.list(["A", "B", "C"]) == "A, B en C")
        #expect(phrases.date(DateValue(year: 2026, month: 3, day: 1)!) == "1 mrt 2026")
        let english = AnnexPhrases(phrases: phrases.phrases, language: .en)
        #expect(english.date(DateValue(year: 2026, month: 3, day: 1)!) == "3 1, 2026", "without twelve names the month is a number")
    }

    /// Every phrase the annex needs is in rules/annex.wbr, in both languages, with only the
    /// placeholders Waarborg fills in for it.
    @Test func theProjectsAnnexPhrasesAreCompleteAndUseKnownPlaceholders() throws {
        let text = try String(contentsOf: Self.annexFile, encoding: .utf8)
        let (syntax, diagnostics) = RuleFileParser.parse(SourceFile(path: "rules/annex.wbr", text: text))
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        var phrases: [String: (nl: String?, en: String?)] = [:]
        for declaration in syntax.declarations {
            guard case .annex(let annex) = declaration else { continue }
            for phrase in annex.phrases { phrases[phrase.key.text] = (phrase.text.nl, phrase.text.en) }
        }
        for key in AnnexPhraseKey.allCases {
            let phrase = try #require(phrases[key.rawValue], "rules/annex.wbr lacks `\(key.rawValue)`")
            for text in [phrase.nl, phrase.en] {
                let words = try #require(text)
                #expect(AnnexPhrases.unknownPlaceholders(in: words, key: key).isEmpty, "\(key.rawValue): \(words)")
            }
        }
        // A verdict's phrase (`verdict_ID`), one per verdict, plain text.
        for verdict in Verdict.allCases {
            let phrase = try #require(phrases[verdict.annexPhraseKey], "rules/annex.wbr lacks `\(verdict.annexPhraseKey)`")
            #expect(phrase.nl?.contains("{") == false && phrase.en?.contains("{") == false)
        }
        let used = AnnexPhraseKey.allCases.map(\.rawValue) + Verdict.allCases.map(\.annexPhraseKey)
        #expect(Set(phrases.keys) == Set(used), "no phrase the annex does not use")
        let months = try #require(phrases["month_names"])
        #expect(months.nl?.split(separator: ",").count == 12)
        #expect(months.en?.split(separator: ",").count == 12)
    }

    @Test func markdownEscapesMarkupInText() {
        let renderer = AnnexMarkdownRenderer()
        #expect(renderer.escape("a_b *c* [d] <e> | f\\g `h`") == "a\\_b \\*c\\* \\[d\\] \\<e\\> \\| f\\\\g \\`h\\`")
        #expect(renderer.startOfLine("1. eerste") == "1\\. eerste")
        #expect(renderer.startOfLine("- streep") == "\\- streep")
        #expect(renderer.startOfLine("# kop") == "\\# kop")
        #expect(renderer.startOfLine("2026 was") == "2026 was")
        #expect(renderer.inline(AnnexText(.text("zie"), .footnote(1), .footnote(2))) == "zie[^wb-1],[^wb-2]")
        #expect(renderer.inline(AnnexText(.code("a`b"))) == "`` a`b ``")
    }

    @Test func htmlAndXMLEscape() {
        #expect(AnnexHTMLRenderer().escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
        #expect(DOCXParts.escape("a & b < c\nd\u{01}e\"'") == "a &amp; b &lt; c de&quot;&apos;")
    }

    @Test func textMergesAdjacentPlainRuns() {
        var text = AnnexText(.text("a"))
        text.append(.text("b"))
        text.append(.text(""))
        text.append(.emphasis("c"))
        text.append(.text("d"))
        #expect(text.spans == [.text("ab"), .emphasis("c"), .text("d")])
        #expect(text.plain == "abcd")
        #expect(!text.followsFootnote(0))
    }
}
