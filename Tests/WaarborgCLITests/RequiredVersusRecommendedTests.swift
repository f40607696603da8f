import Foundation
import Testing
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax
@testable import WaarborgCLI

/// Issue 21 on the live rule set: an "allowed with safeguards" verdict rests only on the
/// safeguards its source names, so it never requires a safeguard declared `recommended only`;
/// and a remedy only changes what the parties can change, so it never proposes a fact
/// declared `fixed` (legal digest §7.4, column Remedy). Every rule example and every activity
/// of every example plan is evaluated, with its remedies.
@Suite struct RequiredVersusRecommendedTests {
    /// The rule files as text, by name, so a test can alter one declaration.
    static func ruleTexts() throws -> [(name: String, text: String)] {
        let folder = repositoryRoot.appendingPathComponent("rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".wbr") }.sorted()
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    static func check(_ texts: [(name: String, text: String)]) -> (RuleSet?, [Diagnostic]) {
        let parsed = texts.map { RuleFileParser.parse(SourceFile(path: "rules/\($0.name)", text: $0.text)) }
        let (ruleSet, diagnostics) = RuleSetChecker.check(parsed.map(\.syntax))
        return (ruleSet, parsed.flatMap(\.diagnostics) + diagnostics)
    }

    /// Every activity to look at: the rule examples (on their dates) and the example plans'
    /// activities (on the plans' dates).
    static func activities(_ ruleSet: RuleSet) -> [(label: String, activity: Activity, date: DateValue)] {
        var found: [(String, Activity, DateValue)] = []
        for rule in ruleSet.rules {
            for example in rule.examples {
                found.append(("\(rule.id) example \"\(example.title)\"", example.activity, example.date ?? ruleSet.info.date))
            }
        }
        FileManager.default.changeCurrentDirectoryPath(repositoryRoot.path)
        let loader = Loader(environment: [:])
        let plans = ((try? FileManager.default.contentsOfDirectory(atPath: "examples")) ?? [])
            .filter { $0.hasSuffix(".wbp") || $0.hasSuffix(".md") }.sorted()
        for name in plans {
            let (plan, diagnostics) = loader.loadPlan("examples/\(name)", ruleSet: ruleSet)
            #expect(!diagnostics.hasErrors, "examples/\(name) does not load")
            guard let plan else { continue }
            for activity in plan.activities {
                found.append(("examples/\(name) activity \(activity.id)", activity, plan.date))
            }
        }
        return found
    }

    /// What breaks the two guarantees, one line each.
    static func violations(_ ruleSet: RuleSet) -> (findings: [String], activities: Int, remedies: Int) {
        let vocabulary = ruleSet.vocabulary
        let recommendedOnly = Set(vocabulary.safeguards.indices.filter { vocabulary.safeguards[$0].recommendedOnly })
        let fixed = Set(vocabulary.facts.indices.filter { vocabulary.facts[$0].isFixed })
        let evaluator = Evaluator(ruleSet: ruleSet)
        var findings: [String] = []
        var remedyCount = 0
        let all = activities(ruleSet)
        for (label, activity, date) in all {
            let (evaluation, detail) = evaluator.evaluateInDetail(activity, on: date)
            if evaluation.verdict == .allowedWithSafeguards {
                for safeguard in evaluation.requiredSafeguards where recommendedOnly.contains(safeguard) {
                    findings.append("\(label): allowed with safeguards requires `\(vocabulary.safeguards[safeguard].id)`, which is recommended only")
                }
            }
            for remedy in detail.remedies {
                remedyCount += 1
                for change in remedy.changeFacts where fixed.contains(change.fact) {
                    findings.append("\(label): a remedy changes `\(vocabulary.facts[change.fact].id)`, which is fixed")
                }
                if remedy.reaches <= .allowedWithSafeguards {
                    for safeguard in remedy.addSafeguards where recommendedOnly.contains(safeguard) {
                        findings.append("\(label): a remedy reaches \(remedy.reaches) by adding `\(vocabulary.safeguards[safeguard].id)`, which is recommended only")
                    }
                }
            }
        }
        return (findings, all.count, remedyCount)
    }

    @Test func theLiveRulesNeverRequireARecommendedSafeguardNorProposeAFixedFact() throws {
        let (checked, diagnostics) = Self.check(try Self.ruleTexts())
        #expect(!diagnostics.hasErrors)
        let ruleSet = try #require(checked)
        let vocabulary = ruleSet.vocabulary
        // The marks the digest asks for are in place (otherwise the test proves nothing).
        for id in ["compliance_officer", "legal_counsel_present", "agenda_and_minutes", "chair_by_insurer_or_independent"] {
            let index = try #require(vocabulary.safeguardIndex[id], "safeguard \(id)")
            #expect(vocabulary.safeguards[index].recommendedOnly, "\(id) should be recommended only")
        }
        for id in ["combined_market_share_pct", "combined_turnover_eur_prev_year", "affects_trade_between_member_states",
                   "parties_are_competitors", "imposed_by_law", "max_persons_providing_care", "shortage_region", "possible_dominance"] {
            let index = try #require(vocabulary.factIndex[id], "fact \(id)")
            #expect(vocabulary.facts[index].isFixed, "\(id) should be fixed")
        }
        let (findings, activities, remedies) = Self.violations(ruleSet)
        #expect(findings.isEmpty, "\(findings.joined(separator: "\n"))")
        // Enough ground covered: every example and plan activity, and remedies among them.
        #expect(activities > 250)
        #expect(remedies > 20)
    }

    /// The check can fail: without the `fixed` marks, the remedy search proposes changing
    /// facts the parties cannot change (a market share, competitor status, what the law
    /// imposes), and the check reports them.
    @Test func fixedFactsUnmarkedAreProposedAndCaught() throws {
        let original = try Self.ruleTexts()
        let (live, _) = Self.check(original)
        let liveRules = try #require(live)
        let fixedIds = Set(liveRules.vocabulary.facts.filter(\.isFixed).map(\.id))
        let texts = original.map { file in (name: file.name, text: file.text.replacingOccurrences(of: "\n  fixed\n", with: "\n")) }
        let (checked, diagnostics) = Self.check(texts)
        #expect(!diagnostics.hasErrors)
        let ruleSet = try #require(checked)
        #expect(ruleSet.vocabulary.facts.allSatisfy { !$0.isFixed })
        let evaluator = Evaluator(ruleSet: ruleSet)
        var proposed = Set<String>()
        for (_, activity, date) in Self.activities(ruleSet) {
            let (_, detail) = evaluator.evaluateInDetail(activity, on: date)
            for remedy in detail.remedies {
                for change in remedy.changeFacts where fixedIds.contains(ruleSet.vocabulary.facts[change.fact].id) {
                    proposed.insert(ruleSet.vocabulary.facts[change.fact].id)
                }
            }
        }
        #expect(!proposed.isEmpty, "without the marks, some remedy should change a fact the parties cannot change")
    }

    /// The checker refuses a permitting branch that requires a recommended-only safeguard
    /// (WB366): marking `aggregation`, which IX-03 and IN-05 require, breaks the rule set.
    @Test func aRequiredSafeguardMarkedRecommendedOnlyIsRefused() throws {
        let texts = try Self.ruleTexts().map { file in
            (name: file.name, text: file.text.replacingOccurrences(
                of: "\nsafeguard aggregation\n", with: "\nsafeguard aggregation\n  recommended only\n"))
        }
        let (_, diagnostics) = Self.check(texts)
        #expect(diagnostics.contains { $0.code == "WB366" })
    }
}
