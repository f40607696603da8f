import Foundation
import Testing
import WaarborgEngine
import WaarborgGenerators
import WaarborgModel
import WaarborgSyntax
@testable import WaarborgLint

/// The safety property of the live rule set, tested on generated activities (the lint proof
/// establishes it over the condition language; this checks the same claim by evaluation):
/// an activity of any kind that states a hardcore fact yes, whatever else it states, never
/// reaches `allowed` or `allowed_with_safeguards`, except where a declared lowering route
/// (a scope rule of the precedence) decides it.
@Suite struct HardcorePropertyTests {
    static func liveRules() throws -> RuleSet {
        let folder = repositoryRoot.appendingPathComponent("rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".wbr") }.sorted()
        let parsed = try names.map { name in
            RuleFileParser.parse(SourceFile(path: "rules/\(name)", text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)))
        }
        let (ruleSet, diagnostics) = RuleSetChecker.check(parsed.map(\.syntax))
        #expect(!(parsed.flatMap(\.diagnostics) + diagnostics).hasErrors)
        return try #require(ruleSet)
    }

    @Test func aHardcoreFactStatedYesNeverPermitsOutsideADeclaredRoute() throws {
        let ruleSet = try Self.liveRules()
        let vocabulary = ruleSet.vocabulary
        let hardcore = vocabulary.facts.indices.filter { vocabulary.facts[$0].isHardcore }
        try #require(!hardcore.isEmpty, "the live rules declare no hardcore facts")
        let date = ruleSet.info.date
        let search = SatisfiabilitySearch(ruleSet: ruleSet, date: date)
        let conditions = ruleSet.rules.flatMap { rule in (rule.condition.map { [$0] } ?? []) + rule.exceptions.map(\.condition) }
        let domains = vocabulary.facts.indices.map { search.domain(for: $0, in: conditions) }
        let routeRules = Set(ruleSet.precedences.flatMap { precedence in
            ruleSet.rules.filter { rule in
                precedence.route(for: rule).map { $0.floor < .needsAssessment } ?? false
            }.map(\.index)
        })
        let evaluator = Evaluator(ruleSet: ruleSet)
        var generator = MutationTests.Random(seed: 20_261_202)  // the same activities on every run
        let range = SourceRange(file: SourceFile(path: "generated", text: ""), start: 0, end: 0)
        var evaluated = 0
        var failures: [String] = []
        for kind in vocabulary.activityKinds.indices {
            for _ in 0..<40 {
                var facts = FactTable()
                // Each other fact: unknown about half the time, else one of its representative values.
                for fact in vocabulary.facts.indices where generator.below(2) == 0 && !domains[fact].isEmpty {
                    facts[fact] = FactValue(value: domains[fact][generator.below(domains[fact].count)], origin: .supposed)
                }
                let safeguards = MemberSet(vocabulary.safeguards.indices.filter { _ in generator.below(3) == 0 })
                let stated = hardcore[generator.below(hardcore.count)]
                facts[stated] = FactValue(value: .boolean(true), origin: .supposed)
                let activity = Activity(
                    id: "generated", title: nil, kind: kind, parties: [], facts: facts, safeguards: safeguards,
                    safeguardRanges: [:], range: range, kindRange: nil)
                let evaluation = evaluator.evaluate(activity, on: date)
                evaluated += 1
                guard evaluation.verdict.permits, !evaluation.deciding.contains(where: routeRules.contains) else { continue }
                failures.append("\(vocabulary.activityKinds[kind].id) with \(vocabulary.facts[stated].id) = yes: \(evaluation.verdict.id) by \(evaluation.deciding.map { ruleSet.rules[$0].id })")
            }
        }
        #expect(evaluated == vocabulary.activityKinds.count * 40)
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
    }
}
