import Foundation
import Testing
@testable import WaarborgCLI

/// The built executable, run as a user runs it: for what only a separate process shows
/// (standard input and output, signals, the current folder).
struct Spawned {
    let code: Int32
    let signal: Int32?
    let output: String
    let errors: String
}

/// A copy of the mini rule set (with its plan) in `folder/rules`, to break or surround.
func copyOfMiniRules(in folder: URL) throws -> URL {
    let rules = folder.appendingPathComponent("rules")
    try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(miniRules), to: rules)
    return rules
}

let builtBinary = repositoryRoot.appendingPathComponent(".build/debug/waarborg")

func spawn(
    _ arguments: [String], input: Data? = nil, standardOutput: FileHandle? = nil, folder: URL = repositoryRoot,
    environment: [String: String] = ["WAARBORG_CACHE": "off"], whileRunning: ((Process) -> Void)? = nil
) throws -> Spawned {
    guard FileManager.default.isExecutableFile(atPath: builtBinary.path) else {
        Issue.record("build the executable first (swift build)")
        return Spawned(code: -1, signal: nil, output: "", errors: "")
    }
    let process = Process()
    process.executableURL = builtBinary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = environment
    let outputPipe = Pipe()
    let errorPipe = Pipe()
    process.standardOutput = standardOutput ?? outputPipe
    process.standardError = errorPipe
    let inputPipe = Pipe()
    if input != nil { process.standardInput = inputPipe } else { process.standardInput = FileHandle.nullDevice }
    // The child inherits this thread's signal mask; the test runner blocks SIGINT and
    // SIGTERM in its threads, a shell does not. Spawn with them unblocked, as a shell would.
    var unblock = sigset_t()
    var previous = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGINT)
    sigaddset(&unblock, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &unblock, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    try process.run()
    if let input {
        try inputPipe.fileHandleForWriting.write(contentsOf: input)
        try inputPipe.fileHandleForWriting.close()
    }
    whileRunning?(process)
    // Read both pipes to the end before waiting, so a large output never blocks the child.
    final class Box: @unchecked Sendable { var data = Data() }
    let box = Box()
    let group = DispatchGroup()
    if standardOutput == nil {
        DispatchQueue.global().async(group: group) { box.data = outputPipe.fileHandleForReading.readDataToEndOfFile() }
    }
    let errors = errorPipe.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    let output = box.data
    let signalled = process.terminationReason == .uncaughtSignal
    return Spawned(
        code: signalled ? -1 : process.terminationStatus, signal: signalled ? process.terminationStatus : nil,
        output: String(decoding: output, as: UTF8.self), errors: String(decoding: errors, as: UTF8.self))
}

/// Outputs never replace anything but a regular file, never an input of the run, and no
/// failed write passes for success.
@Suite struct OutputSafetyTests {
    func mode(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode : nil
    }

    @Test func devicesAreWrittenNotReplaced() throws {
        let null = waarborg("check", miniPlan, "--rules", miniRules, "--output", "/dev/null")
        #expect(null.code == 1 || null.code == 0, "\(null.errors)")
        #expect(mode("/dev/null").map { $0 & S_IFMT == S_IFCHR } == true, "/dev/null is still a character device")
        #expect(mode("/dev/null").map { $0 & 0o777 } == 0o666)

        let full = waarborg("check", miniPlan, "--rules", miniRules, "--output", "/dev/full", "--format", "json", "--lang", "en")
        #expect(full.code == 2)
        #expect(full.errors == "/dev/full: error: writing failed (No space left on device) [WB611]\n")
        #expect(mode("/dev/full").map { $0 & S_IFMT == S_IFCHR } == true)
    }

    @Test func dashAndDevStdoutAreStandardOutput() throws {
        let reference = waarborg("check", miniPlan, "--rules", miniRules, "--plain")
        for name in ["-", "/dev/stdout"] {
            let run = waarborg("check", miniPlan, "--rules", miniRules, "--plain", "--output", name)
            #expect(run.output == reference.output)
            #expect(run.code == reference.code)
        }
        #expect(!FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent("-").path), "no file named `-`")
        #expect(mode("/dev/stdout").map { $0 & S_IFMT == S_IFLNK } == true)
        let docx = waarborg("annex", "examples/zorghub-noord.wbp", "--format", "docx", "--output", "-")
        #expect(docx.code == 0, "\(docx.errors)")
        #expect(docx.output.hasPrefix("PK"))
    }

    @Test func aLinkIsFollowedAndKeptAndAPlantedTemporaryNameIsHarmless() throws {
        try withTemporaryFolder { folder in
            let target = folder.appendingPathComponent("report.txt")
            write("old\n", to: target)
            chmod(target.path, 0o640)
            let link = folder.appendingPathComponent("link.txt")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
            // Another user plants links at the names the old code used for its temporary file.
            let victim = folder.appendingPathComponent("victim")
            write("secret\n", to: victim)
            chmod(victim.path, 0o600)
            for name in ["report.txt", "link.txt"] {
                try FileManager.default.createSymbolicLink(
                    at: folder.appendingPathComponent(".\(name).tmp-\(getpid())"), withDestinationURL: victim)
            }
            let run = waarborg("check", miniPlan, "--rules", miniRules, "--plain", "--output", link.path)
            #expect(run.code == 1, "\(run.errors)")
            #expect(mode(link.path).map { $0 & S_IFMT == S_IFLNK } == true, "the link stays a link")
            #expect((try? String(contentsOf: target, encoding: .utf8))?.hasPrefix("Mini consortium") == true)
            #expect(mode(target.path).map { $0 & 0o777 } == 0o640, "the replaced file keeps its mode")
            #expect((try? String(contentsOf: victim, encoding: .utf8)) == "secret\n")
            #expect(mode(victim.path).map { $0 & 0o777 } == 0o600)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(!names.contains { $0.hasSuffix(".tmp") }, "\(names)")

            // A new file gets what the umask leaves of 0666.
            let fresh = folder.appendingPathComponent("new.json")
            let old = umask(0o027)
            defer { umask(old) }
            #expect(waarborg("check", miniPlan, "--rules", miniRules, "--format", "json", "--output", fresh.path).code == 1)
            #expect(mode(fresh.path).map { $0 & 0o777 } == 0o640)

            // A link to nothing is not created through.
            let dangling = folder.appendingPathComponent("dangling.txt")
            try FileManager.default.createSymbolicLink(at: dangling, withDestinationURL: folder.appendingPathComponent("nowhere/x"))
            let broken = waarborg("check", miniPlan, "--rules", miniRules, "--output", dangling.path, "--lang", "en")
            #expect(broken.code == 2)
            #expect(broken.errors.contains("is a symbolic link to a file that does not exist"))
        }
    }

    /// `check PLAN --output PLAN` used to replace the plan with its report.
    @Test func noOutputReplacesAnInputOfTheRun() throws {
        try withTemporaryFolder { folder in
            let rules = try copyOfMiniRules(in: folder)
            let plan = rules.appendingPathComponent("plan.wbp")
            let answers = folder.appendingPathComponent("answers.wba")
            write("activity unknown_age\n  age_months = 30\n", to: answers)
            let baseline = folder.appendingPathComponent("baseline.json")
            let made = waarborg("check", plan.path, "--rules", rules.path, "--format", "json", "--output", baseline.path)
            #expect(made.code == 1, "\(made.errors)")
            let before = try [plan, answers, baseline, rules.appendingPathComponent("rules.wbr")].map { try Data(contentsOf: $0) }
            let cases: [([String], String, String)] = [
                (["check", plan.path, "--output", plan.path], plan.path, "the plan"),
                (["check", plan.path, "--format", "json", "--output", folder.path + "/rules/../rules/plan.wbp"], plan.path, "the plan"),
                (["questions", plan.path, "--output", plan.path], plan.path, "the plan"),
                (["explain", plan.path, "--output", plan.path], plan.path, "the plan"),
                (["convert", plan.path, "--to", "json", "--output", plan.path], plan.path, "the plan"),
                (["check", plan.path, "--output", rules.path + "/rules.wbr"], "rules.wbr", "the rule file"),
                (["docs", rules.path, "--output", rules.path + "/rules.wbr"], "rules.wbr", "the rule file"),
                (["check", plan.path, "--answers", answers.path, "--output", answers.path], answers.path, "the answers file"),
                (["check", plan.path, "--baseline", baseline.path, "--format", "json", "--output", baseline.path], baseline.path, "the baseline"),
            ]
            for (arguments, path, what) in cases {
                let run = waarborg(arguments + (arguments[0] == "docs" ? [] : ["--rules", rules.path]) + ["--lang", "en"])
                #expect(run.code == 2, "\(arguments)")
                #expect(run.errors.contains("is \(what) of this run"), "\(arguments): \(run.errors)")
                #expect(run.errors.contains(path) && run.errors.contains("[WB612]"))
                #expect(run.output.isEmpty)
            }
            // The annex needs the real rules, with their annex texts.
            let example = folder.appendingPathComponent("zorghub.wbp")
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("examples/zorghub-noord.wbp"), to: example)
            let annex = waarborg("annex", example.path, "--output", example.path, "--lang", "en")
            #expect(annex.code == 2)
            #expect(annex.errors == "\(example.path): error: this is the plan of this run; writing the output there would destroy it, so name another file [WB612]\n")
            #expect((try? Data(contentsOf: example)) == (try? Data(contentsOf: repositoryRoot.appendingPathComponent("examples/zorghub-noord.wbp"))))
            let after = try [plan, answers, baseline, rules.appendingPathComponent("rules.wbr")].map { try Data(contentsOf: $0) }
            #expect(after == before, "no input was touched")
        }
    }

    /// A full disk under standard output is exit 2 with a message, not 0 and half a JSON document.
    @Test func failedWritesToStandardOutputAreErrors() throws {
        let commands: [[String]] = [
            ["check", "examples/zorghub-noord.wbp", "--lang", "en"],
            ["check", "examples/zorghub-noord.wbp", "--format", "json", "--lang", "en"],
            ["check", "examples/zorghub-noord.wbp", "--format", "sarif", "--lang", "en"],
            ["convert", "examples/zorghub-noord.wbp", "--to", "json", "--lang", "en"],
            ["schema", "plan", "--lang", "en"],
        ]
        for arguments in commands {
            let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
            let run = try spawn(arguments, standardOutput: full)
            #expect(run.code == 2, "\(arguments)")
            #expect(run.errors.contains("error: writing to standard output failed (No space left on device); the output is incomplete [WB613]"), "\(arguments): \(run.errors)")
        }
        let summary = waarborg(
            ["check", "examples/zorghub-noord.wbp", "--format", "github", "--lang", "en"], environment: ["GITHUB_STEP_SUMMARY": "/dev/full"])
        #expect(summary.code == 2)
        #expect(summary.errors.contains("/dev/full: error: appending the job summary failed (No space left on device) [WB611]"))
    }

    /// SIGTERM and SIGINT while a report is written remove the temporary file; the old report stays.
    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalRemovesTheTemporaryFile(_ number: Int32) throws {
        try withTemporaryFolder { folder in
            // Plans large enough that writing their reports takes a while.
            var plans: [String] = []
            for copy in 0..<6 {
                var text = "plan \"Groot\"\n  date = 2026-06-01\nparty a\n  kind = practice\n  competes_with = b\nparty b\n  kind = practice\n  competes_with = a\n"
                for index in 0..<3_000 {
                    text += "activity x\(index)\n  kind = exchange\n  parties = a, b\n  data_kinds = {costs}\n  age_months = \(index % 30)\n"
                }
                let plan = folder.appendingPathComponent("groot-\(copy).wbp")
                write(text, to: plan)
                plans.append(plan.path)
            }
            let report = folder.appendingPathComponent("report.txt")
            write("old report\n", to: report)
            var sawTemporary = false
            let run = try spawn(["check"] + plans + ["--rules", repositoryRoot.appendingPathComponent(miniRules).path, "--output", report.path]) { process in
                let deadline = Date().addingTimeInterval(120)
                while process.isRunning, Date() < deadline {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                    if names.contains(where: { $0.hasPrefix(".report.txt.") && $0.hasSuffix(".tmp") }) {
                        sawTemporary = true
                        kill(process.processIdentifier, number)
                        return
                    }
                    usleep(2_000)
                }
            }
            #expect(sawTemporary, "the report was written before the signal could be sent")
            guard sawTemporary else { return }
            #expect(run.signal == number, "the process dies of the signal (\(run.code), \(run.errors))")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(!names.contains { $0.hasSuffix(".tmp") }, "\(names)")
            #expect((try? String(contentsOf: report, encoding: .utf8)) == "old report\n")
        }
    }
}
