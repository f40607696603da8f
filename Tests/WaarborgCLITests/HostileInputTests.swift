import Foundation
import Testing

/// Inputs that used to hang, vanish or cascade: FIFOs, standard input, the rules folder's
/// neighbours, broken files among good ones, and options given the wrong way.
@Suite struct HostileInputTests {
    func errorLines(_ run: Run) -> [String] { run.errors.split(separator: "\n").map(String.init).filter { $0.contains(" error: ") || $0.hasPrefix("error: ") } }

    @Test func aFIFOIsAnErrorNotAHang() throws {
        try withTemporaryFolder { folder in
            let fifo = folder.appendingPathComponent("plan.wbp")
            #expect(mkfifo(fifo.path, 0o600) == 0)
            let run = waarborg("check", fifo.path, "--rules", miniRules, "--lang", "en")
            #expect(run.code == 2)
            #expect(run.errors.hasPrefix("\(fifo.path): error: this is a pipe, not a file; a plan is read from a file, or from standard input with `-`"))
            let rules = try copyOfMiniRules(in: folder)
            #expect(mkfifo(rules.appendingPathComponent("extra.wbr").path, 0o600) == 0)
            let inRules = waarborg("check", miniPlan, "--rules", rules.path, "--lang", "en")
            #expect(inRules.code == 2)
            #expect(inRules.errors == "\(rules.path)/extra.wbr: error: this is not a file or folder (a FIFO, device or socket); remove it from the rules folder [WB609]\n")
            let device = waarborg("check", "/dev/zero", "--rules", miniRules, "--lang", "en")
            #expect(device.errors == "/dev/zero: error: this is a device, not a file; a plan is read from a regular file [WB609]\n")
        }
    }

    @Test func dashReadsStandardInput() throws {
        let plan = try Data(contentsOf: repositoryRoot.appendingPathComponent(miniPlan))
        let text = try spawn(["check", "-", "--rules", miniRules, "--plain", "--lang", "en"], input: plan)
        #expect(text.code == 1, "\(text.errors)")
        #expect(text.output.hasPrefix("Mini consortium (<stdin>)"))
        let json = waarborg("convert", miniPlan, "--rules", miniRules, "--to", "json")
        let fromJSON = try spawn(["check", "-", "--rules", miniRules, "--format", "json"], input: Data(json.output.utf8))
        #expect(fromJSON.code == 1, "\(fromJSON.errors)")
        #expect(fromJSON.output.contains("\"verdict\": \"prohibited\""))
    }

    /// A `rules/` folder in the current directory does not replace the project's rules.
    @Test func aRulesFolderInTheCurrentDirectoryIsNotPickedUp() throws {
        try withTemporaryFolder { folder in
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(miniRules), to: folder.appendingPathComponent("rules"))
            let plan = repositoryRoot.appendingPathComponent("examples/zorghub-noord.wbp").path
            let project = try spawn(["check", plan, "--plain", "--lang", "en"], folder: folder)
            let reference = try spawn(["check", plan, "--plain", "--lang", "en"])
            #expect(project.output == reference.output, "the project's rules, not ./rules")
            let named = try spawn(["check", plan, "--plain", "--rules", "rules"], folder: folder)
            #expect(named.code == 2, "the mini rules do not know this plan's vocabulary")
        }
    }

    @Test func theRulesFolderHidesNothing() throws {
        try withTemporaryFolder { folder in
            let rules = folder.appendingPathComponent("rules")
            try FileManager.default.createDirectory(at: rules.appendingPathComponent("sub"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(miniRules + "/vocabulary.wbr"), to: rules.appendingPathComponent("vocabulary.wbr"))
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(miniRules + "/rules.wbr"), to: rules.appendingPathComponent("sub/rules.wbr"))
            #expect(waarborg("check", miniPlan, "--rules", rules.path).code == 1)
            // A link to a rule file elsewhere.
            let elsewhere = folder.appendingPathComponent("elsewhere.wbr")
            write("# empty\n", to: elsewhere)
            try FileManager.default.createSymbolicLink(at: rules.appendingPathComponent("linked.wbr"), withDestinationURL: elsewhere)
            let linked = waarborg("check", miniPlan, "--rules", rules.path, "--lang", "en")
            #expect(linked.code == 2)
            #expect(linked.errors.hasPrefix("\(rules.path)/linked.wbr: error: this is a symbolic link"))
            unlink(rules.appendingPathComponent("linked.wbr").path)
            // A subfolder that cannot be read (the kernel lets root read it, so only as a user).
            if getuid() != 0 {
                chmod(rules.appendingPathComponent("sub").path, 0)
                defer { chmod(rules.appendingPathComponent("sub").path, 0o755) }
                let locked = waarborg("check", miniPlan, "--rules", rules.path, "--lang", "en")
                #expect(locked.code == 2)
                #expect(locked.errors.contains("the rules folder cannot be read"))
            }
        }
    }

    @Test func aBrokenRuleFileStillLetsTheOthersBeChecked() throws {
        try withTemporaryFolder { folder in
            let rules = try copyOfMiniRules(in: folder)
            let ruleFile = rules.appendingPathComponent("rules.wbr")
            let text = try String(contentsOf: ruleFile, encoding: .utf8)
            // A syntax error in one file, a semantic error (an unknown verdict) in another.
            try text.replacingOccurrences(of: "  then prohibited\n", with: "  then forbidden\n").write(to: ruleFile, atomically: true, encoding: .utf8)
            write("rule BROKEN\n  when (competitors\n", to: rules.appendingPathComponent("broken.wbr"))
            let run = waarborg("check", miniPlan, "--rules", rules.path, "--lang", "en")
            #expect(run.code == 2)
            let errors = errorLines(run)
            #expect(errors.contains { $0.contains("broken.wbr:2:") && $0.contains("[WB122]") }, "\(errors)")
            #expect(errors.contains { $0.contains("rules.wbr:") && $0.contains("unknown verdict `forbidden`") }, "\(errors)")
            #expect(!errors.contains { $0.contains("broken.wbr") && !$0.contains("[WB122]") }, "the broken file's own cascade is left out: \(errors)")
        }
    }

    @Test func oneMistakeIsOneError() throws {
        try withTemporaryFolder { folder in
            let rules = try copyOfMiniRules(in: folder)
            let ruleFile = rules.appendingPathComponent("rules.wbr")
            let original = try String(contentsOf: ruleFile, encoding: .utf8)
            let cases: [(String, String, String)] = [
                (#"title nl "Actuele gevoelige gegevens" en"#, #"title nl "Actuele gevoelige gegevens en"#, "[WB008]"),
                (#"because nl "Verboden." en "Prohibited.""#, #"because nl “Verboden.” en "Prohibited.""#, "write straight quotes"),
                ("  when competitors and data_kinds", "  when (competitors and data_kinds", "[WB122]"),
                ("  unless safeguards clean_team", "  unless the parties use a clean team", "a condition names declared facts, such as `"),
                ("  applies to exchange\n", "  applies to exchange\n  valid from 1 januari 2027\n", "write dates as YYYY-MM-DD: `2027-01-01`"),
            ]
            for (from, to, expected) in cases {
                #expect(original.contains(from))
                let first = try #require(original.range(of: from))
                try original.replacingCharacters(in: first, with: to).write(to: ruleFile, atomically: true, encoding: .utf8)
                let run = waarborg("check", miniPlan, "--rules", rules.path, "--lang", "en")
                #expect(run.code == 2)
                let errors = errorLines(run)
                #expect(errors.count == 1, "\(to): \(errors)")
                #expect(errors.first?.contains(expected) == true, "\(to): \(errors)")
            }
            // A plan: the issue's unclosed quote gave 11 errors.
            let plan = folder.appendingPathComponent("plan.wbp")
            write(read(miniPlan).replacingOccurrences(of: #"name = "Praktijk A""#, with: #"name = "Praktijk A"#), to: plan)
            let planRun = waarborg("check", plan.path, "--rules", miniRules, "--lang", "en")
            #expect(errorLines(planRun) == ["\(plan.path):6:10: error: this string is never closed; add a `\"` where it should end [WB008]"])
        }
    }

    /// A draft's missing closing fence gave 102 errors about its prose.
    @Test func aMissingClosingFenceIsOneError() throws {
        try withTemporaryFolder { folder in
            let text = read("examples/samenwerkingsovereenkomst-zorghub-noord.md")
            let lines = text.components(separatedBy: "\n")
            // Remove the closing fence of the second ```waarborg block.
            var opened = 0
            var inside = false
            var removed: Int?
            for (index, line) in lines.enumerated() {
                if line.hasPrefix("```waarborg") { opened += 1; inside = true; continue }
                if inside, line == "```" {
                    inside = false
                    if opened == 2 { removed = index; break }
                }
            }
            let index = try #require(removed)
            let draft = folder.appendingPathComponent("overeenkomst.md")
            write(lines.enumerated().filter { $0.offset != index }.map(\.element).joined(separator: "\n"), to: draft)
            let run = waarborg("check", draft.path, "--lang", "en")
            #expect(run.code == 2)
            let errors = errorLines(run)
            #expect(errors.count == 1, "\(errors)")
            #expect(errors.first?.contains("this ```waarborg block is never closed [WB220]") == true)
            #expect(run.errors.contains("note: the next ```waarborg block opens here, before this one is closed"))
        }
    }

    @Test(arguments: ["check", "questions", "explain", "test", "lint", "docs", "convert", "schema", "annex"])
    func dashHWorksEverywhere(_ command: String) {
        let short = waarborg(command, "-h", "--lang", "en")
        #expect(short.code == 0, "\(short.errors)")
        #expect(short.output.hasPrefix("USAGE: waarborg \(command)"))
        #expect(short.output == waarborg(command, "--help", "--lang", "en").output)
        #expect(waarborg(command, "-h").output == waarborg(command, "--help").output)
    }

    @Test func aRepeatedOptionIsAUsageError() {
        let run = waarborg("check", miniPlan, "--rules", miniRules, "--format", "json", "--format", "sarif", "--lang", "en")
        #expect(run.code == 2)
        #expect(run.errors == "error: `--format` is given twice (`json` and `sarif`); it takes one value, so give it once\n")
        #expect(run.output.isEmpty)
    }
}

/// Answers never silently override what the plan implies, never hide a duplicate, and never
/// drop what they cannot hold.
@Suite struct AnswersTests {
    func check(_ answers: String, name: String = "answers.wba") -> Run {
        withTemporaryFolder { folder in
            let file = folder.appendingPathComponent(name)
            write(answers, to: file)
            return waarborg("check", miniPlan, "--rules", miniRules, "--answers", file.path, "--format", "json", "--lang", "en")
        }
    }

    @Test func anAnswerThatContradictsADerivedFactIsAnError() {
        // The issue's case: `competitors` follows from `competes_with`; `no` made the activity allowed.
        let run = check("activity prices_now\n  competitors = no\n")
        #expect(run.code == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("this answer contradicts the plan: `competitors` of activity `prices_now` is `yes`, derived from the parties a, b; the answer says `no`"), "\(run.errors)")
        #expect(run.errors.contains("override competitors = no"))
        // Agreeing with the plan is fine.
        #expect(check("activity prices_now\n  competitors = yes\n").code == 1)
    }

    @Test func aDeclaredOverrideIsAWarningNamingBoth() {
        let reference = waarborg("check", miniPlan, "--rules", miniRules, "--format", "json", "--lang", "en")
        for (name, text) in [
            ("answers.wba", "activity prices_now\n  override competitors = no\n"),
            ("answers.json", #"{ "prices_now": { "override": { "competitors": false } } }"#),
        ] {
            let run = check(text, name: name)
            #expect(run.code != 2, "\(name): \(run.errors)")
            #expect(run.errors.contains("warning: this answer overrides `competitors` of activity `prices_now`: the plan implies `yes` (derived from the parties a, b), the answer says `no` [WB426]"), "\(name): \(run.errors)")
            #expect(run.output != reference.output)
        }
    }

    @Test func duplicatesAndWaiversInAnswersAreErrors() {
        let duplicate = check("activity unknown_age\n  age_months = 3\nactivity unknown_age\n  age_months = 30\n")
        #expect(duplicate.code == 2)
        #expect(duplicate.errors.contains("`age_months` is answered twice for activity `unknown_age` in the answers file"))
        #expect(duplicate.errors.contains("answers.wba; keep one answer [WB424]"))
        #expect(duplicate.errors.contains("note: first answered here"))
        #expect(!duplicate.errors.contains("the plan's value"))
        let waiver = check("activity prices_now\n  waiver EX-1\n    justification = \"x\"\n    owner = \"y\"\n    expires = 2027-01-01\n")
        #expect(waiver.code == 2)
        #expect(waiver.errors.contains("an answers file holds answers only; a waiver is a decision about the plan"))
    }

    @Test func anOverrideInAPlanIsAnError() throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("plan.wbp")
            write(read(miniPlan).replacingOccurrences(of: "  age_months = 2\n", with: "  age_months = 2\n  override competitors = no\n"), to: plan)
            let run = waarborg("check", plan.path, "--rules", miniRules, "--lang", "en")
            #expect(run.code == 2)
            #expect(run.errors.contains("`override` belongs in an answers file (`--answers`)"), "\(run.errors)")
        }
    }
}

/// One grammar for ids in `.wbp` and JSON, and values in their valid range.
@Suite struct PlanValueTests {
    @Test(arguments: ["huisarts a", "huisarts\na", "kösten", "9lives", "a--b", "-a", "a.b", ""])
    func aJSONIdThatAWbpCannotHoldIsAnError(_ id: String) throws {
        try withTemporaryFolder { folder in
            let converted = waarborg("convert", "examples/zorghub-noord.wbp", "--to", "json").output
            let data = try JSONSerialization.jsonObject(with: Data(converted.utf8)) as! [String: Any]
            var activities = data["activities"] as! [[String: Any]]
            activities[0]["id"] = id
            var changed = data
            changed["activities"] = activities
            let plan = folder.appendingPathComponent("plan.json")
            try JSONSerialization.data(withJSONObject: changed).write(to: plan)
            let run = waarborg("check", plan.path, "--lang", "en")
            #expect(run.code == 2)
            #expect(run.errors.contains(id.isEmpty ? "[WB212]" : "cannot be written in a .wbp plan"), "\(run.errors)")
            #expect(run.output.isEmpty)
        }
    }

    @Test func everyJSONPlanThatChecksConvertsToAWbpThatChecks() throws {
        try withTemporaryFolder { folder in
            let json = folder.appendingPathComponent("plan.json")
            write(waarborg("convert", "examples/zorghub-noord.wbp", "--to", "json").output, to: json)
            #expect(waarborg("check", json.path, "--plain").code != 2)
            let wbp = folder.appendingPathComponent("plan.wbp")
            write(waarborg("convert", json.path, "--to", "wbp").output, to: wbp)
            let back = waarborg("check", wbp.path, "--plain")
            #expect(back.code != 2, "\(back.errors)")
        }
    }

    @Test func percentagesAbove100AndNegativeAmountsAreErrors() throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("plan.wbp")
            for share in ["250%", "1_800%"] {
                write(read("examples/zorghub-noord.wbp").replacingOccurrences(of: "market_share_pct = 18%", with: "market_share_pct = \(share)"), to: plan)
                let run = waarborg("check", plan.path, "--lang", "en")
                #expect(run.code == 2)
                #expect(run.errors.contains("`market_share_pct` is a percentage from 0 to 100; `\(share.replacingOccurrences(of: "_", with: ""))` is more than 100 % [WB401]"), "\(run.errors)")
            }
            write(read("examples/zorghub-noord.wbp").replacingOccurrences(of: "market_share_pct = 18%", with: "market_share_pct = 100%"), to: plan)
            #expect(waarborg("check", plan.path).code != 2)
            let json = folder.appendingPathComponent("plan.json")
            let converted = waarborg("convert", "examples/zorghub-noord.wbp", "--to", "json").output
            write(converted.replacingOccurrences(of: "\"market_share_pct\": \"18%\"", with: "\"market_share_pct\": \"250%\""), to: json)
            #expect(waarborg("check", json.path, "--lang", "en").errors.contains("is more than 100 %"))
            let turnover = try #require(converted.range(of: #""turnover_eur_prev_year": "#))
            write(converted.replacingCharacters(in: turnover, with: #""turnover_eur_prev_year": -"#), to: json)
            let negative = waarborg("check", json.path, "--lang", "en")
            #expect(negative.code == 2)
            #expect(negative.errors.contains("is negative; an amount of money here is 0 or more"), "\(negative.errors)")
        }
    }
}

@Suite struct FileNameTests {
    /// A file name with bytes that are not UTF-8 (Latin-1 `é`): said so, not "no such file".
    @Test func aNonUTF8FileNameIsSaidToBeOne() throws {
        try withTemporaryFolder { folder in
            var name = Array(folder.path.utf8) + Array("/plan-".utf8) + [0xE9] + Array(".wbp".utf8)
            let plan = read(miniPlan)
            name.append(0)
            let descriptor = name.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
            }
            #expect(descriptor >= 0)
            _ = plan.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress!, $0.count - 1) }
            close(descriptor)
            // The shell hands the name's own bytes to waarborg (a Swift String could not hold them).
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", #"exec "$0" check "$(printf '%s/plan-\351.wbp' "$1")" --rules "$2" --lang en"#, builtBinary.path, folder.path, miniRules]
            process.currentDirectoryURL = repositoryRoot
            process.environment = ["WAARBORG_CACHE": "off"]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let run = (code: process.terminationStatus, errors: text)
            #expect(run.code == 2)
            #expect(run.errors.contains("the file name is not valid UTF-8"), "\(run.errors)")
        }
    }
}
