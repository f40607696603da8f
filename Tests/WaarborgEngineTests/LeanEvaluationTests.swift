import Foundation
import Testing
@testable import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// The lean evaluation (compiled conditions, `LeanSession`) must reach exactly what the
/// evaluation on the condition trees reaches: every field of the result, on the real
/// rules, for every rule example, every example plan and activities derived from them
/// with facts and safeguards taken away, changed or added.
@Suite struct LeanEvaluationTests {
    static let realRules: RuleSet? = {
        let folder = repositoryRoot.appendingPathComponent("rules")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        let syntax = names.filter { $0.hasSuffix(".wbr") }.sorted().compactMap { name in
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)).map {
                RuleFileParser.parse(SourceFile(path: "rules/\(name)", text: $0)).syntax
            }
        }
        return RuleSetChecker.check(syntax).0
    }()

    static func examplePlans(_ ruleSet: RuleSet) -> [Plan] {
        let folder = repositoryRoot.appendingPathComponent("examples")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".wbp") }.sorted()
        return names.compactMap { name in
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { return nil }
            let (syntax, _) = PlanParser.parse(SourceFile(path: "examples/\(name)", text: text))
            return PlanChecker.check(syntax, vocabulary: ruleSet.vocabulary).0
        }
    }

    /// Variants of an activity: each fact unknown, each boolean flipped, each number moved
    /// across common thresholds, each safeguard removed, every safeguard added.
    static func variants(of activity: Activity, _ ruleSet: RuleSet) -> [Activity] {
        var result: [Activity] = [activity]
        for (fact, value) in activity.facts.entries {
            var unknown = activity
            unknown.facts[fact] = nil
            result.append(unknown)
            var changed = activity
            switch value.value {
            case .boolean(let flag):
                changed.facts[fact] = FactValue(value: .boolean(!flag), origin: .supposed)
                result.append(changed)
            case .amount(let amount):
                for whole in [0, 1, 2, 5, 12, 30, 1_000_000] where Amount(whole) != amount {
                    changed.facts[fact] = FactValue(value: .amount(Amount(whole)), origin: .supposed)
                    result.append(changed)
                }
            case .members(let set):
                changed.facts[fact] = FactValue(value: .members(MemberSet(set.members.dropFirst())), origin: .supposed)
                result.append(changed)
            case .member(let member):
                changed.facts[fact] = FactValue(value: .member(member == 0 ? 1 : 0), origin: .supposed)
                result.append(changed)
            default:
                break
            }
        }
        for safeguard in activity.safeguards.members {
            var fewer = activity
            fewer.safeguards = MemberSet(activity.safeguards.members.filter { $0 != safeguard })
            result.append(fewer)
        }
        var all = activity
        all.safeguards = MemberSet(0..<ruleSet.vocabulary.safeguards.count)
        result.append(all)
        return result
    }

    static func mismatch(_ a: Evaluator.Core, _ b: Evaluator.Core) -> String? {
        func field<T: Equatable>(_ name: String, _ x: T, _ y: T) -> String? { x == y ? nil : "\(name): \(x) ≠ \(y)" }
        let differences: [String?] = [
            field("verdict", a.verdict, b.verdict), field("determination", a.determination, b.determination),
            field("lowest", a.lowest, b.lowest), field("highest", a.highest, b.highest), field("deciding", a.deciding, b.deciding),
            field("fired", a.fired, b.fired), field("applying", a.applying, b.applying), field("questions", a.questions, b.questions),
            field("required", a.required, b.required), field("recommended", a.recommended, b.recommended),
            field("parameterUses", a.parameterUses, b.parameterUses), field("missing", a.missingParameters, b.missingParameters),
            field("conflicts", a.conflicts, b.conflicts), field("notes", a.notes, b.notes),
            field("decidingExceptions", a.decidingExceptions, b.decidingExceptions),
        ]
        let found = differences.compactMap { $0 }
        return found.isEmpty ? nil : found.joined(separator: "; ")
    }

    static func check(_ activities: [Activity], _ ruleSet: RuleSet, on dates: [DateValue]) -> Int {
        let evaluator = Evaluator(ruleSet: ruleSet)
        var compared = 0
        var failures = 0
        for date in dates {
            for base in activities {
                for activity in variants(of: base, ruleSet) {
                    let lean = evaluator.evaluateCore(activity, on: date, traced: false)
                    let tree = evaluator.treeCore(activity, on: date, traced: true)
                    compared += 1
                    if let difference = mismatch(lean, tree), failures < 20 {
                        failures += 1
                        Issue.record("activity `\(activity.id)` (\(ruleSet.vocabulary.activityKinds[activity.kind].id)) on \(date): \(difference)")
                    }
                }
            }
        }
        return compared
    }

    @Test func theCompiledRulesDecideAsTheConditionTrees() throws {
        let ruleSet = try #require(Self.realRules)
        #expect(Evaluator(ruleSet: ruleSet).program.isUsable)
        let examples = ruleSet.rules.flatMap { rule in rule.examples.map(\.activity) }
        let plans = Self.examplePlans(ruleSet)
        #expect(plans.count >= 10)
        let dates = [
            ruleSet.info.date, DateValue(year: 2019, month: 1, day: 1)!, DateValue(year: 2031, month: 1, day: 1)!,
        ]
        let compared = Self.check(examples + plans.flatMap(\.activities), ruleSet, on: dates)
        #expect(compared > 5000)
    }

    @Test func theMiniRuleSetDecidesAlike() throws {
        let ruleSet = try miniRuleSet()
        let examples = ruleSet.rules.flatMap { rule in rule.examples.map(\.activity) }
        _ = Self.check(examples + (try miniPlan(ruleSet)).activities, ruleSet, on: [june2026])
    }

    @Test func aPlanEvaluatesAlikeInParallel() throws {
        let ruleSet = try #require(Self.realRules)
        let plans = Self.examplePlans(ruleSet)
        let evaluator = Evaluator(ruleSet: ruleSet)
        for plan in plans {
            // Many copies of the plan's activities, so the evaluation is split among threads.
            let many = plan.replacing(activities: Array(repeatElement(plan.activities, count: 300).joined()))
            let evaluation = evaluator.evaluate(many)
            #expect(evaluation.activities.count == many.activities.count)
            for (offset, result) in evaluation.activities.enumerated() {
                let alone = evaluator.evaluate(many.activities[offset], on: many.date)
                if result.activity.id != alone.activity.id || result.verdict != alone.verdict || result.deciding != alone.deciding
                    || result.questions != alone.questions || result.requiredSafeguards != alone.requiredSafeguards {
                    Issue.record("\(plan.name) activity \(offset) differs in parallel")
                    break
                }
            }
        }
    }
}
