import Foundation
import Testing
import WaarborgSyntax

/// Mistakes a person makes by hand or by pasting from a word processor: one error at the
/// place to fix, with the fix, and no cascade after it.
@Suite struct HostileSyntaxTests {
    func plan(_ text: String) -> [Diagnostic] { PlanParser.parse(SourceFile(path: "p.wbp", text: text)).diagnostics }

    func rules(_ text: String) -> [Diagnostic] { RuleFileParser.parse(SourceFile(path: "r.wbr", text: text)).diagnostics }

    let validPlan = """
        plan "Mini"
          date = 2026-06-01
        party a
          name = "Praktijk A"
          kind = practice
        activity x
          title = "Prijzen delen"
          kind = exchange
          parties = a
        """

    @Test func planIsValidAsWritten() {
        #expect(plan(validPlan).isEmpty)
    }

    /// The issue's case: an unclosed quote gave 11 errors, the first four lines later.
    @Test func anUnclosedQuoteIsOneErrorAtItsOpening() {
        for (from, to, column) in [
            (#"plan "Mini""#, #"plan "Mini"#, 6),
            (#"name = "Praktijk A""#, #"name = "Praktijk A"#, 10),
            (#"title = "Prijzen delen""#, #"title = "Prijzen delen"#, 11),
        ] {
            let diagnostics = plan(validPlan.replacingOccurrences(of: from, with: to))
            #expect(diagnostics.count == 1, "\(to): \(diagnostics.map(\.message))")
            #expect(diagnostics.first?.code == "WB008")
            #expect(diagnostics.first?.location?.column == column)
            #expect(diagnostics.first?.notes.first?.message.contains("end of this line") == true)
        }
        let atEnd = plan(validPlan + "\n  title = \"open")
        #expect(atEnd.map(\.code) == ["WB008"])
        #expect(atEnd.first?.notes.first?.message == "the file ends here, still inside the string")
    }

    @Test func anUnclosedQuoteBeforeTheNextTextIsOneError() {
        let diagnostics = rules("rule R\n  title nl \"Titel en \"Title\"\n  group area\n")
        #expect(diagnostics.map(\.code) == ["WB008"])
        #expect(diagnostics.first?.location == SourceLocation(file: "r.wbr", line: 2, column: 12))
        #expect(diagnostics.first?.notes.first?.range?.location == SourceLocation(file: "r.wbr", line: 2, column: 22))
    }

    /// Strings that run over several lines still work.
    @Test func aStringOverSeveralLinesIsNotUnclosed() {
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(path: "r.wbr", text: "  because nl \"Een lange\n    uitleg over twee regels.\" en \"x\"\n"))
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.text) == ["because", "nl", "Een lange uitleg over twee regels.", "en", "x"])
    }

    @Test func wordPunctuationIsOneErrorOrAccepted() {
        // Curly quotes: one error with the fix, and the text read as the string it is.
        let curly = Lexer.tokenize(SourceFile(path: "p.wbp", text: "  title = “Prijzen delen” # c\n  kind = exchange\n"))
        #expect(curly.1.map(\.code) == ["WB009"])
        #expect(curly.1.first?.message.contains("write straight quotes") == true)
        #expect(curly.0.map(\.text) == ["title", "=", "Prijzen delen", "kind", "=", "exchange"])
        let dutch = Lexer.tokenize(SourceFile(path: "p.wbp", text: "title = „Prijzen”\n"))
        #expect(dutch.1.count == 1 && dutch.0.map(\.text) == ["title", "=", "Prijzen"])
        // Non-breaking spaces are spaces.
        let spaced = Lexer.tokenize(SourceFile(path: "p.wbp", text: "  kind\u{00A0}=\u{202F}exchange\n"))
        #expect(spaced.1.isEmpty)
        #expect(spaced.0.map(\.text) == ["kind", "=", "exchange"])
        // An en dash in an id: one error, and the id with its hyphen.
        let dashed = Lexer.tokenize(SourceFile(path: "r.wbr", text: "  source SRC–A \"para 4\"\n"))
        #expect(dashed.1.map(\.code) == ["WB009"])
        #expect(dashed.1.first?.suggestion == "-")
        #expect(dashed.0.map(\.text) == ["source", "SRC-A", "para 4"])
        // The whole plan with curly quotes everywhere: one error per text, nothing else.
        let pasted = plan(validPlan.replacingOccurrences(of: "\"Mini\"", with: "“Mini”").replacingOccurrences(of: "\"Praktijk A\"", with: "“Praktijk A”"))
        #expect(pasted.map(\.code) == ["WB009", "WB009"])
    }

    @Test func aDateInWordsSaysHowToWriteDates() {
        let diagnostics = plan(validPlan.replacingOccurrences(of: "date = 2026-06-01", with: "date = 1 januari 2027"))
        #expect(diagnostics.map(\.code) == ["WB004"])
        #expect(diagnostics.first?.message == "`1 januari 2027` is a date in words; write dates as YYYY-MM-DD: `2027-01-01`")
        #expect(diagnostics.first?.suggestion == "2027-01-01")
        let rule = rules("rule R\n  valid from 3 March 2027 until december 2028\n")
        #expect(rule.map(\.code) == ["WB004", "WB004"])
        #expect(rule.map(\.suggestion) == ["2027-03-03", "2028-12-DD"])
    }

    /// One unclosed `(` used to swallow the rest of its file; now it stops at the next declaration.
    @Test func anUnclosedBracketRecoversAtTheNextDeclaration() {
        let text = """
            rule R-1
              when (competitors and age < 3
              then prohibited
            rule R-2
              when competitors
              then allowed
            """
        let (syntax, diagnostics) = RuleFileParser.parse(SourceFile(path: "r.wbr", text: text))
        #expect(diagnostics.map(\.code) == ["WB122"])
        #expect(syntax.declarations.count == 2)
        guard case .rule(let second) = syntax.declarations.last, case .holds(let fact) = second.condition else {
            Issue.record("the second rule was not read: \(syntax.declarations)")
            return
        }
        #expect(fact.text == "competitors")
        #expect(second.conclusion?.text == "allowed")
    }
}
