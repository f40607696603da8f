import Foundation
import Testing

/// Golden files for what users read: the text (nl and en), JSON, CI formats, explanations,
/// questions and annexes of the fixture plans.
///
/// The golden files test the output formats, not the law: they run on a frozen copy of the
/// rules and plans in `Tests/Fixtures/golden` (`rules/` and `plans/`), never on the live
/// `rules/` and `examples/`, so a rule change by a lawyer leaves them alone. The live rules
/// are tested by their own examples (`waarborg test`) and by the expected verdicts beside the
/// example plans (`examples/*.verdicts`, `RuleSetTests`).
/// A difference fails the test and shows the first differing line. To accept a deliberate
/// change of a renderer, run `WAARBORG_UPDATE_GOLDEN=1 swift test --filter GoldenTests` and
/// review the diff in git as a user would.
@Suite struct GoldenTests {
    /// The frozen rule set and plans the golden files are made from.
    static let fixtureRules = "Tests/Fixtures/golden/rules"
    static let fixturePlans = "Tests/Fixtures/golden/plans"

    static func planFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".wbp") || $0.hasSuffix(".md") }.sorted()
    }

    /// The live example plans and drafts in `examples/` (tests that check behaviour, not bytes).
    static let examples = planFiles(in: "examples")

    /// Markdown agreement drafts among the examples.
    static let drafts = examples.filter { $0.hasSuffix(".md") }

    /// The fixture plans that have golden files.
    static let fixtures = planFiles(in: fixturePlans)

    /// Runs a plan command on a fixture plan under the fixture rules.
    static func fixture(_ command: String, _ plan: String, _ options: String...) -> Run {
        waarborg([command, "\(fixturePlans)/\(plan)", "--rules", fixtureRules] + options)
    }

    /// The example's name without its extension, for its golden files.
    static func stem(_ example: String) -> String {
        String(example[..<(example.lastIndex(of: ".") ?? example.endIndex)])
    }

    static let updating = ProcessInfo.processInfo.environment["WAARBORG_UPDATE_GOLDEN"] == "1"

    /// The golden files each example has (`GoldenTests` and `AnnexTests` compare them all).
    static let goldenSuffixes = [
        ".nl.txt", ".en.txt", ".json", ".sarif", ".github.txt", ".junit.xml", ".explain.en.txt", ".questions.nl.txt",
        ".annex.nl.md", ".annex.en.md", ".annex.nl.html",
    ]

    /// A golden file no example produces is stale (an example renamed or removed): it would
    /// be reviewed as if it were output, and never fail.
    @Test func everyGoldenFileBelongsToAnExample() throws {
        let folder = repositoryRoot.appendingPathComponent("Tests/WaarborgCLITests/Golden")
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        let expected = Set(Self.fixtures.flatMap { example in Self.goldenSuffixes.map { Self.stem(example) + $0 } })
            .union(InterviewGoldenTests.goldenFiles)
        #expect(present.subtracting(expected).sorted() == [], "stale golden files")
        #expect(expected.subtracting(present).sorted() == [], "missing golden files")
    }

    static func compare(_ actual: String, golden name: String) {
        let url = repositoryRoot.appendingPathComponent("Tests/WaarborgCLITests/Golden/\(name)")
        if updating {
            write(actual, to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no golden file \(name); create it with WAARBORG_UPDATE_GOLDEN=1 swift test --filter GoldenTests")
            return
        }
        guard actual != expected else { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        Issue.record("""
            \(name) differs at line \(line + 1):
              expected: \(line < e.count ? String(e[line]) : "<end>")
              actual:   \(line < a.count ? String(a[line]) : "<end>")
            """)
    }

    @Test func thereAreAtLeastThreeExamples() {
        #expect(Self.examples.count >= 3)
        #expect(Self.fixtures.count >= 3)
    }

    @Test(arguments: fixtures)
    func textInBothLanguages(_ example: String) {
        let stem = Self.stem(example)
        for language in ["nl", "en"] {
            let run = Self.fixture("check", example, "--plain", "--lang", language, "--fail-level", "prohibited")
            #expect(run.code != 2, "\(run.errors)")
            #expect(run.errors.isEmpty, "\(run.errors)")
            Self.compare(run.output, golden: "\(stem).\(language).txt")
        }
    }

    @Test(arguments: fixtures)
    func json(_ example: String) {
        let stem = Self.stem(example)
        let run = Self.fixture("check", example, "--format", "json", "--lang", "en")
        #expect(run.code != 2, "\(run.errors)")
        Self.compare(run.output, golden: "\(stem).json")
        // The JSON parses, and says what the text says.
        let object = reportDocument(run.output)
        #expect((object?["schema_version"] as? String) == "3.1")
        let text = Self.fixture("check", example, "--plain", "--lang", "en").output
        for activity in (object?["activities"] as? [[String: Any]]) ?? [] {
            #expect(text.contains("Activity \(activity["id"] as? String ?? "?")"))
        }
    }

    @Test(arguments: fixtures)
    func explainAndQuestions(_ example: String) {
        let stem = Self.stem(example)
        let explain = Self.fixture("explain", example, "--lang", "en")
        #expect(explain.code == 0, "\(explain.errors)")
        Self.compare(explain.output, golden: "\(stem).explain.en.txt")
        let questions = Self.fixture("questions", example, "--lang", "nl")
        #expect(questions.code != 2, "\(questions.errors)")
        Self.compare(questions.output, golden: "\(stem).questions.nl.txt")
    }

    @Test(arguments: fixtures)
    func ciFormats(_ example: String) {
        let stem = Self.stem(example)
        for (format, suffix) in [("sarif", "sarif"), ("github", "github.txt"), ("junit", "junit.xml")] {
            let run = Self.fixture("check", example, "--format", format, "--lang", "en")
            #expect(run.code != 2, "\(run.errors)")
            Self.compare(run.output, golden: "\(stem).\(suffix)")
        }
    }

    @Test func examplesTogetherReachEveryVerdict() {
        var verdicts = Set<String>()
        for example in Self.fixtures {
            let run = Self.fixture("check", example, "--format", "json")
            let object = reportDocument(run.output)
            for activity in (object?["activities"] as? [[String: Any]]) ?? [] {
                if let verdict = activity["verdict"] as? String { verdicts.insert(verdict) }
            }
        }
        #expect(verdicts == ["allowed", "allowed_with_safeguards", "needs_assessment", "prohibited"])
    }

    @Test func outputIsDeterministic() {
        for example in Self.fixtures {
            let first = Self.fixture("check", example, "--format", "json")
            let second = Self.fixture("check", example, "--format", "json")
            #expect(first.output == second.output)
        }
    }
}

/// The rule set in `rules/` is the product: it must check cleanly, every example of every
/// rule must pass (the same as `waarborg test rules`) and every example plan must get its
/// expected verdicts.
@Suite struct RuleSetTests {
    @Test func everyRuleExamplePasses() {
        let run = waarborg("test", "rules", "--lang", "en")
        #expect(run.code == 0, "\(run.output)\(run.errors)")
        #expect(run.errors.isEmpty, "\(run.errors)")
        #expect(run.output.hasSuffix(" 0 failed\n"))
    }

    /// Every example plan gets the verdicts its `.verdicts` file states, the catalogue is
    /// up to date and so are the drafts' annex sections: what `waarborg test rules --plans
    /// examples --docs docs/rules.md --update` writes after a rule change.
    @Test func examplePlansGetTheirExpectedVerdicts() {
        let run = waarborg("test", "rules", "--plans", "examples", "--docs", "docs/rules.md", "--lang", "en")
        #expect(run.code == 0, "\(run.output)\(run.errors)")
        #expect(!run.errors.contains("error:"), "\(run.errors)")
        #expect(run.output.hasSuffix(" plans get their expected verdicts (examples)\n"))
    }
}
