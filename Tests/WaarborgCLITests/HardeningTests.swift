import Foundation
import Testing
import WaarborgEngine
import WaarborgModel
import WaarborgReport
import WaarborgSyntax
@testable import WaarborgCLI

/// Hostile inputs and failing files: clear errors, exit code 2, nothing partial left behind.
@Suite struct HardeningTests {
    @Test func thousandsOfPartiesInOneActivityCheckQuickly() throws {
        try withTemporaryFolder { folder in
            let count = 5_000
            var text = "plan \"Groot\"\n  date = 2026-06-01\n"
            for index in 0..<count {
                // A chain of competition: each party competes with the next.
                text += "party p\(index)\n  kind = practice\n  competes_with = \(index + 1 < count ? "p\(index + 1)" : "none")\n"
            }
            text += "activity alles\n  kind = exchange\n  parties = " + (0..<count).map { "p\($0)" }.joined(separator: ", ") + "\n  data_kinds = {costs}\n  age_months = 20\n"
            let plan = folder.appendingPathComponent("groot.wbp")
            write(text, to: plan)
            let start = Date()
            let run = waarborg("check", plan.path, "--rules", miniRules, "--format", "json", "--lang", "en")
            #expect(run.code != 2, "\(run.errors.prefix(500))")
            #expect(run.output.contains("\"derived\": \"p0 competes with p1\""))
            // Not a timing assertion of the product: a guard against quadratic work hanging the suite.
            #expect(Date().timeIntervalSince(start) < 60)
        }
    }

    @Test func aHundredThousandPartiesCheck() throws {
        try withTemporaryFolder { folder in
            let count = 100_000
            var lines = ["plan \"Regio\"", "  date = 2026-06-01"]
            lines.reserveCapacity(3 * count + 8)
            for index in 0..<count {
                lines += ["party p\(index)", "  kind = practice", "  competes_with = " + (index + 1 < count ? "p\(index + 1)" : "none")]
            }
            // One activity of every hundredth party: 1,000 participants, no competing pair.
            lines += ["activity alles", "  kind = exchange", "  parties = " + stride(from: 0, to: count, by: 100).map { "p\($0)" }.joined(separator: ", ")]
            lines += ["  data_kinds = {costs}", "  age_months = 20", ""]
            let plan = folder.appendingPathComponent("regio.wbp")
            write(lines.joined(separator: "\n"), to: plan)
            let run = waarborg("check", plan.path, "--rules", miniRules, "--format", "json", "--lang", "en")
            #expect(run.code != 2, "\(run.errors.prefix(500))")
            #expect(run.output.contains("\"id\": \"alles\""))
            #expect(run.output.contains("\"verdict\": \"allowed\""))
            #expect(run.output.contains("\"line\": 300003"))
        }
    }

    @Test func limitsGiveClearErrors() throws {
        try withTemporaryFolder { folder in
            let longLine = folder.appendingPathComponent("long.wbp")
            write("plan \"P\"\n  date = 2026-06-01\n  region = \"" + String(repeating: "x", count: 1_048_576) + "\"\n", to: longLine)
            let long = waarborg("check", longLine.path, "--rules", miniRules, "--lang", "en")
            #expect(long.code == 2)
            #expect(long.errors.hasPrefix("\(longLine.path):3:1: error: line 3 is 1048589 bytes long; lines may be at most 65536 bytes [WB002]"))

            let nested = folder.appendingPathComponent("nested.wbr")
            write(read("\(miniRules)/vocabulary.wbr"), to: folder.appendingPathComponent("rules/vocabulary.wbr"))
            write("rule DEEP\n  when " + String(repeating: "(", count: 10_000) + "competitors" + String(repeating: ")", count: 10_000) + "\n", to: folder.appendingPathComponent("rules/deep.wbr"))
            _ = nested
            let deep = waarborg("test", folder.appendingPathComponent("rules").path, "--lang", "en")
            #expect(deep.code == 2)
            #expect(deep.errors.contains("deep.wbr:2:72: error: this condition is nested more than 64 levels deep; split it into simpler rules [WB121]"))

            let huge = folder.appendingPathComponent("huge.wbp")
            FileManager.default.createFile(atPath: huge.path, contents: Data(count: 80 * 1024 * 1024))
            let big = waarborg("check", huge.path, "--rules", miniRules, "--lang", "en")
            #expect(big.code == 2)
            #expect(big.errors == "\(huge.path): error: the file is larger than 64 MB; a plan is a small text file [WB605]\n")
        }
    }

    @Test func unreadableInputAndUnwritableOutputFailCleanly() throws {
        try withTemporaryFolder { folder in
            // As root every permission check passes, so read a file the kernel refuses to read.
            let unreadable: String
            if getuid() == 0 {
                unreadable = "/proc/self/mem"
            } else {
                let locked = folder.appendingPathComponent("locked.wbp")
                write("plan \"P\"\n", to: locked)
                chmod(locked.path, 0)
                unreadable = locked.path
            }
            let run = waarborg("check", unreadable, "--rules", miniRules)
            #expect(run.code == 2)
            #expect(run.errors.hasPrefix("\(unreadable): error: "))
            #expect(run.errors.contains("[WB60"))
            #expect(run.output.isEmpty)

            // /proc is read-only even for root: the write fails, and nothing is left behind.
            let target = "/proc/waarborg-report.json"
            let write = waarborg("check", miniPlan, "--rules", miniRules, "--format", "json", "--output", target, "--lang", "en")
            #expect(write.code == 2)
            #expect(write.errors.contains("cannot write in /proc"))
            #expect(!FileManager.default.fileExists(atPath: target))
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            #expect(!leftovers.contains { $0.contains("waarborg-report") })
        }
    }

    @Test func fileOrderNeverChangesAnyOutput() throws {
        FileManager.default.changeCurrentDirectoryPath(repositoryRoot.path)
        let paths = try FileAccess.ruleFiles(in: "rules").get()
        let syntax = try paths.map { RuleFileParser.parse(try FileAccess.read($0, what: FileAccess.What.ruleFile).get()).syntax }
        var outputs = Set<String>()
        var order = Array(syntax.indices)
        for round in 0..<4 {
            // A different order each round: reversed, rotated.
            order = round % 2 == 0 ? order.reversed() : Array(order.dropFirst() + order.prefix(1))
            let ruleSet = try #require(RuleSetChecker.check(order.map { syntax[$0] }).ruleSet)
            var rendered = ""
            for example in GoldenTests.examples {
                let (planSyntax, _) = PlanParser.parse(SourceFile(path: "examples/\(example)", text: read("examples/\(example)")))
                let plan = try #require(PlanChecker.check(planSyntax, ruleSet: ruleSet).plan)
                let report = CheckReport(Evaluator_assess(ruleSet, plan), diagnostics: [])
                rendered += JSONRenderer(toolVersion: "t").render(report) + SARIFRenderer(toolVersion: "t").render([report], language: .en)
            }
            outputs.insert(rendered)
        }
        #expect(outputs.count == 1)
    }

    /// Each process hashes with its own random seed, so anything that follows the order of
    /// a `Set` or `Dictionary` differs between runs. The remedy search of this activity
    /// combines more safeguard options than it keeps; which ones it kept used to depend on
    /// that order ("jurist aanwezig" one run, "compliance officer" the next).
    @Test func separateProcessesGiveTheSameBytes() throws {
        var outputs = Set<Data>()
        for _ in 0..<6 {
            outputs.insert(try runBinary(["check", "Tests/Fixtures/determinism/remedies.wbp", "--plain"], environment: ["WAARBORG_CACHE": "off"]))
        }
        #expect(outputs.count == 1, "the same plan gave \(outputs.count) different reports")
    }

    func runBinary(_ arguments: [String], environment: [String: String]) throws -> Data {
        let binary = repositoryRoot.appendingPathComponent(".build/debug/waarborg")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            Issue.record("build the executable first (swift build)")
            return Data()
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    @Test func localeAndTimeZoneNeverChangeAnyOutput() throws {
        func run(_ arguments: [String], environment: [String: String]) throws -> Data {
            try runBinary(arguments, environment: environment)
        }
        let environments = [
            ["LANG": "C", "TZ": "UTC"],
            ["LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8", "TZ": "Pacific/Kiritimati"],
            ["LANG": "nl_NL.UTF-8", "LC_ALL": "nl_NL.UTF-8", "TZ": "America/St_Johns"],
        ]
        for format in ["text", "json", "sarif", "github", "junit"] {
            var outputs = Set<Data>()
            for environment in environments {
                outputs.insert(try run(["check", "examples/zorghub-noord.wbp", "--format", format, "--plain"], environment: environment))
            }
            #expect(outputs.count == 1, "\(format) differs between locales or time zones")
        }
    }
}

/// A plain assessment in English, for the order test.
func Evaluator_assess(_ ruleSet: RuleSet, _ plan: Plan) -> WaarborgEngine.PlanAssessment {
    WaarborgEngine.EvaluationContext(ruleSet: ruleSet, language: .en).assess(plan)
}
