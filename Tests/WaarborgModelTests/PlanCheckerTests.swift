import Foundation
import Testing
import WaarborgModel
import WaarborgSyntax

@Suite struct PlanCheckerTests {
    func vocabulary() throws -> Vocabulary {
        let (ruleSet, diagnostics) = checkRules(["a.wbr": baseVocabulary])
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(rendered))")
        return try #require(ruleSet).vocabulary
    }

    func check(_ text: String) throws -> (Plan?, [String]) {
        let (syntax, parseDiagnostics) = PlanParser.parse(SourceFile(path: "p.wbp", text: text))
        #expect(parseDiagnostics.isEmpty, "\(parseDiagnostics.map(rendered))")
        let (plan, diagnostics) = PlanChecker.check(syntax, vocabulary: try vocabulary())
        return (plan, diagnostics.map(rendered))
    }

    let plan = """
        plan "P"
          date = 2026-03-01
        party a
          kind = practice
          competes_with = b
          turnover = EUR 600_000
          share = 4.1%
        party b
          kind = practice
          turnover = EUR 700_000
          share = 5.9%
        party g
          kind = municipality
          is_undertaking = no
          share = 1%
        activity x
          kind = exchange
          parties = a, b, g
          data_kinds = {prices}
          safeguards = aggregation
        """

    @Test func aLegalFormIsOneTheRulesDeclareAndAnUndeclaredOneListsTheValidSpellings() throws {
        let forms = """
            legal_form cooperative_ua
              label nl "coöperatie U.A." en "cooperative (U.A.)"
            legal_form foundation
              label nl "stichting" en "foundation"
            """
        let (ruleSet, ruleDiagnostics) = checkRules(["a.wbr": baseVocabulary, "b.wbr": forms])
        #expect(!ruleDiagnostics.hasErrors, "\(ruleDiagnostics.map(rendered))")
        let vocabulary = try #require(ruleSet).vocabulary
        #expect(vocabulary.legalForms.map(\.id) == ["cooperative_ua", "foundation"])
        func party(_ line: String) -> (Plan?, [String]) {
            let text = "plan \"P\"\n  date = 2026-03-01\nparty a\n  kind = practice\n\(line)\n"
            let (plan, diagnostics) = PlanChecker.check(PlanParser.parse(SourceFile(path: "p.wbp", text: text)).syntax, vocabulary: vocabulary)
            return (plan, diagnostics.filter { $0.severity == .error }.map(rendered))
        }
        let (given, clean) = party("  legal_form = foundation")
        #expect(clean.isEmpty, "\(clean)")
        #expect(given?.parties[0].legalForm == 1)
        #expect(party("").0?.parties[0].legalForm == nil)
        let (_, wrong) = party("  legal_form = cooperative")
        #expect(wrong == [
            "p.wbp:5:16: error: unknown legal form `cooperative` in party `a` (did you mean `cooperative_ua`?); write one of `cooperative_ua`, `foundation`",
        ])
        // A JSON plan gives the legal form as a string.
        let json = #"{"plan": {"name": "P", "date": "2026-03-01"}, "parties": [{"id": "a", "kind": "practice", "legal_form": "cooperative_ua"}], "activities": []}"#
        let (fromJSON, _) = PlanChecker.check(JSONPlanReader.parse(SourceFile(path: "p.json", text: json)).syntax, vocabulary: vocabulary)
        #expect(fromJSON?.parties[0].legalForm == 0)
    }

    @Test func derivesFactsFromParties() throws {
        let (checked, diagnostics) = try check(plan)
        #expect(diagnostics.isEmpty)
        let activity = try #require(checked?.activities.first)
        let vocabulary = try vocabulary()
        func fact(_ id: String) -> Value? { activity.facts[vocabulary.factIndex[id]!]?.value }
        #expect(fact("competitors") == .boolean(true))
        #expect(fact("undertakings") == .amount(Amount(2)))
        #expect(fact("biggest_share") == .amount(Amount.parse("5.9")!))
        // g has no turnover, so the sum is unknown rather than a silent partial sum.
        #expect(fact("total_turnover") == nil)
        #expect(fact("age") == nil)
        #expect(activity.safeguards.members == [vocabulary.safeguardIndex["aggregation"]!])
    }

    @Test func competitionUnknownUnlessEveryPartySaysSo() throws {
        let unknown = plan.replacingOccurrences(of: "parties = a, b, g", with: "parties = b, g")
        let vocabulary = try vocabulary()
        let activity = try #require(try check(unknown).0?.activities.first)
        #expect(activity.facts[vocabulary.factIndex["competitors"]!] == nil)
        let known = unknown.replacingOccurrences(of: "  is_undertaking = no", with: "  is_undertaking = no\n  competes_with = none")
            .replacingOccurrences(of: "  share = 5.9%", with: "  share = 5.9%\n  competes_with = none")
        let decided = try #require(try check(known).0?.activities.first)
        #expect(decided.facts[vocabulary.factIndex["competitors"]!]?.value == .boolean(false))
    }

    @Test func unknownFactKeySuggests() throws {
        let (checked, diagnostics) = try check(plan.replacingOccurrences(of: "data_kinds = {prices}", with: "data_kind = {prices}"))
        #expect(checked == nil)
        #expect(diagnostics == ["p.wbp:19:3: error: unknown fact `data_kind` in activity `x`; did you mean `data_kinds`?"])
    }

    @Test func wrongTypeSaysWhatToWrite() throws {
        let (_, diagnostics) = try check(plan.replacingOccurrences(of: "share = 4.1%", with: "share = 4.1"))
        #expect(diagnostics == ["p.wbp:7:11: error: `share` is a percentage; `4.1` is not (write for example `4.1%`)"])
    }

    @Test func undeclaredPartySuggests() throws {
        let (_, diagnostics) = try check(plan.replacingOccurrences(of: "parties = a, b, g", with: "parties = a, bb"))
        #expect(diagnostics == ["p.wbp:18:16: error: party `bb` is not declared in this plan; did you mean `b`?"])
    }

    @Test func duplicateActivity() throws {
        let (_, diagnostics) = try check(plan + "\nactivity x\n  kind = exchange\n")
        #expect(diagnostics.first == "p.wbp:21:10: error: activity `x` is declared twice; give each activity its own id")
    }

    @Test func unknownSafeguardAndValue() throws {
        let (_, diagnostics) = try check(
            plan.replacingOccurrences(of: "safeguards = aggregation", with: "safeguards = agregation")
                .replacingOccurrences(of: "{prices}", with: "{price}"))
        #expect(diagnostics == [
            "p.wbp:19:17: error: `price` is not one of the values of `data_kind`; did you mean `prices`?",
            "p.wbp:20:16: error: unknown safeguard `agregation`; did you mean `aggregation`?",
        ])
    }

    @Test func missingHeaderDateAndKind() throws {
        let (_, noDate) = try check("plan \"P\"\n  region = \"R\"\n")
        #expect(noDate.first == "p.wbp:1:6: error: the plan has no `date`; give the date the cooperation starts (it decides which law applies)")
        let (_, noKind) = try check("plan \"P\"\n  date = 2026-01-01\nactivity y\n  title = \"t\"\n")
        #expect(noKind == ["p.wbp:3:10: error: activity `y` has no `kind`; say what kind of activity it is"])
    }
}
