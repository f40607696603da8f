import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// SARIF, GitHub annotations, JUnit, JSON plans, baselines and waivers.
@Suite struct CIIntegrationTests {
    func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    @Test func sarifHasOneRunSortedUniqueRulesAndStableFingerprints() throws {
        let run = waarborg("check", miniPlan, "--rules", miniRules, "--format", "sarif", "--lang", "en")
        #expect(run.code == 1)
        let sarif = json(run.output)
        #expect(sarif["version"] as? String == "2.1.0")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids == ids.sorted() || ids.dropLast() == ids.dropLast().sorted(), "rules sorted (the synthetic uncovered rule last)")
        #expect(Set(ids).count == ids.count)
        for rule in rules {
            let tags = ((rule["properties"] as? [String: Any])?["tags"] as? [Any]) ?? []
            #expect(tags.allSatisfy { $0 is String })
            #expect((rule["help"] as? [String: Any])?["markdown"] is String)
        }
        let invocations = try #require(runs[0]["invocations"] as? [[String: Any]])
        #expect(invocations[0]["executionSuccessful"] as? Bool == true)
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == 4, "one result per activity that is not allowed")
        let levels = results.compactMap { $0["level"] as? String }
        #expect(levels.contains("error") && levels.contains("warning") && levels.contains("note") && levels.contains("none"))
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            // SARIF §3.27.10: a `review` result (an open question) has level `none`.
            if result["kind"] as? String == "review" { #expect(result["level"] as? String == "none" && result["ruleId"] as? String == "WB-OPEN-QUESTION") }
            if result["level"] as? String == "none" { #expect(result["kind"] as? String == "review") }
            #expect((result["partialFingerprints"] as? [String: String])?["waarborgFinding/v1"]?.count == 16)
        }
        #expect(!run.output.contains("\"fixes\""))
    }

    @Test func fingerprintsSurviveMovedLines() throws {
        try withTemporaryFolder { folder in
            let moved = folder.appendingPathComponent("plan.wbp")
            write("# a comment\n\n\n" + read(miniPlan), to: moved)
            func fingerprints(_ path: String) -> [String] {
                let sarif = json(waarborg("check", path, "--rules", miniRules, "--format", "sarif").output)
                let results = ((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
                return results.compactMap { ($0["partialFingerprints"] as? [String: String])?["waarborgFinding/v1"] }
            }
            #expect(!fingerprints(miniPlan).isEmpty)
            #expect(fingerprints(miniPlan) == fingerprints(moved.path))
        }
    }

    @Test func githubAnnotationsLandOnThePlanLines() throws {
        try withTemporaryFolder { folder in
            let summary = folder.appendingPathComponent("summary.md")
            let run = waarborg(["check", miniPlan, "--rules", miniRules, "--format", "github", "--lang", "en"], environment: ["GITHUB_STEP_SUMMARY": summary.path])
            let lines = run.output.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("::error file=Tests/Fixtures/mini/plan.wbp,line=23,col=10,title=prices_now%3A prohibited (EX-1)::Prohibited.") })
            #expect(lines.contains { $0.hasPrefix("::warning file=Tests/Fixtures/mini/plan.wbp,line=37,col=10,title=unknown_age%3A needs assessment") })
            #expect(lines.contains { $0.hasPrefix("::notice file=Tests/Fixtures/mini/plan.wbp,line=30,col=10,title=benchmark%3A allowed with safeguards (EX-2)") })
            let markdown = try String(contentsOf: summary, encoding: .utf8)
            #expect(markdown.contains("### Waarborg: Mini consortium"))
            #expect(markdown.contains("| prices\\_now — Prijzen delen | prohibited | EX-1 | add: clean team; reaches: needs assessment (EX-1) | 23 |"))
            #expect(markdown.contains("| prohibited | 1 |\n| needs assessment | 2 |"))
        }
    }

    @Test func junitHasATestCasePerActivityAndFailuresAtTheFailLevel() {
        let run = waarborg("check", miniPlan, "--rules", miniRules, "--format", "junit", "--fail-level", "needs_assessment")
        #expect(run.output.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"waarborg\" tests=\"4\" failures=\"3\""))
        #expect(run.output.components(separatedBy: "<testcase ").count - 1 == 4)
        #expect(run.output.contains("<failure message=\"verboden: Verboden.\" type=\"prohibited\">"))
        let xml = try? XMLDocument(data: Data(run.output.utf8))
        #expect(xml != nil, "well-formed XML")
    }

    @Test func severalPlansInOneRun() throws {
        let run = waarborg("check", miniPlan, miniPlan, "--rules", miniRules, "--format", "json")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        // One plan: the same shape, an array of one document.
        let one = try #require(try JSONSerialization.jsonObject(with: Data(waarborg("check", miniPlan, "--rules", miniRules, "--format", "json").output.utf8)) as? [[String: Any]])
        #expect(one.count == 1 && one[0]["schema_version"] as? String == "3.1")
        let text = waarborg("check", miniPlan, miniPlan, "--rules", miniRules, "--plain")
        // Each plan's report, then the summary across plans with a line per plan.
        #expect(text.output.components(separatedBy: "\nMini consortium (Tests/Fixtures/mini/plan.wbp)\n").count - 1 == 1)
        #expect(text.output.hasPrefix("Mini consortium (Tests/Fixtures/mini/plan.wbp)\n"))
        #expect(text.output.contains("\nSamenvatting van 2 plannen\n  2 toegestaan mits waarborgen, 4 nadere beoordeling nodig, 2 verboden\n"))
        #expect(text.output.components(separatedBy: "  - VERBODEN Mini consortium (Tests/Fixtures/mini/plan.wbp):").count - 1 == 2)
    }

    @Test func aBaselineHidesUnchangedFindingsAndShowsChangedOnes() throws {
        try withTemporaryFolder { folder in
            let baseline = folder.appendingPathComponent("baseline.json")
            #expect(waarborg("check", miniPlan, "--rules", miniRules, "--format", "json", "--output", baseline.path).code == 1)
            // Unchanged: everything hidden, nothing fails.
            let same = waarborg("check", miniPlan, "--rules", miniRules, "--baseline", baseline.path, "--plain", "--lang", "en")
            #expect(same.code == 0)
            #expect(collapsed(same.output).contains("4 unchanged activities not shown (baseline \(baseline.path))"))
            // The benchmark loses its safeguards and one activity is new.
            let edited = folder.appendingPathComponent("plan.wbp")
            write(read(miniPlan).replacingOccurrences(of: "  safeguards = third_party, aggregation\n", with: "")
                + "\nactivity extra\n  kind = exchange\n  parties = a, b\n  data_kinds = {prices}\n  age_months = 1\n", to: edited)
            let changed = waarborg("check", edited.path, "--rules", miniRules, "--baseline", baseline.path, "--format", "json")
            #expect(changed.code == 1)
            let document = reportDocument(changed.output) ?? [:]
            let activities = (document["activities"] as? [[String: Any]]) ?? []
            #expect(activities.map { $0["id"] as? String } == ["benchmark", "extra"])
            #expect(activities.map { $0["baseline_status"] as? String } == ["changed", "new"])
            #expect((document["baseline"] as? [String: Any])?["unchanged"] as? Int == 3)
            let text = waarborg("check", edited.path, "--rules", miniRules, "--baseline", baseline.path, "--plain", "--lang", "en")
            #expect(text.output.contains("Compared with the baseline: changed (was: allowed with safeguards)"))
            let sarif = waarborg("check", edited.path, "--rules", miniRules, "--baseline", baseline.path, "--format", "sarif")
            #expect(sarif.output.contains("\"baselineState\": \"updated\"") && sarif.output.contains("\"baselineState\": \"new\""))
            let notABaseline = folder.appendingPathComponent("not.json")
            write("[1, 2]", to: notABaseline)
            let bad = waarborg("check", miniPlan, "--rules", miniRules, "--baseline", notABaseline.path, "--lang", "en")
            #expect(bad.code == 2)
            #expect(bad.errors.contains("the baseline is not a Waarborg JSON report"))
        }
    }

    @Test func theTraceIsInTheJSONOnlyWhenAskedFor() throws {
        let plain = reportDocument(waarborg("check", miniPlan, "--rules", miniRules, "--format", "json").output) ?? [:]
        let traced = reportDocument(waarborg("check", miniPlan, "--rules", miniRules, "--format", "json", "--trace").output) ?? [:]
        let plainActivities = (plain["activities"] as? [[String: Any]]) ?? []
        let tracedActivities = (traced["activities"] as? [[String: Any]]) ?? []
        #expect(!plainActivities.isEmpty && plainActivities.count == tracedActivities.count)
        #expect(plainActivities.allSatisfy { $0["trace"] == nil })
        // Every activity has one (empty where no rule covers its kind), and most have rules in it.
        let traces = tracedActivities.compactMap { $0["trace"] as? [[String: Any]] }
        #expect(traces.count == tracedActivities.count)
        #expect(traces.filter { !$0.isEmpty }.count >= 3)
        #expect(traces.joined().allSatisfy { $0["rule"] is String && $0["status"] is String })
        // Everything else is the same with and without the trace, in every format.
        #expect(plainActivities.map { $0["verdict"] as? String } == tracedActivities.map { $0["verdict"] as? String })
        // Other formats have no trace: asking for one there is a usage error that names the way.
        for format in ["text", "sarif", "github", "junit"] {
            let run = waarborg("check", miniPlan, "--rules", miniRules, "--format", format, "--trace", "--lang", "en")
            #expect(run.code == 2 && run.output.isEmpty, "\(format)")
            #expect(run.errors.contains("use it with `--format json`, or see the trace as text with `waarborg explain"), "\(run.errors)")
        }
    }

    @Test func aBaselineOfSchemaOneIsStillRead() throws {
        try withTemporaryFolder { folder in
            let current = waarborg("check", miniPlan, "--rules", miniRules, "--format", "json", "--trace").output
            #expect(current.contains("\"schema_version\": \"3.1\""))
            // Schema 1.x and 2.x: a single plan's report was the document itself, not an array.
            let document = try #require(reportDocument(current))
            let single = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
            for version in ["1.0", "2.0"] {
                let old = folder.appendingPathComponent("old-\(version).json")
                write(single.replacingOccurrences(of: "\"schema_version\":\"3.1\"", with: "\"schema_version\":\"\(version)\""), to: old)
                let same = waarborg("check", miniPlan, "--rules", miniRules, "--baseline", old.path, "--plain", "--lang", "en")
                #expect(same.code == 0, "\(same.errors)")
                #expect(same.output.contains("4 unchanged activities not shown"))
            }
            let future = folder.appendingPathComponent("future.json")
            write(current.replacingOccurrences(of: "\"schema_version\": \"3.1\"", with: "\"schema_version\": \"4.0\""), to: future)
            let rejected = waarborg("check", miniPlan, "--rules", miniRules, "--baseline", future.path, "--lang", "en")
            #expect(rejected.code == 2)
            #expect(rejected.errors.contains("of schema 1.x, 2.x or 3.x"))
        }
    }

    static let waived = """
        activity prices_now
          title = "Prijzen delen"
          kind = exchange
          parties = a, b
          data_kinds = {prices}
          age_months = 2
          waiver EX-1
            justification = "Beoordeeld door mr. Jansen; zie memo 2026-04."
            owner = "mr. A. Jansen"
            expires = 2026-12-31
        """

    func planWithWaiver(_ waiver: String, in folder: URL) -> URL {
        let plan = folder.appendingPathComponent("plan.wbp")
        let original = read(miniPlan)
        let start = original.range(of: "activity prices_now")!.lowerBound
        let end = original.range(of: "activity benchmark")!.lowerBound
        write(original.replacingCharacters(in: start..<end, with: waiver + "\n\n"), to: plan)
        return plan
    }

    @Test func aWaiverMovesTheFindingAsideUntilItExpires() throws {
        try withTemporaryFolder { folder in
            let plan = planWithWaiver(Self.waived, in: folder)
            let before = waarborg("check", plan.path, "--rules", miniRules, "--plain", "--lang", "en", "--as-of", "2026-12-31")
            #expect(before.code == 0, "the prohibited finding is waived, the rest is below the fail level: \(before.errors)")
            #expect(collapsed(before.output).contains("Waived findings (risk accepted): - prices_now (\(plan.path):23:10): prohibited (EX-1)"))
            #expect(collapsed(before.output).contains("waiver of EX-1 by mr. A. Jansen, valid through 2026-12-31: Beoordeeld door mr. Jansen; zie memo 2026-04."))
            #expect(before.output.contains("Verdict on the plan: PROHIBITED\n  without the waived findings: needs assessment"))
            let sarif = waarborg("check", plan.path, "--rules", miniRules, "--format", "sarif", "--as-of", "2026-12-31")
            #expect(sarif.output.contains("\"suppressions\""))
            #expect(sarif.output.contains("\"justification\": \"Beoordeeld door mr. Jansen; zie memo 2026-04. (mr. A. Jansen, tot en met 2026-12-31)\""))
            let after = waarborg("check", plan.path, "--rules", miniRules, "--as-of", "2027-01-01", "--lang", "en")
            #expect(after.code == 2)
            #expect(after.errors.contains("error: the waiver of EX-1 for activity `prices_now` expired on 2026-12-31; assess the finding again and renew or remove the waiver [WB510]"))
        }
    }

    @Test func waiversNeedAJustificationAndNeverCoverHardcore() throws {
        try withTemporaryFolder { folder in
            let unjustified = planWithWaiver(Self.waived.replacingOccurrences(of: "    justification = \"Beoordeeld door mr. Jansen; zie memo 2026-04.\"\n", with: ""), in: folder)
            let run = waarborg("check", unjustified.path, "--rules", miniRules, "--lang", "en")
            #expect(run.code == 2)
            #expect(run.errors.contains("error: the waiver of EX-1 in activity `prices_now` needs a `justification` (why the risk is accepted) [WB430]"))
        }
        try withTemporaryFolder { folder in
            // A rule set whose hardcore group may not be waived.
            write(read("\(miniRules)/vocabulary.wbr").replacingOccurrences(of: "group hardcore\n  label nl \"kern\" en \"hardcore\"", with: "group hardcore\n  label nl \"kern\" en \"hardcore\"\n  waivable no"), to: folder.appendingPathComponent("rules/vocabulary.wbr"))
            write(read("\(miniRules)/rules.wbr"), to: folder.appendingPathComponent("rules/rules.wbr"))
            let plan = planWithWaiver(Self.waived.replacingOccurrences(of: "waiver EX-1", with: "waiver SC-1"), in: folder)
            let run = waarborg("check", plan.path, "--rules", folder.appendingPathComponent("rules").path, "--lang", "en")
            #expect(run.code == 2)
            #expect(run.errors.contains("SC-1 is a hardcore rule; a hardcore restriction can never be waived. Change the activity instead [WB431]"))
        }
    }

    @Test func jsonPlansGiveDiagnosticsInTheJSONFile() throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("plan.json")
            write("""
                {
                  "plan": { "name": "P", "date": "2026-06-01" },
                  "parties": [ { "id": "a", "kind": "practice", "competes_with": ["b"] }, { "id": "b", "kind": "practice" } ],
                  "activities": [ { "id": "x", "kind": "exchange", "parties": ["a", "b"], "age_month": 3 } ]
                }
                """, to: plan)
            let run = waarborg("check", plan.path, "--rules", miniRules, "--format", "sarif", "--lang", "en")
            #expect(run.code == 2)
            #expect(run.errors.hasPrefix("\(plan.path):4:75: error: unknown fact `age_month` in activity `x`; did you mean `age_months`? [WB408]"))
            write("{ \"plan\": { \"name\": \"P\", \"date\": \"2026-06-01\" }, \"activities\": [ { \"id\": \"x\", \"kind\": \"exchange\", \"age_months\": \"old\" } ] }", to: plan)
            let typed = waarborg("check", plan.path, "--rules", miniRules, "--lang", "en")
            #expect(typed.errors.hasPrefix("\(plan.path):1:113: error: `age_months` is a number; a string is not (write for example 12) [WB401]"))
        }
    }

    @Test func everyExampleRoundTripsThroughJSONToTheSameVerdicts() throws {
        try withTemporaryFolder { folder in
            for example in GoldenTests.examples {
                let converted = folder.appendingPathComponent(GoldenTests.stem(example) + ".json")
                #expect(waarborg("convert", "examples/\(example)", "--to", "json", "--output", converted.path).code == 0)
                let back = folder.appendingPathComponent(GoldenTests.stem(example) + ".wbp")
                #expect(waarborg("convert", converted.path, "--to", "wbp", "--output", back.path).code == 0)
                func verdicts(_ path: String) -> [String] {
                    let document = reportDocument(waarborg("check", path, "--format", "json").output) ?? [:]
                    return ((document["activities"] as? [[String: Any]]) ?? []).map { activity in
                        "\(activity["id"] ?? "")=\(activity["verdict"] ?? "") by \(activity["deciding"] ?? "")"
                    }
                }
                let original = verdicts("examples/\(example)")
                #expect(!original.isEmpty)
                #expect(verdicts(converted.path) == original, "\(example) as JSON")
                #expect(verdicts(back.path) == original, "\(example) back as .wbp")
            }
        }
    }

    @Test func theSchemaDescribesTheVocabulary() throws {
        let run = waarborg("schema", "plan")
        let schema = json(run.output)
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let activities = ((schema["properties"] as? [String: Any])?["activities"] as? [String: Any])?["items"] as? [String: Any]
        let properties = try #require(activities?["properties"] as? [String: Any])
        #expect(properties["data_kinds"] != nil && properties["parties_are_competitors"] != nil && properties["waivers"] != nil)
    }
}
