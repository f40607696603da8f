import Foundation
import Testing
import WaarborgModel
import WaarborgSyntax

/// A clause that does not parse is an error node, and the library refuses it: a caller
/// that ignores the parser's diagnostics (as a library user may) still gets no rule set
/// in which a broken `when` means "always applies" or a broken `unless` is dropped.
@Suite struct ErrorRecoveryTests {
    let rule = """
        rule R-1
          title nl "Titel" en "Title"
          group area
          applies to exchange
          when WHEN
          then needs_assessment
          because nl "Omdat." en "Because."
          unless UNLESS
            then allowed_with_safeguards
            because nl "Mits." en "Provided."
          source MW-6 "lid 1"
        """

    /// The parser's syntax tree, checked without looking at the parser's diagnostics.
    func checkIgnoringSyntaxErrors(when: String, unless: String) -> (parsed: [Diagnostic], ruleSet: RuleSet?, checked: [Diagnostic]) {
        let text = rule.replacingOccurrences(of: "WHEN", with: when).replacingOccurrences(of: "UNLESS", with: unless)
        let parsed = [SourceFile(path: "a.wbr", text: baseVocabulary), SourceFile(path: "b.wbr", text: text)].map { RuleFileParser.parse($0) }
        let (ruleSet, diagnostics) = RuleSetChecker.check(parsed.map(\.syntax))
        return (parsed.flatMap(\.diagnostics), ruleSet, diagnostics)
    }

    @Test(arguments: [
        ("competitors and (age < P-AGE", "safeguard aggregation"),
        ("competitors and", "safeguard aggregation"),
        ("competitors age", "safeguard aggregation"),
        ("competitors", "safeguard aggregation and"),
        ("competitors", "(safeguard aggregation"),
        ("competitors", ""),
    ])
    func aBrokenClauseIsNeverAMissingOne(_ when: String, _ unless: String) throws {
        let (parsed, ruleSet, checked) = checkIgnoringSyntaxErrors(when: when, unless: unless)
        #expect(parsed.hasErrors, "the parser reports the clause")
        #expect(ruleSet == nil, "the checker refuses the rule: `when \(when)` / `unless \(unless)`")
        #expect(checked.contains { $0.code == "WB120" && $0.severity == .error }, "\(checked.map(\.message))")
        // The control: with both clauses readable, the same rule checks.
        let (_, valid, _) = checkIgnoringSyntaxErrors(when: "competitors", unless: "safeguard aggregation")
        #expect(valid != nil)
    }

    @Test func theSyntaxTreeHoldsAnErrorNode() throws {
        let file = SourceFile(path: "b.wbr", text: rule.replacingOccurrences(of: "WHEN", with: "(competitors").replacingOccurrences(of: "UNLESS", with: "safeguard aggregation"))
        let (syntax, diagnostics) = RuleFileParser.parse(file)
        #expect(diagnostics.map(\.code) == ["WB122"])
        guard case .rule(let parsed) = try #require(syntax.declarations.first) else {
            Issue.record("no rule")
            return
        }
        guard case .invalid(_, let prose) = try #require(parsed.condition) else {
            Issue.record("the condition is \(String(describing: parsed.condition)), not an error node")
            return
        }
        #expect(prose.isEmpty)
    }

    /// Prose where a condition belongs: one error from the checker, which names real facts.
    @Test func proseInAConditionNamesDeclaredFacts() {
        let (parsed, ruleSet, checked) = checkIgnoringSyntaxErrors(when: "competitors", unless: "the parties are no competitors")
        #expect(!parsed.hasErrors)
        #expect(ruleSet == nil)
        let errors = checked.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first.map(rendered)?.hasPrefix(
            "b.wbr:8:10: error: this condition reads as a sentence; a condition names declared facts, such as `competitors`") == true,
            "\(errors.map(rendered))")
    }
}
