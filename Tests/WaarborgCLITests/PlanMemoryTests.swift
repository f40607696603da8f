import Foundation
import Testing
@testable import WaarborgCLI

/// A run over several plans keeps only the first few thousand activities between checking
/// and reporting and reads the others again (`PlanRun.Plans`): the report must be the
/// same bytes as when every plan is kept, and a plan that changed in between must stop
/// the run rather than be reported with answers that were never checked.
@Suite struct PlanMemoryTests {
    static let plans = ["examples/zorghub-noord.wbp", "examples/wijkzorg-zwolle.wbp", "examples/samenwerkingsovereenkomst-zorghub-noord.md"]

    @Test(arguments: ["text", "json", "sarif", "junit"])
    func plansReadAgainGiveTheSameReport(format: String) {
        let arguments = ["check"] + Self.plans + ["--format", format, "--plain", "--fail-level", "needs_assessment"]
        let kept = waarborg(arguments)
        let readAgain = waarborg(arguments, environment: ["WAARBORG_KEPT_ACTIVITIES": "0"])
        #expect(kept.code == 1)
        #expect(readAgain.code == kept.code)
        #expect(!kept.output.isEmpty)
        #expect(readAgain.output == kept.output)
        #expect(readAgain.errors == kept.errors)
    }

    @Test func aWrongSettingIsAnErrorThatSaysWhatToWrite() {
        let run = waarborg(["check", "examples/zorghub-noord.wbp", "--lang", "en"], environment: ["WAARBORG_KEPT_ACTIVITIES": "veel"])
        #expect(run.code == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("WB615"))
        #expect(run.errors.contains("such as 5000"))
    }

    /// Only plans beyond the kept activities are read again; a single plan never is.
    @Test func whichPlansAreKept() throws {
        try withTemporaryFolder { folder in
            let paths = try Self.copies(into: folder)
            let small = try #require(Self.load(paths, kept: 1_000_000))
            #expect(small.checked.count == 2)
            #expect(small.checked.slots.allSatisfy { if case .kept = $0 { true } else { false } })
            let none = try #require(Self.load(paths, kept: 0))
            #expect(none.checked.slots.allSatisfy { if case .again = $0 { true } else { false } })
            let single = try #require(Self.load([paths[0]], kept: 0))
            guard case .kept = single.checked.slots[0] else {
                Issue.record("a single plan is read once")
                return
            }
        }
    }

    @Test func aPlanThatChangedBeforeItsReportStopsTheRun() throws {
        try withTemporaryFolder { folder in
            let paths = try Self.copies(into: folder)
            let run = try #require(Self.load(paths, kept: 0))
            guard case .success(let first) = run.checked.entry(0) else {
                Issue.record("an unchanged plan reads as it did")
                return
            }
            #expect(first.plan.activities.count > 0)
            // The second plan is edited after it was checked: any change of its bytes counts.
            let second = URL(fileURLWithPath: paths[1])
            let text = try String(contentsOf: second, encoding: .utf8)
            try (text + "# edited while the run went on\n").write(to: second, atomically: true, encoding: .utf8)
            guard case .failure(let failure) = run.checked.entry(1) else {
                Issue.record("a changed plan must not be reported")
                return
            }
            #expect(failure.code == "WB614")
            #expect(failure.file == paths[1])
            // A plan that is gone by then stops the run the same way.
            try FileManager.default.removeItem(at: second)
            guard case .failure(let gone) = run.checked.entry(1) else {
                Issue.record("a removed plan cannot be reported")
                return
            }
            #expect(gone.code == "WB614")
        }
    }

    /// Two example plans copied into `folder`.
    static func copies(into folder: URL) throws -> [String] {
        try ["zorghub-noord.wbp", "wijkzorg-zwolle.wbp"].map { name in
            let target = folder.appendingPathComponent(name)
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("examples/\(name)"), to: target)
            return target.path
        }
    }

    static func load(_ paths: [String], kept: Int) -> PlanRun? {
        FileManager.default.changeCurrentDirectoryPath(repositoryRoot.path)
        let context = CommandContext(environment: ["WAARBORG_KEPT_ACTIVITIES": "\(kept)"], console: CapturingConsole(terminal: false), language: .en)
        guard let parsed = try? ArgumentParser.parse(paths, options: CheckCommand.options, command: "check") else { return nil }
        return PlanRun.load(parsed, context: context, asOf: nil)
    }
}
