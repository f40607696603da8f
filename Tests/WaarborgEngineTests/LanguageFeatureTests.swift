import Testing
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// The constructs that relate rules to each other: notes, kind tests, named conditions,
/// `rule X applies`, `group G applies` and verdict-filtered overrides.
@Suite struct LanguageFeatureTests {
    static let extra = """
        condition historic_sensitive
          label nl "historisch gevoelig" en "historic sensitive"
          when competitors and data_kinds includes any of sensitive and age_months >= P-AGE

        rule NT-1
          title nl "Let op" en "Mind"
          group area
          applies to exchange, purchasing
          when kind = exchange and historic_sensitive
          then note
          because nl "Een opmerking." en "A remark."
          source SRC-A "para 20"
          example "a remark on historic data"
            competitors = yes
            data_kinds = {costs}
            age_months = 20
            expect needs_assessment by EX-2 notes NT-1

        rule XM-1
          title nl "Vrijstelling" en "Exemption"
          group area
          applies to exchange, purchasing
          when safeguard clean_team and (rule EX-2 applies or rule PU-2 applies)
          overrides group area if needs_assessment
          then allowed_with_safeguards
          because nl "Vrijgesteld." en "Exempted."
          source SRC-A "para 21"
          example "exempted historic exchange"
            competitors = yes
            data_kinds = {costs}
            age_months = 20
            safeguards = clean_team
            expect allowed_with_safeguards by XM-1 notes NT-1

        rule DM-9
          title nl "Bagatel" en "De minimis"
          group area
          applies to purchasing
          when group hardcore applies and share <= 5%
          overrides group hardcore
          then needs_assessment
          because nl "Kernbeperking binnen de bagatel." en "Hardcore within de minimis."
          source SRC-A "para 22"
          example "price fixing with a tiny share"
            competitors = yes
            data_kinds = {prices}
            share = 4%
            expect needs_assessment by DM-9
        """

    func ruleSet() throws -> RuleSet { try miniRuleSet(extra: ["mini/zz.wbr": Self.extra]) }

    @Test func theExamplesOfTheNewConstructsPass() throws {
        let ruleSet = try ruleSet()
        for result in ExampleRunner.run(ruleSet) where !result.passed {
            Issue.record("\(ruleSet.rules[result.rule].id) \"\(result.example.title)\": got \(result.evaluation.verdict.id) by \(result.decidingRules), notes \(result.notes)")
        }
    }

    @Test func aNoteInformsButNeverDecides() throws {
        let ruleSet = try ruleSet()
        let historic = activity(ruleSet, kind: "exchange", facts: [
            "undertakings": .amount(Amount(2)), "competitors": .boolean(true), "data_kinds": .members(MemberSet([1])),
            "age_months": .amount(Amount(20)),
        ])
        let result = Evaluator(ruleSet: ruleSet).evaluateDetailed(historic, on: june2026)
        #expect(result.notes.map { ruleSet.rules[$0.rule].id } == ["NT-1"])
        #expect(!result.traces.contains { ruleSet.rules[$0.rule].isNote })
        #expect(result.verdict == .needsAssessment)
        // An activity only a note covers is still uncovered.
        let purchase = activity(ruleSet, kind: "purchasing", facts: ["competitors": .boolean(false)])
        let uncovered = Evaluator(ruleSet: ruleSet).evaluateDetailed(purchase, on: june2026)
        #expect(uncovered.verdict == .needsAssessment)
    }

    @Test func theKindTestSeparatesKindsOfOneRule() throws {
        let ruleSet = try ruleSet()
        let purchase = activity(ruleSet, kind: "purchasing", facts: [
            "undertakings": .amount(Amount(3)), "competitors": .boolean(true), "data_kinds": .members(MemberSet([1])),
            "age_months": .amount(Amount(20)), "share": .amount(Amount(10)),
        ])
        #expect(Evaluator(ruleSet: ruleSet).evaluateDetailed(purchase, on: june2026).notes.isEmpty)
    }

    @Test func anOverrideIfAVerdictLeavesOtherVerdictsAlone() throws {
        let ruleSet = try ruleSet()
        let evaluator = Evaluator(ruleSet: ruleSet)
        // EX-1 (prohibited) is not lifted by XM-1, which overrides needs assessment only.
        let recent = activity(ruleSet, kind: "exchange", facts: [
            "undertakings": .amount(Amount(3)), "competitors": .boolean(true), "data_kinds": .members(MemberSet([1])),
            "age_months": .amount(Amount(3)),
        ], safeguards: ["clean_team"])
        let result = evaluator.evaluateDetailed(recent, on: june2026)
        // With a clean team EX-1's exception gives needs assessment, which XM-1 may then lift;
        // but XM-1 needs EX-2 or PU-2 to apply, and neither does.
        #expect(result.verdict == .needsAssessment)
        #expect(result.ids(result.deciding, in: ruleSet) == ["EX-1"])
        let historic = activity(ruleSet, kind: "exchange", facts: [
            "undertakings": .amount(Amount(3)), "competitors": .boolean(true), "data_kinds": .members(MemberSet([1])),
            "age_months": .amount(Amount(20)),
        ], safeguards: ["clean_team"])
        let lifted = evaluator.evaluateDetailed(historic, on: june2026)
        #expect(lifted.verdict == .allowedWithSafeguards)
        let ex2 = try #require(lifted.traces.first { ruleSet.rules[$0.rule].id == "EX-2" })
        #expect(ex2.overridden == .yes)
    }

    @Test func aGroupTestSeesTheHardcoreRule() throws {
        let ruleSet = try ruleSet()
        let evaluator = Evaluator(ruleSet: ruleSet)
        let fixing = activity(ruleSet, kind: "purchasing", facts: [
            "undertakings": .amount(Amount(2)), "competitors": .boolean(true), "data_kinds": .members(MemberSet([0])),
            "share": .amount(Amount(4)),
        ])
        let result = evaluator.evaluateDetailed(fixing, on: june2026)
        #expect(result.verdict == .needsAssessment)
        #expect(result.ids(result.deciding, in: ruleSet) == ["DM-9"])
        let hc1 = try #require(result.traces.first { ruleSet.rules[$0.rule].id == "HC-1" })
        #expect(hc1.overridden == .yes)
        // Above the share threshold the hardcore rule stands.
        var larger = fixing
        larger.facts[ruleSet.vocabulary.factIndex["share"]!] = FactValue(value: .amount(Amount(10)), origin: .supposed)
        #expect(evaluator.evaluateDetailed(larger, on: june2026).verdict == .prohibited)
    }

    @Test func circlesBetweenRulesAreRefused() {
        let circular = """
            rule CY-1
              title nl "a" en "a"
              group area
              applies to exchange
              when rule CY-2 applies
              then allowed
              because nl "a" en "a"
              source SRC-A "p"
            rule CY-2
              title nl "b" en "b"
              group area
              applies to exchange
              when rule CY-1 applies
              then allowed
              because nl "b" en "b"
              source SRC-A "p"
            """
        let files = ["mini/vocabulary.wbr": fixture("vocabulary.wbr"), "mini/cy.wbr": circular]
        let parsed = files.keys.sorted().map { RuleFileParser.parse(SourceFile(path: $0, text: files[$0]!)) }
        let (ruleSet, diagnostics) = RuleSetChecker.check(parsed.map(\.syntax))
        #expect(ruleSet == nil)
        #expect(diagnostics.contains { $0.code == "WB338" && $0.message.contains("CY-1 → CY-2 → CY-1") })
    }
}
