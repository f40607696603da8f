import Testing
@testable import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// Named and nested exceptions, read as defaults (docs/language.md, "Exceptions to
/// exceptions"): the innermost exception that holds wins over its parent, and the burden of
/// proof applies at every level. Rule NE-1 is alone on the kind `unregulated`, so the
/// activity's verdict is its contribution.
@Suite struct NestedExceptionTests {
    static let extra = """
        rule NE-1
          title nl "Geneste uitzondering" en "Nested exception"
          group area
          applies to unregulated
          when competitors
          then prohibited
          because nl "Verboden." en "Prohibited."
          unless by_law: age_months >= 24
            then allowed
            because nl "Door de wet opgelegd." en "Imposed by law."
            unless beyond_law: share > 10%
              then needs_assessment
              because nl "Gaat verder dan de wet." en "Goes beyond the law."
              unless small: safeguard clean_team and undertakings <= 3
                then allowed_with_safeguards
                because nl "Klein, met clean team." en "Small, with a clean team."
          source SRC-A "para 30"
          example "prohibited"
            competitors = yes
            age_months = 3
            expect prohibited by NE-1
          example "imposed by law"
            competitors = yes
            age_months = 30
            share = 5%
            expect allowed by NE-1
          example "beyond the law"
            competitors = yes
            age_months = 30
            share = 20%
            undertakings = 5
            expect needs_assessment by NE-1
          example "beyond the law, but small"
            competitors = yes
            age_months = 30
            share = 20%
            undertakings = 2
            safeguards = clean_team
            expect allowed_with_safeguards by NE-1
        """

    static func ruleSet() throws -> RuleSet { try miniRuleSet(extra: ["mini/zz.wbr": extra]) }

    func evaluate(_ facts: [String: Value], safeguards: [String] = []) throws -> (Detailed, RuleSet) {
        let ruleSet = try Self.ruleSet()
        let result = Evaluator(ruleSet: ruleSet).evaluateDetailed(activity(ruleSet, kind: "unregulated", facts: facts, safeguards: safeguards), on: june2026)
        return (result, ruleSet)
    }

    @Test func theNestingIsKeptInOrderWithNamesAndParents() throws {
        let ruleSet = try Self.ruleSet()
        let rule = try #require(ruleSet.rules.first { $0.id == "NE-1" })
        #expect(rule.exceptions.map(\.name) == ["by_law", "beyond_law", "small"])
        #expect(rule.exceptions.map(\.parent) == [nil, 0, 1])
        #expect(rule.exceptionPath(2) == "by_law › beyond_law › small")
        #expect(rule.hasNestedExceptions)
    }

    @Test func theExamplesOfEveryLevelPass() throws {
        let ruleSet = try Self.ruleSet()
        let results = ExampleRunner.run(ruleSet).filter { ruleSet.rules[$0.rule].id == "NE-1" }
        #expect(results.count == 4)
        for result in results where !result.passed {
            Issue.record("\"\(result.example.title)\": got \(result.evaluation.verdict.id)")
        }
    }

    @Test func theInnermostExceptionThatHoldsWinsAndDecides() throws {
        let (result, ruleSet) = try evaluate([
            "competitors": .boolean(true), "age_months": .amount(Amount(30)), "share": .amount(Amount(20)), "undertakings": .amount(Amount(5)),
        ])
        #expect(result.verdict == .needsAssessment)
        let trace = try #require(result.traces.first { ruleSet.rules[$0.rule].id == "NE-1" })
        // by_law and beyond_law hold; small does not: beyond_law is the innermost that holds.
        #expect(trace.heldExceptions == [0, 1])
        #expect(ruleSet.rules[trace.rule].innermostException(of: trace.heldExceptions) == 1)
    }

    @Test func aLoweringExceptionCountsOnlyWhenItsFactsAreStated() throws {
        // by_law would lower prohibited to allowed; its fact unknown, prohibited stands.
        let (result, ruleSet) = try evaluate(["competitors": .boolean(true)])
        #expect(result.verdict == .prohibited)
        #expect(result.questions.contains { ruleSet.vocabulary.facts[$0.fact].id == "age_months" })
    }

    @Test func anExceptionThatRaisesBackCountsWhenItMayApply() throws {
        // by_law holds (allowed); whether it goes beyond the law is unknown: needs assessment,
        // with the share as a question, never allowed.
        let (result, ruleSet) = try evaluate(["competitors": .boolean(true), "age_months": .amount(Amount(30))])
        #expect(result.verdict == .needsAssessment)
        #expect(result.questions.contains { ruleSet.vocabulary.facts[$0.fact].id == "share" })
    }

    @Test func aLoweringExceptionDeeperDownAlsoNeedsItsFacts() throws {
        // beyond_law holds (needs assessment); small would lower it, but the number of
        // undertakings is not stated: needs assessment stands.
        let (result, _) = try evaluate(
            ["competitors": .boolean(true), "age_months": .amount(Amount(30)), "share": .amount(Amount(20))], safeguards: ["clean_team"])
        #expect(result.verdict == .needsAssessment)
        #expect(result.determination == .decided)
    }

    @Test func theExceptionsOfAnExceptionThatFailsDoNotMatter() throws {
        // by_law fails (age 3); beyond_law and small hold on their own, and change nothing.
        let (result, ruleSet) = try evaluate(
            ["competitors": .boolean(true), "age_months": .amount(Amount(3)), "share": .amount(Amount(20)), "undertakings": .amount(Amount(2))],
            safeguards: ["clean_team"])
        #expect(result.verdict == .prohibited)
        let trace = try #require(result.traces.first { ruleSet.rules[$0.rule].id == "NE-1" })
        #expect(trace.heldExceptions.isEmpty)
        #expect(result.requiredSafeguards.isEmpty)
    }

    @Test func aFlatRuleCombinesAsBefore() {
        // The nested combination of exceptions that all stand directly under the rule is the
        // flat one, for every mix of held, unknown and failing exceptions and verdicts.
        let verdicts: [Verdict] = [.allowed, .allowedWithSafeguards, .needsAssessment, .prohibited]
        for conclusion in verdicts {
            for first in verdicts {
                for second in verdicts {
                    let exception = [first, second]
                    for held in 0..<UInt64(4) {
                        for maybe in 0..<UInt64(4) where held & maybe == 0 {
                            let flat = Combination.contribution(of: conclusion, held: held, maybe: maybe) { exception[$0] }
                            let nested = Combination.nestedContribution(
                                of: conclusion, count: 2, held: held, maybe: maybe, parent: { _ in -1 }, exception: { exception[$0] })
                            #expect(flat == nested, "\(conclusion) \(exception) held \(held) maybe \(maybe)")
                        }
                    }
                }
            }
        }
    }

    @Test func bothEvaluationPathsAgreeOnNestedRules() throws {
        let ruleSet = try Self.ruleSet()
        #expect(Evaluator(ruleSet: ruleSet).program.isUsable)
        let rule = try #require(ruleSet.rules.first { $0.id == "NE-1" })
        // Every example with each fact taken away, changed or added (LeanEvaluationTests'
        // variants), and a grid over the facts the three levels test.
        var activities = rule.examples.map(\.activity)
        for competitors in [nil, true] {
            for age in [nil, 3, 30] {
                for share in [nil, 5, 20] {
                    for undertakings in [nil, 2, 5] {
                        var facts: [String: Value] = [:]
                        if let competitors { facts["competitors"] = .boolean(competitors) }
                        if let age { facts["age_months"] = .amount(Amount(age)) }
                        if let share { facts["share"] = .amount(Amount(share)) }
                        if let undertakings { facts["undertakings"] = .amount(Amount(undertakings)) }
                        activities.append(activity(ruleSet, kind: "unregulated", facts: facts))
                        activities.append(activity(ruleSet, kind: "unregulated", facts: facts, safeguards: ["clean_team"]))
                    }
                }
            }
        }
        let compared = LeanEvaluationTests.check(activities, ruleSet, on: [june2026])
        #expect(compared > 500)
    }
}
