import Testing
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// Which questions are asked: only those whose answers lead to different verdicts (or every
/// answer to a verdict other than the current one), or that open or close a lowering route.
@Suite struct QuestionOutcomeTests {
    func facts(_ questions: [Question], _ ruleSet: RuleSet) -> [String] { questions.map { ruleSet.vocabulary.facts[$0.fact].id } }

    /// Each fact alone leaves the verdict at needs assessment (it only narrows what the other
    /// fact may bring): neither answer changes the verdict or a route, so neither is asked.
    @Test func aQuestionWhoseEveryAnswerGivesTheSameVerdictAndNoRouteIsNotAsked() throws {
        let rules = """
            rule ZZ-8
              title nl "Concurrenten met groot aandeel" en "Competitors with a large share"
              group area
              applies to unregulated
              when competitors and share > 10%
              then prohibited
              because nl "Verboden." en "Prohibited."
              source SRC-A "para 1"

            rule ZZ-9
              title nl "Geen concurrenten" en "No competitors"
              group area
              applies to unregulated
              when not competitors
              then needs_assessment
              because nl "Nader." en "Assess."
              source SRC-A "para 2"

            rule ZZ-10
              title nl "Klein aandeel" en "Small share"
              group area
              applies to unregulated
              when competitors and share <= 10%
              then needs_assessment
              because nl "Nader." en "Assess."
              source SRC-A "para 3"
            """
        let ruleSet = try miniRuleSet(extra: ["mini/zz.wbr": rules])
        let evaluator = Evaluator(ruleSet: ruleSet)
        let open = evaluator.evaluateDetailed(activity(ruleSet, kind: "unregulated", facts: [:]), on: june2026)
        #expect(open.verdict == .needsAssessment)
        #expect(open.determination == .undetermined)
        // Every single answer still gives needs assessment, and no lowering route is involved.
        for (fact, values) in [("competitors", [Value.boolean(true), .boolean(false)]), ("share", [.amount(Amount(5)), .amount(Amount(50))])] {
            for value in values {
                let answered = evaluator.evaluate(activity(ruleSet, kind: "unregulated", facts: [fact: value]), on: june2026)
                #expect(answered.verdict == .needsAssessment, "\(fact) = \(value)")
            }
        }
        #expect(open.questions.isEmpty, "asked: \(facts(open.questions, ruleSet))")
    }

    /// A lowering exception whose facts are unknown does not lower (burden of proof): every
    /// answer to one of its facts keeps the verdict, but an answer closes the route. The
    /// question is asked, and says which route it decides and the verdict every answer gives.
    @Test func aQuestionThatOnlyOpensOrClosesARouteIsAskedAndSaysSo() throws {
        let rules = """
            rule ZZ-11
              title nl "Verboden tenzij" en "Prohibited unless"
              group area
              applies to unregulated
              then prohibited
              because nl "Verboden." en "Prohibited."
              unless not competitors and share <= 10%
                then allowed
                because nl "Toegestaan." en "Allowed."
              source SRC-A "para 4"
            """
        let ruleSet = try miniRuleSet(extra: ["mini/zz.wbr": rules])
        let result = Evaluator(ruleSet: ruleSet).evaluateDetailed(activity(ruleSet, kind: "unregulated", facts: [:]), on: june2026)
        #expect(result.verdict == .prohibited)
        #expect(facts(result.questions, ruleSet).sorted() == ["competitors", "share"])
        for question in result.questions {
            #expect(Set(question.outcomes.map(\.verdict)) == [.prohibited])
            #expect(question.routes.map { ruleSet.rules[$0].id } == ["ZZ-11"])
            #expect(question.routeVerdict == .prohibited)
        }

        // Where the answers lead to different verdicts, no route is named.
        let stated = Evaluator(ruleSet: ruleSet).evaluateDetailed(
            activity(ruleSet, kind: "unregulated", facts: ["competitors": .boolean(false)]), on: june2026)
        let share = try #require(stated.questions.first)
        #expect(Set(share.outcomes.map(\.verdict)) == [.allowed, .prohibited])
        #expect(share.routes.isEmpty)
        #expect(share.routeVerdict == nil)
    }
}
