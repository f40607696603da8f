import Testing
@testable import WaarborgEngine
import WaarborgGenerators
import WaarborgModel
import WaarborgSyntax

/// A variant evaluated from its base's drafts (`LeanSession.variantOutcome`, used by the
/// remedy search) must give the outcome of the changed activity evaluated whole. Compared
/// on the generated rule sets, whose rules test every construct, `rule X applies` among
/// them: variants change one or two facts to values of their type (or to unknown never:
/// the search sets facts), add safeguards, or both, and now and then another activity is
/// evaluated in between, as the search does when it confirms a remedy.
@Suite struct LeanVariantTests {
    @Test func aVariantHasTheOutcomeOfTheChangedActivity() throws {
        var compared = 0, redrafted = 0, changedVerdict = 0
        for seed in GeneratedDifferentialTests.seeds {
            let ruleSet = try #require(GeneratedDifferentialTests.ruleSet(seed: seed).0, "seed \(seed)")
            let evaluator = Evaluator(ruleSet: ruleSet)
            var random = SplitMix64(seed: seed ^ 0x5EED_0F0F)
            let activities = SyntheticActivities.generate(40, for: ruleSet, &random)
            let vocabulary = ruleSet.vocabulary
            var failures = 0
            for date in SyntheticRuleSet.dates {
                let whatIf = WhatIfEvaluator(evaluator: evaluator, date: date)
                let reference = WhatIfEvaluator(evaluator: evaluator, date: date)
                for activity in activities {
                    let (verdict, routes, base) = whatIf.prepareVariants(of: activity)
                    let whole = reference.outcome(activity)
                    #expect(verdict == whole.verdict && routes == whole.routes, "seed \(seed), \(activity.id): the base itself")
                    for attempt in 0..<8 {
                        var changes: [FactChange] = []
                        for _ in 0..<random.int(0...2) where !vocabulary.facts.isEmpty {
                            let fact = random.below(vocabulary.facts.count)
                            let value = SyntheticActivities.value(of: vocabulary.facts[fact].type, vocabulary, &random)
                            changes.append(FactChange(fact: fact, kind: .set, to: value))
                        }
                        let added = vocabulary.safeguards.indices.filter { _ in random.chance(0.15) }
                        if attempt == 4 { _ = whatIf.evaluate(activities[random.below(activities.count)]) }
                        let variant = whatIf.outcome(of: base, changing: changes, adding: added)
                        let expected = reference.outcome(activity.applying(changes, adding: added))
                        compared += 1
                        if !changes.isEmpty || !added.isEmpty { redrafted += 1 }
                        if expected.verdict != verdict { changedVerdict += 1 }
                        if variant.verdict != expected.verdict || variant.routes != expected.routes, failures < 5 {
                            failures += 1
                            Issue.record(
                                "seed \(seed), \(activity.id) on \(date), changes \(changes.map { vocabulary.facts[$0.fact].id }), adding \(added): \(variant) but the changed activity gives \(expected)")
                        }
                    }
                }
            }
        }
        #expect(compared == GeneratedDifferentialTests.seeds.count * 40 * SyntheticRuleSet.dates.count * 8)
        // The comparison means something only if many variants change something and some
        // change the verdict.
        #expect(redrafted > compared / 2 && changedVerdict > compared / 40, "redrafted \(redrafted), changed verdict \(changedVerdict) of \(compared)")
    }
}
