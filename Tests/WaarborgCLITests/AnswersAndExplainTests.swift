import Foundation
import Testing
import WaarborgEngine
import WaarborgModel
@testable import WaarborgCLI

@Suite struct AnswersAndExplainTests {
    @Test func answersFillOpenFactsWithoutEditingThePlan() throws {
        try withTemporaryFolder { folder in
            let answers = folder.appendingPathComponent("answers.wba")
            write("# answers\nactivity unknown_age\n  age_months = 20\n", to: answers)
            let before = waarborg("check", miniPlan, "--rules", miniRules, "--format", "json", "--lang", "en")
            let after = waarborg("check", miniPlan, "--rules", miniRules, "--format", "json", "--lang", "en", "--answers", answers.path)
            #expect(after.errors.isEmpty)
            func verdict(_ run: Run, _ id: String) -> String? {
                let object = reportDocument(run.output)
                let activities = object?["activities"] as? [[String: Any]] ?? []
                return activities.first { $0["id"] as? String == id }?["verdict"] as? String
            }
            #expect(verdict(before, "unknown_age") == "needs_assessment")
            #expect(verdict(after, "unknown_age") == "needs_assessment")
            #expect(after.output.contains("\"line\": 3"), "the answered fact points into the answers file")

            let json = folder.appendingPathComponent("answers.json")
            write(#"{ "unknown_age": { "age_months": 3 }, "benchmark": { "age_months": 18 } }"#, to: json)
            let fromJSON = waarborg("check", miniPlan, "--rules", miniRules, "--format", "json", "--answers", json.path)
            #expect(fromJSON.errors.isEmpty)
            #expect(verdict(fromJSON, "unknown_age") == "prohibited")
        }
    }

    @Test func answersReplacingThePlanWarnAndBadAnswersAreErrors() throws {
        try withTemporaryFolder { folder in
            let answers = folder.appendingPathComponent("answers.wba")
            write("activity benchmark\n  age_months = 3\nactivity unknwn_age\n  age_months = 1\n", to: answers)
            let run = waarborg("check", miniPlan, "--rules", miniRules, "--answers", answers.path, "--lang", "en")
            #expect(run.code == 2)
            #expect(run.output.isEmpty)
            #expect(run.errors.contains("\(answers.path):3:10: error: the plan has no activity `unknwn_age`; did you mean `unknown_age`? [WB422]"))
            write("activity benchmark\n  age_months = 3\n", to: answers)
            let replaced = waarborg("check", miniPlan, "--rules", miniRules, "--answers", answers.path, "--lang", "en")
            #expect(replaced.errors.hasPrefix("\(answers.path):2:3: warning: this answer in \(answers.path) replaces the value the plan states for `age_months` in activity `benchmark` (`18` becomes `3`) [WB423]"))
            let json = folder.appendingPathComponent("answers.json")
            write("{ \"benchmark\": { \"age_months\": \"old\" } }", to: json)
            let badJSON = waarborg("check", miniPlan, "--rules", miniRules, "--answers", json.path, "--lang", "en")
            #expect(badJSON.errors.hasPrefix("\(json.path):1:32: error: `age_months` is a number; a string is not (write for example 12) [WB401]"))
            write("{ \"benchmark\": { \"age_months\": 3, } }", to: json)
            let malformed = waarborg("check", miniPlan, "--rules", miniRules, "--answers", json.path, "--lang", "en")
            #expect(malformed.errors.hasPrefix("\(json.path):1:35: error: expected a key in double quotes, found `}` [WB210]"))
        }
    }

    @Test func questionsChecklist() {
        let run = waarborg("questions", miniPlan, "--rules", miniRules, "--lang", "en")
        #expect(run.code == 1, "open questions remain")
        #expect(run.output.contains("[ ] 1. How old? (`age_months`, number)"))
        #expect(run.output.contains("    - unknown_age (Tests/Fixtures/mini/plan.wbp:37:10): ≤ 11 → prohibited; ≥ 12 → needs assessment"))
        #expect(run.output.hasSuffix("activity unknown_age\n  # How old? (number)\n  age_months = …\n"))
        let json = waarborg("questions", miniPlan, "--rules", miniRules, "--format", "json")
        let object = try? JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect((object?["questions"] as? [[String: Any]])?.first?["fact"] as? String == "age_months")
    }

    @Test func explainShowsEveryRuleAndWhyNotAllowed() {
        let run = waarborg("explain", miniPlan, "prices_now", "--rules", miniRules, "--lang", "en")
        #expect(run.code == 0)
        #expect(run.output.contains("Rules considered, by id (5):"))
        #expect(run.output.contains("  - EX-1 Current sensitive data [area]: applies → prohibited"))
        #expect(run.output.contains("        [held] age_months < P-AGE — age_months = 2 (stated at Tests/Fixtures/mini/plan.wbp:28:3); P-AGE = 12 (since 2020-01-01, until 2027-01-01, SRC-A para 1)"))
        #expect(run.output.contains("      unless 1 → needs assessment: failed"))
        #expect(run.output.contains("        [failed] not competitors — competitors = yes (derived: a competes with b)"))
        #expect(run.output.contains("Why not allowed?\n    - EX-1 → prohibited; unless 1 (needs assessment) still needs: safeguards clean_team"))
        #expect(run.output.hasSuffix("Verdict on the plan: prohibited — the worst verdict of its activities (prices_now)\n"))
        #expect(!run.output.contains("Activity benchmark"))
        let unknown = waarborg("explain", miniPlan, "price_now", "--rules", miniRules, "--lang", "en")
        #expect(unknown.code == 2)
        #expect(unknown.errors == "error: the plan has no activity `price_now`; did you mean `prices_now`?\n")
        let json = waarborg("explain", miniPlan, "--rules", miniRules, "--format", "json")
        let object = try? JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect((object?["activities"] as? [[String: Any]])?.count == 4)
    }

    /// For every example activity with a remedy: applying the first one and checking again
    /// reaches the verdict it promises.
    @Test func theFirstRemedyOfEveryExampleActivityKeepsItsPromise() throws {
        FileManager.default.changeCurrentDirectoryPath(repositoryRoot.path)
        let loader = Loader(environment: [:])
        let (loaded, diagnostics) = loader.loadRuleSet("rules")
        let ruleSet = try #require(loaded, "\(diagnostics.map(\.message))")
        let evaluator = Evaluator(ruleSet: ruleSet)
        var checked = 0
        for example in GoldenTests.examples {
            let (plan, _) = loader.loadPlan("examples/\(example)", ruleSet: ruleSet)
            let evaluation = evaluator.evaluate(try #require(plan))
            for activity in evaluation.activities {
                guard let remedy = evaluator.detail(activity, on: evaluation.asOf).remedies.first else { continue }
                var fixed = activity.activity
                for safeguard in remedy.addSafeguards { fixed.safeguards.insert(safeguard) }
                for change in remedy.changeFacts { fixed.facts[change.fact] = FactValue(value: change.to, origin: .supposed) }
                #expect(evaluator.evaluate(fixed, on: evaluation.asOf).verdict == remedy.reaches, "\(example) \(activity.activity.id)")
                checked += 1
            }
        }
        #expect(checked > 0, "the examples show at least one remedy")
    }
}
