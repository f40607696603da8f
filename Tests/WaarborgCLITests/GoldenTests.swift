import Foundation
import Testing

/// Golden files for what users read: the text (nl and en) and JSON of every example plan
/// and agreement draft.
/// A difference fails the test and shows the first differing line. To accept a deliberate
/// change, run `WAARBORG_UPDATE_GOLDEN=1 swift test --filter GoldenTests` and review the diff
/// in git as a user would.
@Suite struct GoldenTests {
    static let examples: [String] = {
        let folder = repositoryRoot.appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".wbp") || $0.hasSuffix(".md") }.sorted()
    }()

    /// Markdown agreement drafts among the examples.
    static let drafts = examples.filter { $0.hasSuffix(".md") }

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
        let expected = Set(Self.examples.flatMap { example in Self.goldenSuffixes.map { Self.stem(example) + $0 } })
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
    }

    @Test(arguments: examples)
    func textInBothLanguages(_ example: String) {
        let stem = Self.stem(example)
        for language in ["nl", "en"] {
            let run = waarborg("check", "examples/\(example)", "--plain", "--lang", language, "--fail-level", "prohibited")
            #expect(run.code != 2, "\(run.errors)")
            #expect(run.errors.isEmpty, "\(run.errors)")
            Self.compare(run.output, golden: "\(stem).\(language).txt")
        }
    }

    @Test(arguments: examples)
    func json(_ example: String) {
        let stem = Self.stem(example)
        let run = waarborg("check", "examples/\(example)", "--format", "json", "--lang", "en")
        #expect(run.code != 2, "\(run.errors)")
        Self.compare(run.output, golden: "\(stem).json")
        // The JSON parses, and says what the text says.
        let object = try? JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
        #expect((object?["schema_version"] as? String) == "2.0")
        let text = waarborg("check", "examples/\(example)", "--plain", "--lang", "en").output
        for activity in (object?["activities"] as? [[String: Any]]) ?? [] {
            #expect(text.contains("Activity \(activity["id"] as? String ?? "?")"))
        }
    }

    @Test(arguments: examples)
    func explainAndQuestions(_ example: String) {
        let stem = Self.stem(example)
        let explain = waarborg("explain", "examples/\(example)", "--lang", "en")
        #expect(explain.code == 0, "\(explain.errors)")
        Self.compare(explain.output, golden: "\(stem).explain.en.txt")
        let questions = waarborg("questions", "examples/\(example)", "--lang", "nl")
        #expect(questions.code != 2, "\(questions.errors)")
        Self.compare(questions.output, golden: "\(stem).questions.nl.txt")
    }

    @Test(arguments: examples)
    func ciFormats(_ example: String) {
        let stem = Self.stem(example)
        for (format, suffix) in [("sarif", "sarif"), ("github", "github.txt"), ("junit", "junit.xml")] {
            let run = waarborg("check", "examples/\(example)", "--format", format, "--lang", "en")
            #expect(run.code != 2, "\(run.errors)")
            Self.compare(run.output, golden: "\(stem).\(suffix)")
        }
    }

    @Test func examplesTogetherReachEveryVerdict() {
        var verdicts = Set<String>()
        for example in Self.examples {
            let run = waarborg("check", "examples/\(example)", "--format", "json")
            let object = try? JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
            for activity in (object?["activities"] as? [[String: Any]]) ?? [] {
                if let verdict = activity["verdict"] as? String { verdicts.insert(verdict) }
            }
        }
        #expect(verdicts == ["allowed", "allowed_with_safeguards", "needs_assessment", "prohibited"])
    }

    @Test func outputIsDeterministic() {
        for example in Self.examples {
            let first = waarborg("check", "examples/\(example)", "--format", "json")
            let second = waarborg("check", "examples/\(example)", "--format", "json")
            #expect(first.output == second.output)
        }
    }
}

/// The rule set in `rules/` is the product: it must check cleanly and every example of
/// every rule must pass (the same as `waarborg test rules`).
@Suite struct RuleSetTests {
    @Test func everyRuleExamplePasses() {
        let run = waarborg("test", "rules")
        #expect(run.code == 0, "\(run.output)\(run.errors)")
        #expect(run.errors.isEmpty, "\(run.errors)")
        #expect(run.output.hasSuffix(" 0 failed\n"))
    }
}
