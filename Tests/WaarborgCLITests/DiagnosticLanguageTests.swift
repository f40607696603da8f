import Foundation
import Testing

/// One run speaks one language, its diagnostics too: the terminal, the JSON report's
/// `diagnostics`, SARIF's notifications, usage errors and the lint report follow `--lang`
/// (default Dutch), while the severity word and the code stay as compilers print them.
@Suite struct DiagnosticLanguageTests {
    static let miniRules = "Tests/Fixtures/mini"
    static let miniPlan = "Tests/Fixtures/mini/plan.wbp"

    @Test func aBrokenPlanIsReportedInTheRunsLanguage() throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("plan.wbp")
            let text = try String(contentsOfFile: Self.miniPlan, encoding: .utf8)
            write(text.replacingOccurrences(of: "  kind = exchange\n", with: "  kind = exchanges\n"), to: plan)
            let dutch = waarborg("check", plan.path, "--rules", Self.miniRules)
            #expect(dutch.code == 2)
            #expect(dutch.errors.contains(": error: onbekende activiteitsoort `exchanges`; bedoelde je `exchange`? [WB404]"), "\(dutch.errors)")
            #expect(!dutch.errors.contains("unknown"), "\(dutch.errors)")
            let english = waarborg("check", plan.path, "--rules", Self.miniRules, "--lang=en")
            #expect(english.code == 2)
            #expect(english.errors.contains(": error: unknown activity kind `exchanges`; did you mean `exchange`? [WB404]"), "\(english.errors)")
            #expect(dutch.output.isEmpty && english.output.isEmpty)
        }
    }

    @Test func theReportsCarryTheWarningsInTheReportsLanguage() throws {
        for (language, words) in [("nl", "verandert op 2027-01-01"), ("en", "changes on 2027-01-01")] {
            let arguments = ["check", Self.miniPlan, "--rules", Self.miniRules, "--as-of", "2026-11-15", "--lang", language]
            let json = waarborg(arguments + ["--format", "json"])
            let documents = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
            let messages = (documents.first?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(messages.contains { $0.contains(words) }, "\(language): \(messages)")
            let sarif = waarborg(arguments + ["--format", "sarif"]).output
            #expect(sarif.contains(words) && sarif.contains("[WB502]"), "\(language)")
            #expect(json.errors.contains("warning: parameter P-AGE") && json.errors.contains(words), "\(language): \(json.errors)")
        }
    }

    @Test func usageErrorsAndTheLintReportFollowLang() {
        let dutch = waarborg("lint", Self.miniRules, "--min-coverage", "101")
        #expect(dutch.code == 2)
        #expect(dutch.errors.hasPrefix("error: `--min-coverage` neemt een heel percentage van 0 tot en met 100"), "\(dutch.errors)")
        let english = waarborg("lint", Self.miniRules, "--min-coverage", "101", "--lang", "en")
        #expect(english.errors.hasPrefix("error: `--min-coverage` takes a whole percentage from 0 to 100"), "\(english.errors)")
        let nlReport = waarborg("lint", Self.miniRules)
        #expect(nlReport.output.contains("voorbeelden slagen;") && nlReport.output.contains("Dekking van de takken"), "\(nlReport.output)")
        #expect(!nlReport.output.contains("examples pass"))
        let enReport = waarborg("lint", Self.miniRules, "--lang", "en")
        #expect(enReport.output.contains("examples pass;") && enReport.output.contains("Branch coverage"))
        // Every command takes `--lang`, those without a report of their own too.
        for command in [["fmt", "--check", Self.miniRules], ["docs", "--help"], ["convert", "--help"], ["schema", "plan"]] {
            #expect(waarborg(command + ["--lang", "en"]).code != 2, "\(command)")
        }
        #expect(waarborg("nonsense").errors.hasPrefix("error: onbekende opdracht `nonsense`"))
        #expect(waarborg("nonsense", "--lang", "en").errors.hasPrefix("error: unknown command `nonsense`"))
    }
}
