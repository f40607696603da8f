import Foundation
import Testing

/// A stated fact that no rule for the activity reads (WB520) reaches the reader in every
/// output format, on its line: text (standard error), JSON, SARIF, GitHub and JUnit.
@Suite struct UnreadFactFormatsTests {
    @Test func theWarningIsInEveryFormat() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waarborg-unread-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan.wbp")
        let text = try String(contentsOfFile: miniPlan, encoding: .utf8)
            .replacingOccurrences(of: "activity nothing_applies\n  kind = unregulated\n", with: "activity nothing_applies\n  kind = unregulated\n  age_months = 3\n")
        try text.write(to: plan, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "  age_months = 3" }! + 1
        let message = "`age_months` is stated, but no rule for activity `nothing_applies` considers it"

        let plain = waarborg("check", plan.path, "--rules", miniRules, "--plain", "--lang", "en")
        #expect(plain.errors.contains("\(plan.path):\(line):3: warning: \(message)"), "\(plain.errors)")
        for format in ["json", "sarif", "junit"] {
            let run = waarborg("check", plan.path, "--rules", miniRules, "--format", format, "--lang", "en")
            #expect(run.output.contains("WB520"), "\(format): \(run.output)")
            #expect(run.output.contains("no rule for activity `nothing_applies` considers it"), "\(format)")
        }
        let github = waarborg("check", plan.path, "--rules", miniRules, "--format", "github", "--lang", "en")
        #expect(github.output.contains("::warning file=\(plan.path),line=\(line),col=3,title=WB520::\(message)"), "\(github.output)")
    }
}
