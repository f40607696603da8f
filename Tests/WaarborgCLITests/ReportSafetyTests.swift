import Foundation
import Testing

/// What a plan's author writes reaches terminals, CI logs and job summaries: none of it
/// may act there (issue 18, "Terminal and CI safety"), and the CI formats follow their
/// consumers' rules (issue 19).
@Suite struct ReportSafetyTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The mini plan with a title that clears the screen, forges a workflow command when a
    /// line wraps before it, and reverses the text after it.
    static func hostilePlan(in folder: URL) -> URL {
        let plan = folder.appendingPathComponent("plan.wbp")
        let title = "Prijzen\u{1B}[2J delen. ::error file=x::forged ##[warning]old \u{202E}reversed | <b>bold</b> *x*\\nline"
        write(read(miniPlan).replacingOccurrences(of: "title = \"Prijzen delen\"", with: "title = \"\(title)\""), to: plan)
        return plan
    }

    @Test func controlCharactersInUserStringsAreEscapedInText() throws {
        try withTemporaryFolder { folder in
            let plan = Self.hostilePlan(in: folder)
            for command in [["check"], ["explain"], ["questions"]] {
                let run = waarborg(command + [plan.path, "--rules", miniRules, "--plain"])
                #expect(run.code != 2, "\(command): \(run.errors)")
                #expect(!run.output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" }, "\(command)")
            }
            let check = waarborg("check", plan.path, "--rules", miniRules, "--plain").output
            #expect(check.contains("Prijzen\\u{1B}[2J delen."))
            #expect(check.contains("\\u{202E}reversed"))
            // The colour codes Waarborg itself writes on a terminal stay codes.
            let terminal = waarborg(["check", plan.path, "--rules", miniRules], terminal: true).output
            #expect(terminal.contains("\u{1B}[1;31mVERBODEN\u{1B}[0m") && terminal.contains("Prijzen\\u{1B}[2J"))
        }
    }

    @Test func diagnosticsEscapeControlCharacters() throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("bad\u{1B}[31m.wbp")
            write("plan \"x\"\n  date = 2026-01-01\n\nactivity a\u{7}b\n  kind = exchange\n", to: plan)
            let run = waarborg("check", plan.path, "--rules", miniRules)
            #expect(run.code == 2)
            #expect(!run.errors.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" })
            #expect(run.errors.contains("bad\\u{1B}[31m.wbp"))
            let usage = waarborg("check\u{1B}]0;title\u{7}")
            #expect(usage.code == 2 && !usage.errors.unicodeScalars.contains("\u{1B}") && usage.errors.contains("\\u{1B}]0;title\\u{7}"))
        }
    }

    @Test func noLineReadsAsAWorkflowCommandUnderActions() throws {
        try withTemporaryFolder { folder in
            let plan = Self.hostilePlan(in: folder)
            // At some width the forged command starts a wrapped line; at none may it act.
            var escaped = false
            for width in 30...70 {
                let run = waarborg(["check", plan.path, "--rules", miniRules, "--plain"], environment: ["GITHUB_ACTIONS": "true", "COLUMNS": String(width)], terminal: true)
                for line in run.output.split(separator: "\n") {
                    #expect(!line.drop { $0 == " " }.hasPrefix("::"), "\(width): \(line)")
                    #expect(!line.contains("##["), "\(width): \(line)")
                }
                escaped = escaped || run.output.contains(":\\u{3A}error")
            }
            #expect(escaped, "some width wraps the title before `::error`")
            // Outside Actions the text is the user's (escaped controls only).
            let local = waarborg(["check", plan.path, "--rules", miniRules, "--plain"], environment: ["COLUMNS": "40"], terminal: true)
            #expect(local.output.contains("::error") && local.output.contains("##[warning]"))
            let bad = waarborg(["check", "::error::x.wbp"], environment: ["GITHUB_ACTIONS": "true"])
            #expect(bad.code == 2)
            for line in bad.errors.split(separator: "\n") { #expect(!line.hasPrefix("::"), "\(line)") }
        }
    }

    @Test func theJobSummaryEscapesMarkdownAndHTML() throws {
        try withTemporaryFolder { folder in
            let plan = Self.hostilePlan(in: folder)
            let summary = folder.appendingPathComponent("summary.md")
            let environment = [
                "GITHUB_STEP_SUMMARY": summary.path, "GITHUB_SERVER_URL": "https://github.example", "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc123",
            ]
            let run = waarborg(["check", plan.path, "--rules", miniRules, "--format", "github"], environment: environment)
            #expect(run.code == 1)
            let markdown = try String(contentsOf: summary, encoding: .utf8)
            let row = try #require(markdown.split(separator: "\n").first { $0.contains("prices") })
            #expect(row.contains("&lt;b&gt;bold&lt;/b&gt;") && !row.contains("<b>"))
            #expect(row.contains("\\*x\\*") && row.contains("\\| &lt;"))
            #expect(row.contains("\\u{1B}\\[2J") && !row.unicodeScalars.contains("\u{1B}"))
            // Five columns: a `|` in a title cannot add one.
            #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 6)
            #expect(row.contains("[23](https://github.example/o/r/blob/abc123/\(plan.path.dropFirst())#L23)") || row.contains("#L23)"))
            #expect(markdown.contains("| verboden | 1 |"))
            // Annotations: one line each, titles without line breaks, controls escaped.
            for line in run.output.split(separator: "\n") {
                #expect(line.hasPrefix("::error ") || line.hasPrefix("::warning ") || line.hasPrefix("::notice "))
                #expect(!line.unicodeScalars.contains("\u{1B}"))
            }
        }
    }

    @Test func annotationsAreSortedAndCappedAtGitHubsLimits() throws {
        let examples = try FileManager.default.contentsOfDirectory(atPath: "examples").filter { $0.hasSuffix(".wbp") }.sorted().map { "examples/" + $0 }
        let run = waarborg(["check"] + examples + ["--format", "github"])
        let lines = run.output.split(separator: "\n").map(String.init)
        let kinds = lines.map { $0.prefix { $0 != " " } }
        #expect(kinds.filter { $0 == "::error" }.count <= 10)
        #expect(kinds.filter { $0 == "::warning" }.count <= 10)
        #expect(kinds.filter { $0 == "::notice" }.count <= 10)
        // Worst first.
        let order = kinds.map { ["::error": 0, "::warning": 1, "::notice": 2][String($0)] ?? 3 }
        #expect(order == order.sorted())
        let last = try #require(lines.last)
        #expect(last.hasPrefix("::notice title=Nog ") && last.contains("niet getoond:"))
        let all = examples.map { waarborg("check", $0, "--format", "github").output.split(separator: "\n").count }.reduce(0, +)
        #expect(lines.count < all, "the examples have more findings than GitHub shows")
    }

    @Test func sarifFollowsSpecAndGitHub() throws {
        try withTemporaryFolder { folder in
            let baseline = folder.appendingPathComponent("baseline.json")
            _ = waarborg("check", miniPlan, "--rules", miniRules, "--format", "json", "--output", baseline.path)
            let edited = folder.appendingPathComponent("plan.wbp")
            write(read(miniPlan).replacingOccurrences(of: "  safeguards = third_party, aggregation\n", with: "")
                .replacingOccurrences(of: "activity prices_now\n  title = \"Prijzen delen\"\n  kind = exchange\n  parties = a, b\n  data_kinds = {prices}\n  age_months = 2\n", with: ""), to: edited)
            let sarif = try json(waarborg("check", edited.path, "--rules", miniRules, "--baseline", baseline.path, "--format", "sarif").output)
            let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
            let category = try #require((run["automationDetails"] as? [String: Any])?["id"] as? String)
            #expect(category.hasPrefix("waarborg/") && category.hasSuffix("plan.wbp/"))
            let results = try #require(run["results"] as? [[String: Any]])
            for result in results {
                let kind = result["kind"] as? String ?? "fail"
                let level = result["level"] as? String ?? "warning"
                // SARIF §3.27.10: a result that is not `fail` has level `none`.
                if kind != "fail" { #expect(level == "none", "\(result)") }
                #expect(["new", "unchanged", "updated", "absent"].contains(result["baselineState"] as? String ?? ""), "\(result)")
            }
            let states = Dictionary(grouping: results, by: { ($0["properties"] as? [String: Any])?["activity"] as? String ?? "" }).mapValues { $0.compactMap { $0["baselineState"] as? String } }
            #expect(states["unknown_age"] == ["unchanged"], "unchanged results stay, marked so")
            #expect(states["benchmark"] == ["updated"])
            let review = try #require(results.first { ($0["properties"] as? [String: Any])?["activity"] as? String == "unknown_age" })
            #expect(review["ruleId"] as? String == "WB-OPEN-QUESTION" && review["kind"] as? String == "review")
            #expect(states["prices_now"] == ["absent"], "a finding that is gone is an absent result")
            let absent = try #require(results.first { $0["baselineState"] as? String == "absent" })
            #expect(absent["kind"] as? String == "pass" && (absent["locations"] as? [Any])?.count == 1)

            let plain = try json(waarborg("check", miniPlan, "--rules", miniRules, "--format", "sarif").output)
            let plainResults = try #require((plain["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
            #expect(!plainResults.contains { $0["baselineState"] != nil }, "no baseline, no baselineState")
            let prohibited = try #require(plainResults.first { ($0["properties"] as? [String: Any])?["activity"] as? String == "prices_now" })
            let message = try #require((prohibited["message"] as? [String: Any])?["text"] as? String)
            let related = try #require(prohibited["relatedLocations"] as? [[String: Any]])
            #expect(!related.isEmpty)
            for location in related { #expect(message.contains("](\(location["id"] as? Int ?? -1))")) }
            let region = try #require(((prohibited["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
            #expect(region["startLine"] as? Int == 23)
        }
    }
}

/// `--plain` is accepted by every command, so one setting serves a screen reader or a log.
@Suite struct PlainEverywhereTests {
    @Test func everyCommandAcceptsPlain() throws {
        let runs: [[String]] = [
            ["check", miniPlan, "--rules", miniRules], ["questions", miniPlan, "--rules", miniRules], ["explain", miniPlan, "--rules", miniRules],
            ["test", miniRules], ["lint", miniRules], ["schema", "report"], ["convert", miniPlan, "--rules", miniRules, "--to", "json"],
        ]
        for arguments in runs {
            let run = waarborg(arguments + ["--plain"])
            #expect(run.code != 2, "\(arguments): \(run.errors)")
            #expect(!run.output.contains("╭") && !run.output.contains("\u{1B}["), "\(arguments)")
        }
        for command in ["check", "questions", "explain", "test", "lint", "docs", "convert", "schema", "annex"] {
            let help = waarborg(command, "--help")
            #expect(help.output.contains("--plain"), "\(command) --help lists --plain")
        }
    }
}
