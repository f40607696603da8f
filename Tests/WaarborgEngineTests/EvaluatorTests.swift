import Testing
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

@Suite struct EvaluatorTests {
    @Test func everyExampleOfTheMiniRuleSetPasses() throws {
        let ruleSet = try miniRuleSet()
        let results = ExampleRunner.run(ruleSet)
        #expect(results.count == 10)
        for result in results where !result.passed {
            Issue.record("\(ruleSet.rules[result.rule].id) \"\(result.example.title)\": got \(result.evaluation.verdict.id) by \(result.decidingRules)")
        }
    }

    @Test func planVerdictsCoverEveryDetermination() throws {
        let ruleSet = try miniRuleSet()
        let evaluation = Evaluator(ruleSet: ruleSet).evaluate(try miniPlan(ruleSet))
        let byID = Dictionary(uniqueKeysWithValues: evaluation.activities.map { ($0.activity.id, $0) })
        let prices = try #require(byID["prices_now"])
        #expect(prices.verdict == .prohibited)
        #expect(prices.determination == .decided)
        #expect(prices.ids(prices.deciding, in: ruleSet) == ["EX-1"])

        let benchmark = try #require(byID["benchmark"])
        #expect(benchmark.verdict == .allowedWithSafeguards)
        #expect(benchmark.requiredSafeguards.map { ruleSet.vocabulary.safeguards[$0].id } == ["third_party", "aggregation"])

        let unknownAge = try #require(byID["unknown_age"])
        #expect(unknownAge.verdict == .needsAssessment)
        #expect(unknownAge.determination == .undetermined)
        #expect(unknownAge.questions.map { ruleSet.vocabulary.facts[$0.fact].id } == ["age_months"])

        let uncovered = try #require(byID["nothing_applies"])
        #expect(uncovered.verdict == .needsAssessment)
        #expect(uncovered.determination == .uncovered)
        #expect(uncovered.deciding.isEmpty)

        #expect(evaluation.verdict == .prohibited)
    }

    @Test func fileOrderNeverChangesAResult() throws {
        let forward = try miniRuleSet()
        let backward = try miniRuleSet(reversed: true)
        let a = Evaluator(ruleSet: forward).evaluate(try miniPlan(forward))
        let b = Evaluator(ruleSet: backward).evaluate(try miniPlan(backward))
        #expect(a.activities.map(\.verdict) == b.activities.map(\.verdict))
        #expect(a.activities.map { $0.ids($0.deciding, in: forward) } == b.activities.map { $0.ids($0.deciding, in: backward) })
    }

    @Test func anUnknownFactIsNeverReadAsNo() throws {
        let ruleSet = try miniRuleSet()
        // Competition unknown: EX-1 may apply (prohibited) and EX-4 may apply (allowed).
        let open = activity(ruleSet, kind: "exchange", facts: [
            "undertakings": .amount(Amount(2)), "data_kinds": .members(MemberSet([0])), "age_months": .amount(Amount(3)),
        ])
        let result = Evaluator(ruleSet: ruleSet).evaluateDetailed(open, on: june2026)
        #expect(result.verdict == .needsAssessment)
        #expect(result.determination == .undetermined)
        #expect(result.questions.map { ruleSet.vocabulary.facts[$0.fact].id } == ["competitors"])
    }

    @Test func worstVerdictWinsAcrossGroups() throws {
        let ruleSet = try miniRuleSet()
        // HC-1 (hardcore, prohibited) and PU-1 (area, allowed with safeguards) both apply.
        let fixing = activity(ruleSet, kind: "purchasing", facts: [
            "undertakings": .amount(Amount(3)), "competitors": .boolean(true), "data_kinds": .members(MemberSet([0])),
            "share": .amount(Amount(10)),
        ])
        let result = Evaluator(ruleSet: ruleSet).evaluateDetailed(fixing, on: june2026)
        #expect(result.verdict == .prohibited)
        #expect(result.ids(result.deciding, in: ruleSet) == ["HC-1"])
        #expect(result.ids(result.fired, in: ruleSet) == ["HC-1", "PU-1"])
        // No safeguard lifts a hardcore restriction; only changing the activity does.
        #expect(result.remedies.allSatisfy { !$0.changeFacts.isEmpty })
        let change = try #require(result.remedies.first?.changeFacts.first)
        #expect(ruleSet.vocabulary.facts[change.fact].id == "competitors")
        #expect(change.to == .boolean(false))
    }

    @Test func aPermitAndAProhibitionInOneGroupAreAConflict() throws {
        let conflicting = """
            rule ZZ-1
              title nl "Botst" en "Clashes"
              group area
              applies to purchasing
              when share <= P-SHARE
              then prohibited
              because nl "Verboden." en "Prohibited."
              source SRC-A "para 12"
            """
        let ruleSet = try miniRuleSet(extra: ["mini/zz.wbr": conflicting])
        let purchase = activity(ruleSet, kind: "purchasing", facts: [
            "undertakings": .amount(Amount(3)), "competitors": .boolean(false), "share": .amount(Amount(10)),
        ])
        let result = Evaluator(ruleSet: ruleSet).evaluateDetailed(purchase, on: june2026)
        #expect(result.verdict == .needsAssessment)
        #expect(result.determination == .conflict)
        #expect(result.ids(result.deciding, in: ruleSet) == ["PU-1", "ZZ-1"])
        #expect(result.conflicts.count == 1)
    }

    @Test func anOverrideBetweenThemResolvesTheConflict() throws {
        let overriding = """
            rule ZZ-1
              title nl "Gaat voor" en "Prevails"
              group area
              applies to purchasing
              when share <= P-SHARE
              overrides PU-1
              then prohibited
              because nl "Verboden." en "Prohibited."
              source SRC-A "para 12"
            """
        let ruleSet = try miniRuleSet(extra: ["mini/zz.wbr": overriding])
        let purchase = activity(ruleSet, kind: "purchasing", facts: [
            "undertakings": .amount(Amount(3)), "competitors": .boolean(false), "share": .amount(Amount(10)),
        ])
        let result = Evaluator(ruleSet: ruleSet).evaluateDetailed(purchase, on: june2026)
        #expect(result.verdict == .prohibited)
        #expect(result.determination == .decided)
        #expect(result.ids(result.deciding, in: ruleSet) == ["ZZ-1"])
        let pu1 = try #require(result.traces.first { ruleSet.rules[$0.rule].id == "PU-1" })
        #expect(pu1.overridden == .yes)
    }

    @Test func anOverriderThatMayApplyAndWouldLowerTheVerdictDoesNotCountUntilStated() throws {
        let ruleSet = try miniRuleSet()
        // SC-1 (allowed) overrides all when undertakings <= 1. With that unknown, the burden
        // of proof keeps the prohibition; the question shows what stating it would bring.
        let open = activity(ruleSet, kind: "exchange", facts: [
            "competitors": .boolean(true), "data_kinds": .members(MemberSet([0])), "age_months": .amount(Amount(3)),
        ])
        let result = Evaluator(ruleSet: ruleSet).evaluateDetailed(open, on: june2026)
        #expect(result.verdict == .prohibited)
        #expect(result.determination == .decided)
        #expect(result.ids(result.deciding, in: ruleSet) == ["EX-1"])
        let question = try #require(result.questions.first)
        #expect(result.questions.map { ruleSet.vocabulary.facts[$0.fact].id } == ["undertakings"])
        #expect(question.outcomes.map(\.verdict).contains(.allowed))
        #expect(question.outcomes.map(\.verdict).contains(.prohibited))
    }

    @Test func anOverriderThatMayApplyAndWouldRaiseTheVerdictLeavesItOpen() throws {
        let raising = """
            rule ZZ-3
              title nl "Strenger" en "Stricter"
              group area
              applies to exchange
              when share <= P-SHARE
              overrides EX-2
              then prohibited
              because nl "Verboden." en "Prohibited."
              source SRC-A "para 14"
            """
        let ruleSet = try miniRuleSet(extra: ["mini/zz.wbr": raising])
        let historic = activity(ruleSet, kind: "exchange", facts: [
            "undertakings": .amount(Amount(3)), "competitors": .boolean(true), "data_kinds": .members(MemberSet([0])),
            "age_months": .amount(Amount(30)),
        ], safeguards: ["third_party", "aggregation"])
        let result = Evaluator(ruleSet: ruleSet).evaluateDetailed(historic, on: june2026)
        #expect(result.verdict == .needsAssessment)
        #expect(result.determination == .undetermined)
        #expect(result.questions.map { ruleSet.vocabulary.facts[$0.fact].id } == ["share"])
    }

    @Test func anExceptionThatMayHoldLowersNothingUntilStatedButRaisesAtOnce() throws {
        let rules = """
            rule ZZ-4
              title nl "Uitzondering omlaag" en "Lowering exception"
              group area
              applies to unregulated
              then prohibited
              because nl "Verboden." en "Prohibited."
              unless share <= P-SHARE
                then needs_assessment
                because nl "Nader." en "Assess."
              source SRC-A "para 15"

            rule ZZ-5
              title nl "Uitzondering omhoog" en "Raising exception"
              group area
              applies to purchasing
              then allowed
              because nl "Toegestaan." en "Allowed."
              unless share <= P-SHARE
                then prohibited
                because nl "Verboden." en "Prohibited."
              source SRC-A "para 16"
            """
        let ruleSet = try miniRuleSet(extra: ["mini/zz.wbr": rules])
        let evaluator = Evaluator(ruleSet: ruleSet)
        let lowering = evaluator.evaluateDetailed(activity(ruleSet, kind: "unregulated", facts: [:]), on: june2026)
        #expect(lowering.verdict == .prohibited)
        #expect(lowering.determination == .decided)
        #expect(lowering.questions.map { ruleSet.vocabulary.facts[$0.fact].id } == ["share"])
        let stated = evaluator.evaluateDetailed(
            activity(ruleSet, kind: "unregulated", facts: ["share": .amount(Amount(5))]), on: june2026)
        #expect(stated.verdict == .needsAssessment)
        let raising = evaluator.evaluateDetailed(activity(ruleSet, kind: "purchasing", facts: [:]), on: june2026)
        #expect(raising.verdict == .needsAssessment)
        #expect(raising.determination == .undetermined)
    }

    @Test func exceptionsThatDisagreeAreAConflictInsideTheRule() throws {
        let rule = """
            rule ZZ-2
              title nl "Twee uitzonderingen" en "Two exceptions"
              group area
              applies to unregulated
              then prohibited
              because nl "Verboden." en "Prohibited."
              unless safeguard aggregation
                then allowed
                because nl "Toegestaan." en "Allowed."
              unless safeguard clean_team
                then allowed_with_safeguards
                because nl "Mits." en "Provided."
              source SRC-A "para 13"
            """
        let ruleSet = try miniRuleSet(extra: ["mini/zz.wbr": rule])
        let both = activity(ruleSet, kind: "unregulated", facts: [:], safeguards: ["aggregation", "clean_team"])
        #expect(Evaluator(ruleSet: ruleSet).evaluateDetailed(both, on: june2026).verdict == .needsAssessment)
        let one = activity(ruleSet, kind: "unregulated", facts: [:], safeguards: ["clean_team"])
        let result = Evaluator(ruleSet: ruleSet).evaluateDetailed(one, on: june2026)
        #expect(result.verdict == .allowedWithSafeguards)
        #expect(result.requiredSafeguards.map { ruleSet.vocabulary.safeguards[$0].id } == ["clean_team"])
    }

    @Test func remediesAreMinimalAndReachTheirPromise() throws {
        let ruleSet = try miniRuleSet()
        let historic = activity(ruleSet, kind: "exchange", facts: [
            "undertakings": .amount(Amount(2)), "competitors": .boolean(true), "data_kinds": .members(MemberSet([1])),
            "age_months": .amount(Amount(30)),
        ], safeguards: ["aggregation"])
        let evaluator = Evaluator(ruleSet: ruleSet)
        let result = evaluator.evaluateDetailed(historic, on: june2026)
        #expect(result.verdict == .needsAssessment)
        let remedy = try #require(result.remedies.first)
        #expect(remedy.addSafeguards.map { ruleSet.vocabulary.safeguards[$0].id } == ["third_party"])
        #expect(remedy.reaches == .allowedWithSafeguards)
        var fixed = historic
        for safeguard in remedy.addSafeguards { fixed.safeguards.insert(safeguard) }
        #expect(evaluator.evaluateDetailed(fixed, on: june2026).verdict == remedy.reaches)
    }

    @Test func theAsOfDatePicksTheParameterValue() throws {
        let ruleSet = try miniRuleSet()
        let plan = try miniPlan(ruleSet)
        let evaluator = Evaluator(ruleSet: ruleSet)
        let now = evaluator.evaluate(plan)
        let later = evaluator.evaluate(plan, asOf: DateValue(year: 2027, month: 2, day: 1)!)
        let benchmarkNow = now.activities.first { $0.activity.id == "benchmark" }!
        let benchmarkLater = later.activities.first { $0.activity.id == "benchmark" }!
        // 18 months is historic under the 12-month value, recent under the 24-month one.
        #expect(benchmarkNow.verdict == .allowedWithSafeguards)
        #expect(benchmarkLater.verdict == .prohibited)
        let parameter = ruleSet.parameterIndex["P-AGE"]!
        #expect(benchmarkNow.parameterUses.contains(ParameterUse(parameter: parameter, version: 0)))
        #expect(benchmarkLater.parameterUses.contains(ParameterUse(parameter: parameter, version: 1)))
    }

    @Test func aParameterWithNoValueInForceIsADiagnostic() throws {
        let ruleSet = try miniRuleSet()
        let evaluation = Evaluator(ruleSet: ruleSet).evaluate(try miniPlan(ruleSet), asOf: DateValue(year: 2019, month: 6, day: 1)!)
        #expect(evaluation.diagnostics.map(\.code) == ["WB501"])
        #expect(evaluation.diagnostics[0].message.hasPrefix("parameter `P-AGE` has no value in force on 2019-06-01"))
    }

    @Test func rulesOutsideTheirValidityAreNotApplied() throws {
        let dated = """
            rule ZZ-3
              title nl "Vervallen" en "Lapsed"
              group area
              applies to unregulated
              valid from 2020-01-01 until 2023-01-01
              then allowed
              because nl "Toegestaan." en "Allowed."
              source SRC-A "para 14"
            """
        let ruleSet = try miniRuleSet(extra: ["mini/zz.wbr": dated])
        let evaluator = Evaluator(ruleSet: ruleSet)
        let unregulated = activity(ruleSet, kind: "unregulated", facts: [:])
        #expect(evaluator.evaluateDetailed(unregulated, on: DateValue(year: 2022, month: 12, day: 31)!).verdict == .allowed)
        let lapsed = evaluator.evaluateDetailed(unregulated, on: DateValue(year: 2023, month: 1, day: 1)!)
        #expect(lapsed.verdict == .needsAssessment)
        #expect(lapsed.determination == .uncovered)
        #expect(lapsed.traces.first?.status == .notInForce)
    }
}
