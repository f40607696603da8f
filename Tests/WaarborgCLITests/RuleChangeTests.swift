import Foundation
import Testing

/// Runs git in `folder` (for tests of what Waarborg reads from a repository).
@discardableResult
func git(_ arguments: [String], in folder: URL) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", folder.path, "-c", "user.name=Waarborg Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"] + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}

/// A folder with the mini rules and its plan, committed to a fresh git repository.
func miniRepository(in folder: URL) -> (rules: URL, plans: URL) {
    let rules = folder.appendingPathComponent("rules")
    let plans = folder.appendingPathComponent("plans")
    for name in ["rules.wbr", "vocabulary.wbr"] { write(read("\(miniRules)/\(name)"), to: rules.appendingPathComponent(name)) }
    write(read(miniPlan), to: plans.appendingPathComponent("mini.wbp"))
    git(["init", "-q"], in: folder)
    git(["add", "."], in: folder)
    git(["commit", "-q", "-m", "rules"], in: folder)
    return (rules, plans)
}

/// A lawyer's rule change: what `waarborg test` says about failing examples, and the
/// expected verdicts of the example plans (`--plans`, `--update`).
@Suite struct RuleChangeTests {
    /// Raising a parameter makes examples fail: the message names the parameter with its
    /// old value (from the last commit) and its new one, and says the example passes with
    /// the old value; the conditions that decided are shown with their facts.
    @Test(arguments: ["en", "nl"])
    func aChangedParameterIsNamedWithItsOldAndNewValue(_ language: String) throws {
        try withTemporaryFolder { folder in
            let (rules, _) = miniRepository(in: folder)
            let vocabulary = rules.appendingPathComponent("vocabulary.wbr")
            let text = try String(contentsOf: vocabulary, encoding: .utf8)
            write(text.replacingOccurrences(of: "value 12 from 2020-01-01 until 2027-01-01", with: "value 2 from 2020-01-01 until 2027-01-01"), to: vocabulary)
            let run = waarborg("test", rules.path, "--lang", language)
            #expect(run.code == 1)
            if language == "en" {
                #expect(run.output.contains("error: example \"recent prices\" of EX-1 expects prohibited by EX-1, but got needs_assessment by EX-2"))
                #expect(run.output.contains("note: parameter P-AGE changed from 12 (HEAD) to 2 (\(rules.path)/vocabulary.wbr:92:3); with 12 this example passes"))
                #expect(run.output.contains("note: EX-1 does not apply: `age_months < P-AGE` (\(rules.path)/rules.wbr:5:65) is false with age_months = 3, P-AGE = 2"))
                #expect(run.output.contains("help: if the new value of P-AGE is right, write what the example now gets (`expect needs_assessment by EX-2`)"))
            } else {
                #expect(run.output.contains("note: parameter P-AGE is gewijzigd van 12 (HEAD) in 2 (\(rules.path)/vocabulary.wbr:92:3); met 12 slaagt dit voorbeeld"))
                #expect(run.output.contains("help: is de nieuwe waarde van P-AGE juist"))
            }
        }
    }

    /// An example that lacks a fact says which fact, and where to write it.
    @Test func anUnknownFactSaysWhereToStateIt() throws {
        try withTemporaryFolder { folder in
            let text = read("\(miniRules)/rules.wbr").replacingOccurrences(of: "    age_months = 3\n    expect prohibited by EX-1", with: "    expect prohibited by EX-1")
            write(text, to: folder.appendingPathComponent("rules.wbr"))
            write(read("\(miniRules)/vocabulary.wbr"), to: folder.appendingPathComponent("vocabulary.wbr"))
            let run = waarborg("test", folder.path, "--lang", "en")
            #expect(run.code == 1)
            #expect(run.output.contains("note: fact `age_months` is unknown (needed by EX-1, EX-2)"))
            #expect(run.output.contains("help: state the fact in the example (`age_months = …`), or, if every example may assume it, under `examples assume` in ruleset.wbr"))
        }
    }

    /// `--update` writes each plan's expected verdicts; a rule change that changes a verdict
    /// then fails the check with the difference, until `--update` is run again; the file of
    /// a removed plan is reported, then removed.
    @Test func expectedVerdictsAreWrittenCheckedAndUpdated() throws {
        try withTemporaryFolder { folder in
            let (rules, plans) = miniRepository(in: folder)
            let missing = waarborg("test", rules.path, "--plans", plans.path, "--lang", "en")
            #expect(missing.code == 1)
            #expect(missing.errors.contains("mini.verdicts: error: the expected verdicts of this plan are missing; run `waarborg test \(rules.path) --plans \(plans.path) --update`"))
            let update = waarborg("test", rules.path, "--plans", plans.path, "--update", "--lang", "en")
            #expect(update.code == 0, "\(update.errors)")
            let verdicts = try String(contentsOf: plans.appendingPathComponent("mini.verdicts"), encoding: .utf8)
            #expect(verdicts.contains("\nactivity prices_now"))
            #expect(verdicts.contains("  verdict prohibited\n  by EX-1\n"))
            #expect(waarborg("test", rules.path, "--plans", plans.path).code == 0)

            // A rule change: EX-1 no longer prohibits.
            let file = rules.appendingPathComponent("rules.wbr")
            let text = try String(contentsOf: file, encoding: .utf8)
            write(text.replacingOccurrences(of: "age_months < P-AGE\n  then prohibited", with: "age_months < P-AGE\n  then needs_assessment")
                .replacingOccurrences(of: "expect prohibited by EX-1", with: "expect needs_assessment by EX-1"), to: file)
            let changed = waarborg("test", rules.path, "--plans", plans.path, "--lang", "en")
            #expect(changed.code == 1)
            #expect(changed.output.contains("-  verdict prohibited\n+  verdict needs_assessment\n"), "\(changed.output)")
            #expect(changed.errors.contains("mini.verdicts:"))
            #expect(changed.errors.contains("error: the plan's verdicts under the rules differ from its expected verdicts"))
            #expect(waarborg("test", rules.path, "--plans", plans.path, "--update").code == 0)
            #expect(waarborg("test", rules.path, "--plans", plans.path).code == 0)

            // A plan removed: its verdicts are stale.
            try FileManager.default.moveItem(at: plans.appendingPathComponent("mini.wbp"), to: folder.appendingPathComponent("mini.wbp"))
            let stale = waarborg("test", rules.path, "--plans", plans.path, "--lang", "en")
            #expect(stale.code == 1)
            #expect(stale.errors.contains("mini.verdicts: error: no plan of this name"))
            #expect(waarborg("test", rules.path, "--plans", plans.path, "--update").code == 0)
            #expect(!FileManager.default.fileExists(atPath: plans.appendingPathComponent("mini.verdicts").path))
        }
    }

    @Test func updateNeedsSomethingToUpdate() {
        let run = waarborg("test", miniRules, "--update", "--lang", "en")
        #expect(run.code == 2)
        #expect(run.errors.contains("`--update` writes the files of `--plans DIR` and `--docs FILE`"))
    }

    // MARK: waarborg impact

    /// A raised parameter flips an activity of the plan (allowed with safeguards by EX-2 →
    /// prohibited by EX-1): impact against the last commit names it, in text (nl, en),
    /// JSON and GitHub annotations.
    @Test func impactShowsAFlippedVerdictAgainstAGitRevision() throws {
        try withTemporaryFolder { folder in
            let (rules, plans) = miniRepository(in: folder)
            let unchanged = waarborg("impact", plans.path, "--base", "HEAD", "--rules", rules.path, "--lang", "en")
            #expect(unchanged.code == 0, "\(unchanged.errors)")
            #expect(unchanged.output.hasSuffix("\n0 of 4 activities in 0 of 1 plans change\n"))

            let vocabulary = rules.appendingPathComponent("vocabulary.wbr")
            let text = try String(contentsOf: vocabulary, encoding: .utf8)
            write(text.replacingOccurrences(of: "value 12 from 2020-01-01 until 2027-01-01", with: "value 24 from 2020-01-01 until 2027-01-01"), to: vocabulary)
            let run = waarborg("impact", plans.path, "--base", "HEAD", "--rules", rules.path, "--lang", "en")
            #expect(run.code == 0, "\(run.errors)")
            #expect(run.output.hasPrefix("Impact of the rule change: HEAD:\(rules.path) → \(rules.path) (working tree)\n"))
            #expect(run.output.contains("\(plans.path)/mini.wbp \"Mini consortium\": plan prohibited (unchanged)\n"), "\(run.output)")
            #expect(run.output.contains("  benchmark (line 30): allowed with safeguards → prohibited\n    was: EX-2; now: EX-1\n"), "\(run.output)")
            #expect(run.output.hasSuffix("\n1 of 4 activities in 1 of 1 plans change\n"))

            let dutch = waarborg("impact", plans.path, "--base", "HEAD", "--rules", rules.path)
            #expect(dutch.output.contains("  benchmark (regel 30): toegestaan mits waarborgen → verboden\n    was: EX-2; nu: EX-1\n"), "\(dutch.output)")

            let json = waarborg("impact", plans.path, "--base", "HEAD", "--rules", rules.path, "--format", "json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
            let plan = try #require((object["plans"] as? [[String: Any]])?.first)
            let change = try #require((plan["activities"] as? [[String: Any]])?.first)
            #expect(change["id"] as? String == "benchmark")
            #expect((change["before"] as? [String: Any])?["verdict"] as? String == "allowed_with_safeguards")
            #expect((change["after"] as? [String: Any])?["rules"] as? [String] == ["EX-1"])
            #expect((object["summary"] as? [String: Any])?["activities_changed"] as? Int == 1)

            let github = waarborg("impact", plans.path, "--base", "HEAD", "--rules", rules.path, "--format", "github", "--lang", "en")
            #expect(github.output == "::warning file=\(plans.path)/mini.wbp,line=30,title=Impact of the rule change%3A benchmark::allowed with safeguards → prohibited (was: EX-2; now: EX-1)\n")
        }
    }

    /// Two folders of rules: the frozen fixture and a copy with P-IX-AGE raised to 24
    /// months flip the cost benchmark of the Zorghub Noord plan from allowed with
    /// safeguards (IX-03) to needs assessment (IX-04).
    @Test func impactComparesTwoFoldersOnAnExamplePlan() throws {
        try withTemporaryFolder { folder in
            let raised = folder.appendingPathComponent("rules")
            for name in try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent(GoldenTests.fixtureRules).path) {
                var text = read("\(GoldenTests.fixtureRules)/\(name)")
                if name == "parameters.wbr" { text = text.replacingOccurrences(of: "value 12 from 2019-02-27", with: "value 24 from 2019-02-27") }
                write(text, to: raised.appendingPathComponent(name))
            }
            let run = waarborg("impact", "\(GoldenTests.fixturePlans)/zorghub-noord.wbp", "--base", GoldenTests.fixtureRules, "--rules", raised.path, "--lang", "en")
            #expect(run.code == 0, "\(run.errors)")
            #expect(run.output.contains("kostenbenchmark \"Benchmark praktijkkosten huisartsen via Praktijkdata Analyse B.V.\" (line 73): allowed with safeguards → needs assessment\n    was: IX-03; now: IX-04\n"), "\(run.output)")
        }
    }

    @Test func impactUsageAndInputErrors() {
        #expect(waarborg("impact", "examples", "--lang", "en").errors.contains("`waarborg impact` needs the rules to compare with"))
        #expect(waarborg("impact", "--base", "HEAD", "--lang", "en").errors.contains("needs plans or a folder of plans"))
        let unknown = waarborg("impact", miniPlan, "--rules", miniRules, "--base", "no-such-revision-xyz", "--lang", "en")
        #expect(unknown.code == 2)
        #expect(unknown.errors.contains("cannot read the rules of `no-such-revision-xyz`"))
        #expect(waarborg("impact", "--help", "--lang", "en").output.hasPrefix("USAGE: waarborg impact"))
        #expect(waarborg("impact", "--help").output.hasPrefix("GEBRUIK: waarborg impact"))
    }

    // MARK: waarborg fmt

    /// The project's rules and examples are formatted (as CI checks).
    @Test func rulesAndExamplesAreFormatted() {
        let run = waarborg("fmt", "--check", "rules", "examples")
        #expect(run.code == 0, "\(run.output)\(run.errors)")
        #expect(run.output.isEmpty)
    }

    /// `--check` shows the difference and exits 1; `fmt` writes; then `--check` passes; a
    /// file the lexer rejects is an input error and is left alone.
    @Test func fmtChecksAndWrites() throws {
        try withTemporaryFolder { folder in
            let rule = folder.appendingPathComponent("rules/x.wbr")
            write("rule   X-1\n   group area  \n", to: rule)
            let check = waarborg("fmt", "--check", folder.path)
            #expect(check.code == 1)
            #expect(check.output.contains("-rule   X-1\n-   group area  \n+rule X-1\n+  group area\n"), "\(check.output)")
            #expect(check.errors.contains("x.wbr: niet opgemaakt; voer `waarborg fmt \(rule.path)` uit"), "\(check.errors)")
            let english = waarborg("fmt", "--check", folder.path, "--lang", "en")
            #expect(english.errors.contains("x.wbr: not formatted; run `waarborg fmt \(rule.path)`"), "\(english.errors)")
            let unchanged = try String(contentsOf: rule, encoding: .utf8)
            #expect(unchanged == "rule   X-1\n   group area  \n")
            #expect(waarborg("fmt", folder.path).code == 0)
            let formatted = try String(contentsOf: rule, encoding: .utf8)
            #expect(formatted == "rule X-1\n  group area\n")
            #expect(waarborg("fmt", "--check", folder.path).code == 0)

            let broken = folder.appendingPathComponent("broken.wbp")
            write("plan \"never closed\n", to: broken)
            let failed = waarborg("fmt", broken.path)
            #expect(failed.code == 2)
            #expect(failed.errors.contains("WB008"))
            let left = try String(contentsOf: broken, encoding: .utf8)
            #expect(left == "plan \"never closed\n")
        }
        #expect(waarborg("fmt").code == 2)
        #expect(waarborg("fmt", "--help", "--lang", "en").output.hasPrefix("USAGE: waarborg fmt"))
    }
}
