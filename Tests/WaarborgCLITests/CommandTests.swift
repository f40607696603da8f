import Foundation
import Testing
import WaarborgCLI

@Suite struct CommandTests {
    @Test func versionAndHelp() {
        let version = waarborg("--version")
        #expect(version.code == 0)
        #expect(version.output == "waarborg \(WaarborgCLI.version)\n")
        let help = waarborg("--help", "--lang", "en")
        #expect(help.code == 0)
        #expect(help.output.contains("USAGE: waarborg <command> [options]"))
        #expect(help.output.contains("EXIT CODES: 0 clean; 1 findings"))
        let checkHelp = waarborg("check", "--help", "--lang", "en")
        #expect(checkHelp.code == 0)
        for option in ["--lang nl|en", "--plain", "--rules DIR", "--as-of YYYY-MM-DD", "--fail-level LEVEL", "--format FORMAT", "--baseline FILE", "--answers FILE"] {
            #expect(checkHelp.output.contains(option), "check --help lacks \(option)")
        }
        #expect(checkHelp.output.contains("  --rules DIR               Folder of .wbr rule files (default: the project's rules/)."))
        #expect(waarborg("help", "test", "--lang", "en").output.contains("USAGE: waarborg test [DIR]"))
        // The help speaks the run's language: Dutch by default, bare `waarborg` too.
        let dutch = waarborg("--help")
        #expect(dutch.code == 0)
        #expect(dutch.output.contains("GEBRUIK: waarborg <opdracht> [opties]\n\nOPDRACHTEN:\n"), "\(dutch.output)")
        #expect(dutch.output.contains("EXITCODES: 0 geen bevindingen;") && !dutch.output.contains("COMMANDS:"))
        #expect(waarborg([]).errors == dutch.output)
        let dutchCheck = waarborg("check", "--help")
        #expect(dutchCheck.output.hasPrefix("GEBRUIK: waarborg check PLAN [PLAN...] [opties]"))
        #expect(dutchCheck.output.contains("\nOPTIES:\n") && dutchCheck.output.contains("  --rules DIR               Map met .wbr-regelbestanden"))
        #expect(dutchCheck.output.contains("EXITCODES: 0 onder het faalniveau"))
        #expect(waarborg("help", "test").output.hasPrefix("GEBRUIK: waarborg test [DIR]"))
        // Every command's help exists in both languages, every option line too.
        for command in ["interview", "check", "questions", "explain", "test", "impact", "lint", "docs", "fmt", "convert", "schema", "annex"] {
            let nl = waarborg(command, "--help").output
            let en = waarborg(command, "--help", "--lang", "en").output
            #expect(nl.hasPrefix("GEBRUIK: waarborg \(command)") && en.hasPrefix("USAGE: waarborg \(command)"), "\(command)")
            #expect(!nl.contains("(default:") && !nl.contains("Show this help") && !nl.contains("EXIT CODES"), "\(command): \(nl)")
            #expect(nl.contains("  --help                    Toon deze hulptekst.") && en.contains("  --help                    Show this help."), "\(command)")
        }
    }

    @Test func usageErrorsExitWithTwoAndSayWhatToDo() {
        let unknown = waarborg("check", miniPlan, "--formt", "json", "--lang", "en")
        #expect(unknown.code == 2)
        #expect(unknown.errors == "error: unknown option `--formt` for `waarborg check`; did you mean `--format`?\n")
        // A `--lang` that is no language leaves the run in its default language, Dutch.
        #expect(waarborg("check", miniPlan, "--lang", "fr").errors == "error: `--lang` is een van nl, en; gegeven: `fr`\n")
        #expect(waarborg("check", miniPlan, "--as-of", "1-1-2026", "--lang", "en").errors == "error: `--as-of` takes a date written YYYY-MM-DD; got `1-1-2026`\n")
        #expect(waarborg("check", "--lang", "en").errors.hasPrefix("error: `waarborg check` needs a plan file"))
        #expect(waarborg("chek", "--lang", "en").errors.hasPrefix("error: unknown command `chek`; did you mean `check`?"))
        #expect(waarborg("check", miniPlan, "--lang", "en", "--rules").errors == "error: `--rules` needs a value: --rules DIR\n")
        #expect(waarborg([]).code == 2)
    }

    @Test func exitCodesFollowTheFailLevel() {
        // The mini plan's verdict is prohibited.
        #expect(waarborg("check", miniPlan, "--rules", miniRules).code == 1)
        #expect(waarborg("check", miniPlan, "--rules", miniRules, "--fail-level", "needs_assessment").code == 1)
        withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("safe.wbp")
            write("""
                plan "Safe"
                  date = 2026-06-01
                party a
                  kind = practice
                  competes_with = b
                party b
                  kind = practice
                activity benchmark
                  kind = exchange
                  parties = a, b
                  data_kinds = {costs}
                  age_months = 18
                  safeguards = third_party, aggregation
                """, to: plan)
            #expect(waarborg("check", plan.path, "--rules", miniRules).code == 0)
            #expect(waarborg("check", plan.path, "--rules", miniRules, "--fail-level", "needs_assessment").code == 0)
            #expect(waarborg("check", plan.path, "--rules", miniRules, "--fail-level", "allowed_with_safeguards").code == 1)
        }
    }

    @Test func languageAndPlainOutput() {
        let dutch = waarborg("check", miniPlan, "--rules", miniRules, "--plain")
        #expect(dutch.output.contains("Oordeel: VERBODEN"))
        #expect(dutch.output.contains("Oordeel over het plan: VERBODEN"))
        let english = waarborg("check", miniPlan, "--rules", miniRules, "--plain", "--lang", "en")
        #expect(english.output.contains("Verdict: PROHIBITED"))
        #expect(english.output.contains("To comply:\n    - add: clean team; reaches: needs assessment (EX-1)\n    - change the activity: age at least 12; add: third party, aggregation;\n      reaches: allowed with safeguards (EX-2)\n"))
        for plain in [dutch.output, english.output] {
            #expect(!plain.contains("╭") && !plain.contains("│") && !plain.contains("\u{1B}["))
        }
        let boxed = waarborg("check", miniPlan, "--rules", miniRules)
        #expect(boxed.output.contains("╭─ prices_now — Prijzen delen"))
        #expect(!boxed.output.contains("\u{1B}["), "no colour unless writing to a terminal")
        let terminal = waarborg("check", miniPlan, "--rules", miniRules, terminal: true)
        #expect(terminal.output.contains("\u{1B}[1;31mVERBODEN\u{1B}[0m"))
        let noColor = waarborg(["check", miniPlan, "--rules", miniRules], environment: ["NO_COLOR": "1"], terminal: true)
        #expect(!noColor.output.contains("\u{1B}["))
    }

    @Test func asOfChangesTheParameterVersion() {
        let now = waarborg("check", miniPlan, "--rules", miniRules, "--plain", "--lang", "en")
        #expect(now.output.contains("  - age: 12 (since 2020-01-01; until 2027-01-01; SRC-A para 1)"))
        let later = waarborg("check", miniPlan, "--rules", miniRules, "--plain", "--lang", "en", "--as-of", "2027-03-01")
        #expect(later.output.contains("  - age: 24 (since 2027-01-01; SRC-A para 2)"))
        #expect(later.output.contains("assessed as of 2027-03-01"))
    }

    @Test func outputFileIsWrittenWholeOrNotAtAll() throws {
        try withTemporaryFolder { folder in
            let target = folder.appendingPathComponent("report.json")
            let run = waarborg("check", miniPlan, "--rules", miniRules, "--format", "json", "--output", target.path)
            #expect(run.code == 1)
            #expect(run.output.isEmpty)
            let written = try String(contentsOf: target, encoding: .utf8)
            #expect(written.hasPrefix("[\n  {\n    \"schema_version\""))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(leftovers == ["report.json"], "no temporary file is left behind")

            let missingFolder = folder.appendingPathComponent("nope/report.json")
            let failed = waarborg("check", miniPlan, "--rules", miniRules, "--output", missingFolder.path, "--lang", "en")
            #expect(failed.code == 2)
            #expect(failed.errors.contains("does not exist; create it first"))
            #expect(!FileManager.default.fileExists(atPath: missingFolder.path))
        }
    }

    /// The text report is written one plan at a time (so many large plans need the memory
    /// of one): to standard output or to the file, the bytes are those of all plans at once,
    /// and an existing file is only replaced once every plan is written.
    @Test func severalPlansAreReportedOneAtATimeWithTheSameBytes() throws {
        try withTemporaryFolder { folder in
            let plans = ["examples/zorghub-noord.wbp", "examples/wijkzorg-zwolle.wbp", "examples/apothekers-haaglanden.wbp"]
            let together = waarborg(["check"] + plans + ["--plain", "--lang", "en"])
            let separate = plans.map { waarborg(["check", $0, "--plain", "--lang", "en"]) }
            // The plans' reports one after another, then the summary across them.
            #expect(together.output.hasPrefix(separate.map(\.output).joined(separator: "\n") + "\nSummary of 3 plans\n"))
            #expect(together.code == separate.map(\.code).max())

            let target = folder.appendingPathComponent("report.txt")
            try Data("old report".utf8).write(to: target)
            let written = waarborg(["check"] + plans + ["--plain", "--lang", "en", "--output", target.path])
            #expect(written.code == together.code)
            #expect(written.output.isEmpty)
            #expect(try String(contentsOf: target, encoding: .utf8) == together.output)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.txt"], "no temporary file is left behind")

            // JSON: an array of the plans' documents, as if rendered at once.
            let json = waarborg(["check"] + plans + ["--format", "json"])
            #expect(json.code == together.code)
            #expect(json.output.hasPrefix("[\n  {\n    \"schema_version\"") && json.output.hasSuffix("\n  }\n]\n"))
            let array = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [Any]
            // Each plan alone is an array of one document; together, the documents in order.
            let singles = try plans.flatMap { (try JSONSerialization.jsonObject(with: Data(waarborg(["check", $0, "--format", "json"]).output.utf8)) as? [Any]) ?? [] }
            #expect(array.map { NSArray(array: $0).isEqual(to: singles) } == true)
            let jsonFile = folder.appendingPathComponent("report.json")
            #expect(waarborg(["check"] + plans + ["--format", "json", "--output", jsonFile.path]).code == json.code)
            #expect(try String(contentsOf: jsonFile, encoding: .utf8) == json.output)
            try FileManager.default.removeItem(at: jsonFile)

            // A plan with an error: nothing is written, the old file stays.
            let broken = folder.appendingPathComponent("broken.wbp")
            try Data("plan \"x\"\n  date = 2026-01-01\nactivity a\n  kind = no_such_kind\n".utf8).write(to: broken)
            let failed = waarborg(["check", plans[0], broken.path, "--plain", "--output", target.path])
            #expect(failed.code == 2)
            #expect(try String(contentsOf: target, encoding: .utf8) == together.output)
        }
    }

    @Test func testCommandSummarisesAndFailsOnABrokenExample() throws {
        let passing = waarborg("test", miniRules, "--lang", "en")
        #expect(passing.code == 0)
        #expect(passing.output.hasSuffix("10 passed, 0 failed\n"))
        #expect(waarborg("test", miniRules).output.hasSuffix("10 geslaagd, 0 mislukt\n"))
        try withTemporaryFolder { folder in
            for name in ["vocabulary.wbr", "rules.wbr"] {
                var text = read("\(miniRules)/\(name)")
                if name == "rules.wbr" { text = text.replacingOccurrences(of: "expect allowed by EX-3", with: "expect prohibited by EX-3") }
                write(text, to: folder.appendingPathComponent(name))
            }
            let failing = waarborg("test", folder.path, "--lang", "en")
            #expect(failing.code == 1)
            // Located at the example, with its expectation as a note and what to write.
            #expect(failing.output.contains("rules.wbr:55:3: error: example \"protocols\" of EX-3 expects prohibited by EX-3, but got allowed by EX-3"))
            #expect(failing.output.contains("  note: the expectation is at \(folder.path)/rules.wbr:57:5\n"))
            #expect(failing.output.contains("  help: if the rules are right, write `expect allowed by EX-3` at \(folder.path)/rules.wbr:57:5"))
            #expect(failing.output.hasSuffix("9 passed, 1 failed\n"))
            _ = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        }
    }
}
