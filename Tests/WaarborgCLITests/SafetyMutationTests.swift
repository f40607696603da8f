import Foundation
import Testing

/// The safety proof on the live rules: lint proves every (hardcore fact, activity kind)
/// pair, and fails with a counterexample on a copy of the rules in which one hardcore rule
/// lets its conduct through.
@Suite struct SafetyMutationTests {
    @Test func lintProvesTheLiveRulesSafe() {
        let run = waarborg("lint", "rules", "--lang", "en")
        #expect(run.code == 0, "\(run.output)")
        let summary = run.output.split(separator: "\n").last.map(String.init) ?? ""
        let proven = summary.firstMatch(of: /safety proof: (\d+)\/(\d+) proven/)
        #expect(proven != nil, "\(summary)")
        if let proven { #expect(proven.1 == proven.2 && Int(proven.1)! > 0, "\(summary)") }
    }

    @Test func aHardcoreRuleThatLetsItsConductThroughFailsLintWithACounterexample() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waarborg-safety-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("rules"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("scope-and-hardcore.wbr")
        let original = try String(contentsOf: file, encoding: .utf8)
        let guarded = "  when exclusion_from_shared_facility or fee_or_terms_discriminate\n  then needs_assessment\n"
        try #require(original.contains(guarded), "HC-08 no longer reads as the test expects")
        try original.replacingOccurrences(of: guarded, with: guarded.replacingOccurrences(of: "needs_assessment", with: "allowed"))
            .write(to: file, atomically: true, encoding: .utf8)
        let run = waarborg("lint", folder.path, "--lang", "en")
        #expect(run.code == 1, "\(run.output)")
        #expect(run.output.contains("hardcore fact `exclusion_from_shared_facility` is not safe for activity kind"), "\(run.output)")
        #expect(run.output.contains("activity counterexample\n"), "\(run.output)")
        #expect(run.output.contains("  exclusion_from_shared_facility = yes"), "\(run.output)")
        #expect(run.output.contains("[WB740]"))
    }
}
