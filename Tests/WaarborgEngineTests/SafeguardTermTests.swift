import Testing
@testable import WaarborgEngine
import WaarborgGenerators
import WaarborgModel
import WaarborgSyntax

/// The remedy search combines safeguard sets as one word (`NarrowTerm`) where the catalogue
/// fits and as `MemberSet`s otherwise; both must give the same sets in the same order, so
/// the report does not depend on the size of the catalogue.
@Suite struct SafeguardTermTests {
    static func randomSet(_ random: inout SplitMix64) -> [Int] {
        let count = Int(random.next() % 6)
        return (0..<count).map { _ in Int(random.next() % 64) }
    }

    @Test func bothRepresentationsAgreeOnEveryOperation() {
        var random = SplitMix64(seed: 20261202)
        for _ in 0..<5_000 {
            let a = Self.randomSet(&random)
            let b = Self.randomSet(&random)
            let (narrowA, narrowB) = (NarrowTerm(a), NarrowTerm(b))
            let (wideA, wideB) = (MemberSet(a), MemberSet(b))
            #expect(narrowA.members == wideA.members)
            #expect(narrowA.union(narrowB).members == wideA.union(wideB).members)
            #expect(narrowA.isSubset(of: narrowB) == wideA.isSubset(of: wideB))
            #expect(narrowA.isEmpty == wideA.isEmpty)
            #expect(narrowA.precedes(narrowB) == wideA.precedes(wideB), "\(a) \(b)")
            #expect((narrowA == narrowB) == (wideA == wideB))
        }
    }

    @Test func distinctSortsBothTheSameWay() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let sets = (0..<20).map { _ in Self.randomSet(&random) }
            let narrow = RemedyFinder.distinct(sets.map { NarrowTerm($0) }).map(\.members)
            let wide = RemedyFinder.distinct(sets.map { MemberSet($0) }).map(\.members)
            #expect(narrow == wide)
            #expect(Set(narrow.map { $0 }).count == narrow.count)
        }
    }

    /// The whole search, on every activity of the example plans and on variants of them
    /// (facts unknown or changed, safeguards taken away or added).
    @Test func theSearchFindsTheSameRemediesWithEither() throws {
        try Self.compare { finder, variant in finder.remedies(for: variant, wide: true) }
    }

    /// The search skips building the sets of a condition that tests no safeguard (it holds
    /// now or never, whatever is added): the remedies must be those of the full walk.
    @Test func theShortcutFindsTheSameRemediesAsTheFullWalk() throws {
        try Self.compare { finder, variant in finder.remedies(for: variant, walksEverything: true) }
    }

    /// The default search against `other` on the example plans' activities and variants;
    /// more than 50 of them must have remedies, so the comparison says something.
    static func compare(_ other: (RemedyFinder, Activity) -> [Remedy]) throws {
        let ruleSet = try #require(LeanEvaluationTests.realRules)
        let evaluator = Evaluator(ruleSet: ruleSet)
        var compared = 0
        for plan in LeanEvaluationTests.examplePlans(ruleSet) {
            let whatIf = WhatIfEvaluator(evaluator: evaluator, date: plan.date)
            let finder = RemedyFinder(evaluator: evaluator, date: plan.date, whatIf: whatIf)
            for activity in plan.activities {
                for variant in LeanEvaluationTests.variants(of: activity, ruleSet).prefix(12) {
                    let found = finder.remedies(for: variant)
                    #expect(found == other(finder, variant), "\(plan.name) \(activity.id)")
                    if !found.isEmpty { compared += 1 }
                }
            }
        }
        #expect(compared > 50)
    }

    /// `readsSafeguards` against the nodes themselves, on the real rules and generated ones.
    @Test func aSubtreeReadsSafeguardsWhereOneOfItsNodesIsASafeguardTest() throws {
        var ruleSets = [try #require(LeanEvaluationTests.realRules)]
        for seed in GeneratedDifferentialTests.seeds.prefix(5) {
            if let generated = GeneratedDifferentialTests.ruleSet(seed: seed).0 { ruleSets.append(generated) }
        }
        for ruleSet in ruleSets {
            var reading = 0
            let program = CompiledRuleSet(ruleSet)
            for node in program.nodes.indices {
                let expected = (node..<Int(program.nodes[node].end)).contains { program.nodes[$0].operation == .safeguards }
                #expect(program.readsSafeguards(node) == expected)
                if expected { reading += 1 }
            }
            #expect(reading > 0 && reading < program.nodes.count)
        }
    }
}
