import Foundation
import Testing

/// One broken input per kind of diagnostic: the CLI must name the exact
/// `file:line:column: error:`, exit with 2, and write nothing to standard output.
@Suite struct DiagnosticTests {
    struct BrokenRule: CustomTestStringConvertible, Sendable {
        let name: String
        let from: String
        let to: String
        let expected: String
        var testDescription: String { name }
    }

    static let brokenRules: [BrokenRule] = [
        BrokenRule(
            name: "unknown clause", from: "  group area\n  applies to exchange\n  when competitors and data_kinds includes any of sensitive and age_months < P-AGE",
            to: "  grup area\n  applies to exchange\n  when competitors and data_kinds includes any of sensitive and age_months < P-AGE",
            expected: "rules.wbr:3:3: error: unknown clause `grup` in rule `EX-1`; did you mean `group`? [WB111]"),
        BrokenRule(
            name: "unterminated string", from: #"example "single undertaking""#, to: #"example "single undertaking"#,
            expected: "rules.wbr:121:11: error: this string is never closed; add a `\"` where it should end [WB008]"),
        BrokenRule(
            name: "missing English", from: #"title nl "Actuele gevoelige gegevens" en "Current sensitive data""#,
            to: #"title nl "Actuele gevoelige gegevens""#,
            expected: "rules.wbr:2:3: error: the title of rule `EX-1` has no English (`en \"…\"`) text; every text is given in both languages [WB303]"),
        BrokenRule(
            name: "unknown source", from: #"source SRC-A "para 4""#, to: #"source SRC-B "para 4""#,
            expected: "rules.wbr:11:10: error: rule `EX-1` cites `SRC-B`, which is not a declared source; did you mean `SRC-A`? [WB316]"),
        BrokenRule(
            name: "no pinpoint", from: #"source SRC-A "para 4""#, to: "source SRC-A",
            expected: "rules.wbr:11:3: error: rule `EX-1` cites `SRC-A` without a pinpoint; say where in the source (article, paragraph, chapter) [WB317]"),
        BrokenRule(
            name: "unknown fact", from: "when competitors and data_kinds includes any of sensitive and age_months < P-AGE",
            to: "when competitors and data_kinds includes any of sensitive and age_month < P-AGE",
            expected: "rules.wbr:5:65: error: unknown fact `age_month`; did you mean `age_months`? [WB326]"),
        BrokenRule(
            name: "unknown verdict", from: "  then prohibited\n  because nl \"Verboden.\"", to: "  then forbidden\n  because nl \"Verboden.\"",
            expected: "rules.wbr:6:8: error: unknown verdict `forbidden`; a verdict is allowed, allowed_with_safeguards, needs_assessment or prohibited (or `note` for a rule that only informs) [WB331]"),
        BrokenRule(
            name: "wrong value type", from: "    age_months = 3\n    expect prohibited", to: "    age_months = yes\n    expect prohibited",
            expected: "rules.wbr:15:18: error: `age_months` is a number; `yes` is not (write for example `12`) [WB401]"),
        BrokenRule(
            name: "unknown set member", from: "data_kinds includes any of sensitive and age_months < P-AGE",
            to: "data_kinds includes any of sensitiv and age_months < P-AGE",
            expected: "rules.wbr:5:51: error: `sensitiv` is neither a declared set nor a value of `data_kind`; did you mean `sensitive`? [WB328]"),
    ]

    @Test(arguments: brokenRules)
    func brokenRuleFile(_ broken: BrokenRule) throws {
        try withTemporaryFolder { folder in
            write(read("\(miniRules)/vocabulary.wbr"), to: folder.appendingPathComponent("vocabulary.wbr"))
            let rules = read("\(miniRules)/rules.wbr")
            #expect(rules.contains(broken.from), "the fixture no longer contains the text this case breaks")
            write(rules.replacingOccurrences(of: broken.from, with: broken.to), to: folder.appendingPathComponent("rules.wbr"))
            let run = waarborg("check", miniPlan, "--rules", folder.path, "--lang", "en")
            #expect(run.code == 2)
            #expect(run.output.isEmpty)
            let first = run.errors.split(separator: "\n").first.map(String.init) ?? ""
            #expect(first == folder.path + "/" + broken.expected)
            let tested = waarborg("test", folder.path)
            #expect(tested.code == 2)
        }
    }

    struct BrokenPlan: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let expected: String
        var testDescription: String { name }
    }

    static let header = "plan \"P\"\n  date = 2026-06-01\nparty a\n  kind = practice\n  competes_with = b\nparty b\n  kind = practice\n"

    static let brokenPlans: [BrokenPlan] = [
        BrokenPlan(
            name: "unknown fact", text: header + "activity x\n  kind = exchange\n  parties = a, b\n  data_kind = {costs}\n",
            expected: "plan.wbp:11:3: error: unknown fact `data_kind` in activity `x`; did you mean `data_kinds`? [WB408]"),
        BrokenPlan(
            name: "wrong type", text: header + "activity x\n  kind = exchange\n  age_months = twelve\n",
            expected: "plan.wbp:10:16: error: `age_months` is a number; `twelve` is not (write for example `12`) [WB401]"),
        BrokenPlan(
            name: "undeclared party", text: header + "activity x\n  kind = exchange\n  parties = a, c\n",
            expected: "plan.wbp:10:16: error: party `c` is not declared in this plan; did you mean `a`? [WB406]"),
        BrokenPlan(
            name: "duplicate activity", text: header + "activity x\n  kind = exchange\nactivity x\n  kind = purchasing\n",
            expected: "plan.wbp:10:10: error: activity `x` is declared twice; give each activity its own id [WB414]"),
        BrokenPlan(
            name: "no kind", text: header + "activity x\n  parties = a\n",
            expected: "plan.wbp:8:10: error: activity `x` has no `kind`; say what kind of activity it is [WB409]"),
        BrokenPlan(
            name: "unknown activity kind", text: header + "activity x\n  kind = exchanges\n",
            expected: "plan.wbp:9:10: error: unknown activity kind `exchanges`; did you mean `exchange`? [WB404]"),
        BrokenPlan(
            name: "no header", text: "activity x\n  kind = exchange\n",
            expected: "plan.wbp:1:1: error: the plan has no `plan \"…\"` header; begin the plan with the consortium's name and date [WB410]"),
        BrokenPlan(
            name: "missing equals", text: header + "activity x\n  kind exchange\n",
            expected: "plan.wbp:9:8: error: expected `=` after `kind` in activity `x`, found `exchange` [WB109]"),
        BrokenPlan(
            name: "unknown party attribute", text: header + "party c\n  kind = practice\n  turnover_eur = EUR 5\n",
            expected: "plan.wbp:10:3: error: unknown attribute `turnover_eur` in party `c`; did you mean `turnover`? [WB418]"),
    ]

    @Test(arguments: brokenPlans)
    func brokenPlan(_ broken: BrokenPlan) throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("plan.wbp")
            write(broken.text, to: plan)
            let run = waarborg("check", plan.path, "--rules", miniRules, "--format", "json", "--lang", "en")
            #expect(run.code == 2)
            #expect(run.output.isEmpty)
            let first = run.errors.split(separator: "\n").first { $0.contains(": error: ") }.map(String.init) ?? ""
            #expect(first == folder.path + "/" + broken.expected)
        }
    }

    @Test func unreadableInputs() throws {
        try withTemporaryFolder { folder in
            let missing = waarborg("check", folder.appendingPathComponent("none.wbp").path, "--rules", miniRules, "--lang", "en")
            #expect(missing.code == 2)
            #expect(missing.errors == "\(folder.path)/none.wbp: error: no such plan; check the path [WB601]\n")
            let directory = waarborg("check", folder.path, "--rules", miniRules, "--lang", "en")
            #expect(directory.errors == "\(folder.path): error: this is a folder, not a plan [WB602]\n")
            let binary = folder.appendingPathComponent("binary.wbp")
            _ = FileManager.default.createFile(atPath: binary.path, contents: Data([0x70, 0x6C, 0xC3, 0x28]))
            let invalid = waarborg("check", binary.path, "--rules", miniRules, "--lang", "en")
            #expect(invalid.errors.hasPrefix("\(binary.path):1:3: error: the file is not valid UTF-8; save it as UTF-8 text [WB001]"))
            let noRules = waarborg("check", miniPlan, "--rules", folder.appendingPathComponent("nothing").path, "--lang", "en")
            #expect(noRules.errors.contains("no such rules folder"))
            #expect(noRules.code == 2)
        }
    }

    @Test func diagnosticsShowTheLineWithACaret() throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("plan.wbp")
            write(Self.header + "activity x\n  kind = exchange\n  data_kind = {costs}\n", to: plan)
            let run = waarborg("check", plan.path, "--rules", miniRules)
            let lines = run.errors.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines[1] == " 10 |   data_kind = {costs}")
            #expect(lines[2] == "    |   ^" + String(repeating: "~", count: 8))
        }
    }

    /// Every problem with a whole file or folder is `PATH: error: … [WB6xx]`, as
    /// docs/diagnostics.md says; none is printed `error: PATH: …` any more.
    @Test func fileLevelErrorsNameTheFileFirst() throws {
        try withTemporaryFolder { folder in
            let missing = folder.appendingPathComponent("none.wbp").path
            let file = folder.appendingPathComponent("file.txt")
            write("x\n", to: file)
            let empty = folder.appendingPathComponent("empty")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            let nonUTF8 = folder.path + "/plan-\u{FFFD}.wbp"
            let plan = folder.appendingPathComponent("plan.wbp")
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(miniPlan), to: plan)
            let stale = folder.appendingPathComponent("catalogue.md")
            write("old\n", to: stale)
            let cases: [(arguments: [String], path: String, code: String)] = [
                (["check", missing, "--rules", miniRules], missing, "WB601"),
                (["check", folder.path, "--rules", miniRules], folder.path, "WB602"),
                (["check", "/dev/zero", "--rules", miniRules], "/dev/zero", "WB609"),
                (["check", nonUTF8, "--rules", miniRules], nonUTF8, "WB601"),
                (["check", miniPlan, "--rules", missing], missing, "WB606"),
                (["check", miniPlan, "--rules", file.path], file.path, "WB607"),
                (["check", miniPlan, "--rules", empty.path], empty.path, "WB608"),
                (["check", miniPlan, "--rules", miniRules, "--answers", missing], missing, "WB601"),
                (["check", miniPlan, "--rules", miniRules, "--baseline", missing], missing, "WB601"),
                (["check", plan.path, "--rules", miniRules, "--output", plan.path], plan.path, "WB612"),
                (["check", miniPlan, "--rules", miniRules, "--output", folder.path], folder.path, "WB611"),
                (["check", miniPlan, "--rules", miniRules, "--output", missing + "/report.txt"], missing + "/report.txt", "WB610"),
                (["impact", missing, "--rules", miniRules, "--base", miniRules], missing, "WB601"),
                (["test", miniRules, "--plans", missing], missing, "WB601"),
                (["docs", miniRules, "--output", stale.path, "--check"], stale.path, "WB626"),
                (["fmt", "--check", "/dev/zero"], "/dev/zero", "WB609"),
                (["fmt", "--check", missing], missing, "WB601"),
            ]
            for (arguments, path, code) in cases {
                // In the default language (Dutch) and in English: the English text is the
                // one whose slip ("rule file file") is guarded against below.
                for language in [[], ["--lang", "en"]] {
                    let arguments = arguments + language
                    let run = waarborg(arguments)
                    #expect(run.code == (code == "WB626" ? 1 : 2), "\(arguments): \(run.errors)")
                    let lines = run.errors.split(separator: "\n").map(String.init)
                    #expect(lines.first?.hasPrefix("\(path): error: ") == true, "\(arguments): \(run.errors)")
                    #expect(lines.first?.hasSuffix("[\(code)]") == true, "\(arguments): \(run.errors)")
                    #expect(!lines.contains { $0.hasPrefix("error: ") }, "\(arguments): \(run.errors)")
                    // What the file was to be is said once ("rule file file" was a slip).
                    if !language.isEmpty { #expect(!run.errors.contains("file file"), "\(arguments): \(run.errors)") }
                }
            }
        }
    }
}
