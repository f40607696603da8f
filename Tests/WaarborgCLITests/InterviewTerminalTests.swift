import Foundation
import Testing

/// `waarborg interview` at a real terminal: a pseudo-terminal driven by
/// Tests/Fixtures/interview/pty_drive.py (python3's `pty` module), which types the replies,
/// reads the screen and presses Ctrl-C like a person would.
@Suite struct InterviewTerminalTests {
    enum Step {
        case expect(String)
        case send(String)
        case interrupt

        var json: [String: Any] {
            switch self {
            case .expect(let text): ["expect": text]
            case .send(let text): ["send": text]
            case .interrupt: ["interrupt": true]
            }
        }
    }

    /// Runs the interview on a pseudo-terminal; the screen as shown and the exit status.
    func drive(_ steps: [Step], _ arguments: [String], in folder: URL) throws -> (screen: String, code: Int32) {
        let binary = repositoryRoot.appendingPathComponent(".build/debug/waarborg")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first (swift build)")
        let script = folder.appendingPathComponent("steps.json")
        try JSONSerialization.data(withJSONObject: steps.map(\.json)).write(to: script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repositoryRoot.appendingPathComponent("Tests/Fixtures/interview/pty_drive.py").path, script.path, "--", binary.path, "interview"] + arguments
        process.currentDirectoryURL = repositoryRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 with the pty module is needed to drive a terminal")
        var screen = String(decoding: data, as: UTF8.self)
        let last = try #require(screen.split(separator: "\n").last)
        let code = try #require(Int32(last.dropFirst("exit ".count)))
        screen = String(screen.dropLast(last.count + 1))
        #expect(!screen.contains("timeout waiting for"), "\(screen)")
        return (screen, code)
    }

    @Test func aTypedInterviewWritesThePlan() throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("typed.wbp")
            let steps: [Step] = [
                .expect("name of the cooperation"), .send("Typed consortium\n"),
                .expect("Empty: today."), .send("2026-06-01\n"),
                .expect("(empty: none)"), .send("\n"),
                .expect("Name of party 1?"), .send("Praktijk A\n"),
                .expect("search word) > "), .send("prac\n"),
                .expect("Praktijk A: turnover?"), .expect("don't know) > "), .send("?\n"),
                .expect("Name of party 2?"), .send("Praktijk B\n"),
                .expect("search word) > "), .send("1\n"),
                .expect("same undertaking"), .expect("(praktijk_a)"), .expect("> "), .send("\n"),
                .expect("Praktijk B: turnover?"), .expect("don't know) > "), .send("1.000.000\n"),
                .expect("Name of party 3?"), .send("\n"),
                .expect("compete with"), .expect("don't know) > "), .send("2\n"),
                .expect("Describe activity 1"), .send("Prijzen delen\n"),
                .expect("search word) > "), .send("xyz\n"),
                .expect("Nothing matches \"xyz\""), .expect("search word) > "), .send("uitwissel\n"),
                .expect("take part?"), .expect("(praktijk_b)"), .expect("> "), .send("all\n"),
                .expect("Question 1 about prijzen_delen"), .expect("don't know) > "), .send("prices\n"),
                .expect("Verdict now:"), .expect("Question 2 about prijzen_delen"), .expect("don't know) > "), .send("two\n"),
                .expect("is not a valid answer"), .expect("don't know) > "), .send("2\n"),
                .expect("Question 3 about prijzen_delen [activity.1.safeguards]"), .expect("don't know) > "), .send("none\n"),
                .expect("Settled: prohibited."),
                .expect("Describe activity 2"), .send("\n"),
                .expect("Plan written"),
            ]
            let (screen, code) = try drive(steps, [plan.path, "--rules", miniRules, "--lang", "en", "--plain"], in: folder)
            #expect(code == 0, "\(screen)")
            let text = try String(contentsOf: plan, encoding: .utf8)
            #expect(text.contains("data_kinds = {prices}"))
            #expect(text.contains("age_months = 2"))
            #expect(text.contains("turnover = EUR 1_000_000"))
            let check = waarborg("check", plan.path, "--rules", miniRules, "--format", "json")
            #expect(check.code != 2, "\(check.errors)")
            #expect(check.output.contains("\"verdict\" : \"prohibited\"") || check.output.contains("\"verdict\": \"prohibited\""))
        }
    }

    @Test func ctrlCLeavesAnExistingPlanAsItWas() throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("existing.wbp")
            write(read(miniPlan), to: plan)
            let steps: [Step] = [
                .expect("Resuming"), .expect("Name of party 5?"), .send("Nieuwe partij\n"),
                .expect("search word) > "), .send("1\n"),
                .expect("same undertaking"), .expect("4. gemeente"), .expect("> "), .interrupt,
            ]
            let (screen, code) = try drive(steps, [plan.path, "--rules", miniRules, "--lang", "en"], in: folder)
            #expect(code == 130, "\(screen)")
            #expect(screen.contains("Interrupted: the plan file was not changed."))
            let after = try String(contentsOf: plan, encoding: .utf8)
            #expect(after == read(miniPlan))
            let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(left == ["existing.wbp", "steps.json"], "no temporary file is left behind")
        }
    }

    @Test func ctrlCOnANewPlanWritesNothing() throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("new.wbp")
            let steps: [Step] = [.expect("name of the cooperation"), .send("Halfway\n"), .expect("Empty: today."), .interrupt]
            let (screen, code) = try drive(steps, [plan.path, "--rules", miniRules, "--lang", "en"], in: folder)
            #expect(code == 130, "\(screen)")
            #expect(!FileManager.default.fileExists(atPath: plan.path))
        }
    }
}
