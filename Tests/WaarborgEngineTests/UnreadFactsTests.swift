import Testing
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// No stated fact goes unread: a fact the rules of an activity's kind never test is a
/// located warning (WB520), so a reader knows the verdict does not depend on it.
@Suite struct UnreadFactsTests {
    func warnings(_ plan: String) throws -> [String] {
        let ruleSet = try miniRuleSet()
        let evaluation = Evaluator(ruleSet: ruleSet).evaluate(try miniPlan(ruleSet, text: plan))
        return evaluation.diagnostics.filter { $0.code == "WB520" }.map { "\($0.location!): \($0.message)" }
    }

    let parties = """
        plan "Mini"
          date = 2026-06-01

        party a
          kind = practice
          competes_with = b

        party b
          kind = practice
          competes_with = a

        """

    @Test func aFactNoRuleOfTheKindTestsIsAWarningWhereItIsWritten() throws {
        let found = try warnings(parties + """
            activity spare
              kind = unregulated
              parties = a, b
              data_kinds = {prices}

            """)
        #expect(found == [
            "mini/plan.wbp:14:3: `data_kinds` is stated, but no rule for activity `spare` considers it; the verdict does not depend on it. Check the activity's kind, or have the rules assessed for this fact"
        ])
    }

    @Test func aFactTheRulesTestIsNoWarning() throws {
        let found = try warnings(parties + """
            activity prices
              kind = exchange
              parties = a, b
              data_kinds = {prices}
              age_months = 2

            """)
        #expect(found == [])
    }
}
