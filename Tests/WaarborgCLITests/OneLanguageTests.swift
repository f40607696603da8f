import Foundation
import Testing

/// One run speaks one language: Dutch output shows no English words of the report's frame
/// and no raw fact ids outside `explain`; English output shows the rules' English source
/// texts; an answer's location names the answers file.
@Suite struct OneLanguageTests {
    static let plans = GoldenTests.fixtures
    static let rules = GoldenTests.fixtureRules

    /// Words of the report's frame that must not appear in a Dutch report.
    static let englishWords = ["yes/no", "(yes", "yes,", "yes →", "no →", "[waived]", " until ", "undetermined", " number", "stated on", "stated in"]

    func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? Regex(pattern) else {
            Issue.record("bad pattern \(pattern)")
            return []
        }
        return text.matches(of: regex).map { String(text[$0.range]) }
    }

    @Test(arguments: plans)
    func dutchCheckAndQuestionsShowNoEnglishAndNoFactIDs(_ plan: String) throws {
        let path = "\(GoldenTests.fixturePlans)/\(plan)"
        let check = waarborg("check", path, "--rules", Self.rules, "--lang", "nl", "--plain").output
        for word in Self.englishWords { #expect(!check.contains(word), "\(plan): `\(word)` in the Dutch report") }
        #expect(matches(#"\b[a-z]+_[a-z_]+ = (ja|nee)\b"#, in: check).isEmpty, "\(plan): a fact id with its value in the Dutch report")
        // Attributes in the derivations are named by their labels, not their ids.
        #expect(matches(#"\b(heeft|van) (is|market|turnover|persons)_[a-z_]+"#, in: check).isEmpty, "\(plan): an attribute id in the Dutch report")
        let questions = waarborg("questions", path, "--rules", Self.rules, "--lang", "nl", "--plain").output
        // The questions' outcomes and the answers file's hints are Dutch (`ja`, `nee`);
        // the fact ids stay, because the answers file is written with them.
        for word in Self.englishWords { #expect(!questions.contains(word), "\(plan): `\(word)` in the Dutch questions") }
    }

    @Test func theQuestionsSpeakTheRunsLanguage() throws {
        let path = "\(GoldenTests.fixturePlans)/apothekers-haaglanden.wbp"
        let dutch = waarborg("questions", path, "--rules", Self.rules, "--lang", "nl", "--plain").output
        #expect(dutch.contains("): ja, nee → toegestaan"), "\(dutch)")
        #expect(dutch.contains("? (ja/nee)\n  affects_trade_between_member_states = …"))
        let english = waarborg("questions", path, "--rules", Self.rules, "--lang", "en", "--plain").output
        #expect(english.contains("): yes, no → allowed"), "\(english)")
        #expect(english.contains("? (yes/no)\n  affects_trade_between_member_states = …"))
    }

    @Test func anAnswersLocationNamesTheAnswersFileInEitherLanguage() throws {
        try withTemporaryFolder { folder in
            let answers = folder.appendingPathComponent("antwoorden.wba")
            write("activity inkoop_wondzorg_duitsland\n  affects_trade_between_member_states = nee\n", to: answers)
            let path = "\(GoldenTests.fixturePlans)/apothekers-haaglanden.wbp"
            // Lines are wrapped; read the words.
            func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            let dutch = words(waarborg("check", path, "--rules", Self.rules, "--answers", answers.path, "--lang", "nl", "--plain").output)
            #expect(dutch.contains("merkbare invloed op de handel tussen EU-lidstaten: nee (vermeld in \(answers.path):2:3)"), "\(dutch)")
            let english = words(waarborg("check", path, "--rules", Self.rules, "--answers", answers.path, "--lang", "en", "--plain").output)
            #expect(english.contains(": no (stated in \(answers.path):2:3)"), "\(english)")
        }
    }

    @Test func englishReportsUseTheEnglishSourceTextsAndMarkAQuotation() throws {
        let path = "\(GoldenTests.fixturePlans)/apothekers-haaglanden.wbp"
        let english = waarborg("check", path, "--rules", Self.rules, "--lang", "en", "--format", "json").output
        #expect(english.contains(#""pinpoint": "de minimis exemption: market share of at most 10%""#), "\(english)")
        #expect(english.contains(#""title": "ACM, Cooperation in the healthcare sector""#))
        let dutch = waarborg("check", path, "--rules", Self.rules, "--lang", "nl", "--format", "json").output
        #expect(dutch.contains(#""pinpoint": "bagatelvrijstelling: marktaandeel van ten hoogste 10%""#))
        #expect(dutch.contains(#""title": "ACM, Samenwerken in de zorgsector""#))
        // A verbatim quotation (`quote "…"`) stays Dutch; in English it is marked as one.
        let quotation = "ACM-SAMENWERKEN “niet samen met concurrenten bepalen wat zorg moet kosten”"
        let sarifEnglish = waarborg("check", path, "--rules", Self.rules, "--lang", "en", "--format", "sarif").output
        #expect(sarifEnglish.contains(quotation + " (quoted from the Dutch source)"))
        let sarifDutch = waarborg("check", path, "--rules", Self.rules, "--lang", "nl", "--format", "sarif").output
        #expect(sarifDutch.contains(quotation) && !sarifDutch.contains("quoted from the Dutch source"))
    }
}
