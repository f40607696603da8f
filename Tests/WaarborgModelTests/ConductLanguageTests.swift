import Foundation
import Testing
import WaarborgModel
import WaarborgSyntax

/// The three language features of issue 20: rules for any activity, facts stated once in
/// the plan header, and former names (`alias`) that still read with a warning.
@Suite struct ConductLanguageTests {
    /// A second activity kind, a conduct rule for any kind, and renamed names.
    let extra = """
        activity purchasing
          label nl "inkoop" en "purchasing"
          alias buying
        fact cartel
          type boolean
          alias price_cartel
          label nl "kartel" en "cartel"
          question nl "Kartel?" en "Cartel?"
        values channel
          label nl "kanaal" en "channel"
          value office alias secretariat nl "bureau" en "office"
          value members nl "leden" en "members"
        fact via
          type one of channel
          label nl "via" en "via"
          question nl "Via?" en "Via?"
        rule HC-1
          title nl "Kartel" en "Cartel"
          group area
          applies to any activity
          when cartel
          then prohibited
          because nl "Verboden." en "Prohibited."
          source MW-6 "lid 1"
          example "a cartel in a purchasing group"
            kind = purchasing
            cartel = yes
            expect prohibited by HC-1
        rule AR-1
          title nl "Kanaal" en "Channel"
          group area
          applies to exchange
          when via = office
          then allowed
          because nl "Toegestaan." en "Allowed."
          source MW-6 "lid 1"
          example "through the office"
            via = office
            cartel = no
            expect allowed by AR-1
        """

    func ruleSet(_ extra: String? = nil) throws -> RuleSet {
        let (ruleSet, diagnostics) = checkRules(["a.wbr": baseVocabulary, "b.wbr": extra ?? self.extra])
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(rendered))")
        return try #require(ruleSet)
    }

    func check(_ text: String, _ ruleSet: RuleSet) -> (Plan?, [Diagnostic]) {
        let (syntax, parseDiagnostics) = PlanParser.parse(SourceFile(path: "p.wbp", text: text))
        #expect(parseDiagnostics.isEmpty, "\(parseDiagnostics.map(rendered))")
        return PlanChecker.check(syntax, vocabulary: ruleSet.vocabulary)
    }

    // MARK: applies to any activity

    @Test func aRuleForAnyActivityIsACandidateForEveryKind() throws {
        let rules = try ruleSet()
        let rule = try #require(rules.rules.first { $0.id == "HC-1" })
        #expect(rule.appliesToAnyActivity)
        #expect(rule.appliesTo.count == rules.vocabulary.activityKinds.count)
        for kind in rules.vocabulary.activityKinds.indices {
            #expect(rules.rulesByKind[kind].contains(rule.index))
        }
        let other = try #require(rules.rules.first { $0.id == "AR-1" })
        #expect(!other.appliesToAnyActivity)
        #expect(other.appliesTo == [rules.vocabulary.activityKindIndex["exchange"]!])
    }

    @Test func anyActivityAndNamedKindsTogetherIsAnError() {
        let text = extra.replacingOccurrences(of: "applies to any activity", with: "applies to any activity\n  applies to exchange")
        let (_, diagnostics) = checkRules(["a.wbr": baseVocabulary, "b.wbr": text])
        #expect(diagnostics.contains { $0.code == "WB333" && $0.message.contains("applies to any activity and also names kinds") })
    }

    @Test func anyWithoutActivityIsASyntaxErrorWithTheFix() {
        let text = extra.replacingOccurrences(of: "applies to any activity", with: "applies to any")
        let parsed = RuleFileParser.parse(SourceFile(path: "b.wbr", text: text))
        let error = parsed.diagnostics.first { $0.code == "WB119" }
        #expect(error?.message == "expected `activity` after `applies to any`")
        #expect(error?.suggestion == "applies to any activity")
    }

    @Test func anExampleOfAnAnyActivityRuleMustSayItsKind() {
        let text = extra.replacingOccurrences(of: "    kind = purchasing\n    cartel = yes", with: "    cartel = yes")
        let (_, diagnostics) = checkRules(["a.wbr": baseVocabulary, "b.wbr": text])
        #expect(diagnostics.contains { $0.code == "WB409" && $0.message.contains("\"a cartel in a purchasing group\"") })
    }

    // MARK: facts in the plan header

    let plan = """
        plan "P"
          date = 2026-03-01
          cartel = no
          via = members
        party a
          kind = practice
          competes_with = none
        activity x
          kind = exchange
          parties = a
        activity y
          kind = purchasing
          parties = a
          cartel = yes
        """

    @Test func headerFactsHoldForEveryActivityUnlessItStatesItsOwn() throws {
        let rules = try ruleSet()
        let (plan, diagnostics) = check(self.plan, rules)
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(rendered))")
        let checked = try #require(plan)
        let cartel = rules.vocabulary.factIndex["cartel"]!
        let x = checked.activities[0], y = checked.activities[1]
        #expect(x.facts[cartel]?.value == .boolean(false))
        #expect(y.facts[cartel]?.value == .boolean(true))
        // The inherited value points at the header's line, the own value at the activity's.
        guard case .stated(let headerRange)? = x.facts[cartel]?.origin, case .stated(let ownRange)? = y.facts[cartel]?.origin else {
            Issue.record("both values are stated")
            return
        }
        #expect(headerRange.location.line == 3)
        #expect(ownRange.location.line == 14)
        #expect(checked.headerFacts[cartel]?.value == .boolean(false))
    }

    @Test func aHeaderFactWinsOverADerivation() throws {
        let rules = try ruleSet()
        let text = plan.replacingOccurrences(of: "  cartel = no\n", with: "  cartel = no\n  competitors = yes\n")
        let (plan, _) = check(text, rules)
        let competitors = rules.vocabulary.factIndex["competitors"]!
        #expect(try #require(plan).activities[0].facts[competitors]?.value == .boolean(true))
    }

    @Test func aHeaderFactIsCheckedLikeAnActivityFact() throws {
        let rules = try ruleSet()
        let (plan, diagnostics) = check(plan.replacingOccurrences(of: "  cartel = no\n", with: "  cartel = 12\n  carteel = no\n"), rules)
        #expect(plan == nil)
        let messages = diagnostics.map(rendered)
        #expect(messages.contains { $0.hasPrefix("p.wbp:3:") && $0.contains("`cartel`") })
        #expect(messages.contains { $0.hasPrefix("p.wbp:4:3: error: unknown key `carteel` in the plan header; did you mean `cartel`?") })
    }

    // MARK: former names

    @Test func formerNamesStillReadWithAWarningNamingTheNewSpelling() throws {
        let rules = try ruleSet()
        let text = """
            plan "P"
              date = 2026-03-01
              price_cartel = no
            party a
              kind = practice
              competes_with = none
            activity x
              kind = buying
              parties = a
              via = secretariat
            """
        let (plan, diagnostics) = check(text, rules)
        let checked = try #require(plan, "\(diagnostics.map(rendered))")
        #expect(checked.activities[0].kind == rules.vocabulary.activityKindIndex["purchasing"])
        #expect(checked.activities[0].facts[rules.vocabulary.factIndex["via"]!]?.value == .member(0))
        #expect(checked.activities[0].facts[rules.vocabulary.factIndex["cartel"]!]?.value == .boolean(false))
        let warnings = diagnostics.filter { $0.code == "WB428" }.map(rendered)
        #expect(warnings == [
            "p.wbp:3:3: warning: `price_cartel` is a former name of the fact `cartel`; it still reads, but write `cartel` (the old name will be dropped in a later rule-set version)",
            "p.wbp:8:10: warning: `buying` is a former name of the activity kind `purchasing`; it still reads, but write `purchasing` (the old name will be dropped in a later rule-set version)",
            "p.wbp:10:9: warning: `secretariat` is a former name of the value `office`; it still reads, but write `office` (the old name will be dropped in a later rule-set version)",
        ])
        #expect(diagnostics.first { $0.code == "WB428" }?.suggestion == "cartel")
    }

    @Test func aFormerNameMayNotBeACurrentName() {
        let text = extra.replacingOccurrences(of: "alias price_cartel", with: "alias via")
        let (_, diagnostics) = checkRules(["a.wbr": baseVocabulary, "b.wbr": text])
        #expect(diagnostics.contains { $0.code == "WB301" && $0.message == "`via` is a current fact name, so it cannot also be a former name" })
    }
}
