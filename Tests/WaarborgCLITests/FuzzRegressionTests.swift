import Foundation
import Testing
import WaarborgEngine
import WaarborgModel
import WaarborgReport
import WaarborgSyntax
@testable import WaarborgCLI

/// Every input in Tests/Fixtures/fuzz (findings of the fuzzers in Fuzz/, and hand-made edge
/// cases) goes through the same path as its fuzz harness: it checks, or it fails with an
/// error that names a place in the file. None may crash or hang.
@Suite struct FuzzRegressionTests {
    static func inputs(_ kind: String) -> [String] {
        let folder = repositoryRoot.appendingPathComponent("Tests/Fixtures/fuzz/\(kind)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map { "Tests/Fixtures/fuzz/\(kind)/\($0)" }
    }

    static func bytes(_ path: String) -> [UInt8] {
        Array((try? Data(contentsOf: repositoryRoot.appendingPathComponent(path))) ?? Data())
    }

    static func requireLocated(_ diagnostics: [Diagnostic], _ path: String) {
        MutationTests.assertLocated(diagnostics, context: path)
    }

    @Test(arguments: inputs("plan"))
    func plan(_ path: String) throws {
        let ruleSet = try #require(Loader(environment: [:]).loadRuleSet(repositoryRoot.appendingPathComponent("Tests/Fixtures/mini").path).0)
        let (syntax, diagnostics) = PlanParser.parse(SourceFile(path: path, bytes: Self.bytes(path)))
        guard !diagnostics.hasErrors else { return Self.requireLocated(diagnostics, path) }
        let (plan, checked) = PlanChecker.check(syntax, ruleSet: ruleSet)
        guard let plan else { return Self.requireLocated(checked, path) }
        _ = JSONRenderer(toolVersion: "t").render(CheckReport(EvaluationContext(ruleSet: ruleSet).assess(plan), diagnostics: []))
    }

    @Test(arguments: inputs("rules"))
    func rules(_ path: String) throws {
        let mini = ["vocabulary.wbr", "rules.wbr"].map { name in
            RuleFileParser.parse(SourceFile(path: name, text: read("Tests/Fixtures/mini/\(name)"))).syntax
        }
        let (syntax, diagnostics) = RuleFileParser.parse(SourceFile(path: path, bytes: Self.bytes(path)))
        guard !diagnostics.hasErrors else { return Self.requireLocated(diagnostics, path) }
        let (ruleSet, checked) = RuleSetChecker.check(mini + [syntax])
        guard let ruleSet else { return Self.requireLocated(checked, path) }
        _ = ExampleRunner.run(ruleSet)
    }

    @Test(arguments: inputs("json"))
    func json(_ path: String) throws {
        let ruleSet = try #require(Loader(environment: [:]).loadRuleSet(repositoryRoot.appendingPathComponent("Tests/Fixtures/mini").path).0)
        let file = SourceFile(path: path, bytes: Self.bytes(path))
        let (syntax, diagnostics) = JSONPlanReader.parse(file)
        if diagnostics.hasErrors {
            Self.requireLocated(diagnostics, path)
        } else if PlanChecker.check(syntax, ruleSet: ruleSet).plan == nil {
            Self.requireLocated(PlanChecker.check(syntax, ruleSet: ruleSet).diagnostics, path)
        }
        if let node = JSONReader.parse(file).node { _ = Baseline.read(node, file: path) }
    }

    @Test(arguments: inputs("answers"))
    func answers(_ path: String) throws {
        FileManager.default.changeCurrentDirectoryPath(repositoryRoot.path)
        let loader = Loader(environment: [:])
        let ruleSet = try #require(loader.loadRuleSet("Tests/Fixtures/mini").0)
        let plan = try #require(loader.loadPlan("Tests/Fixtures/mini/plan.wbp", ruleSet: ruleSet).0)
        let (answered, diagnostics) = loader.applyAnswers(path, to: plan, ruleSet: ruleSet)
        if answered == nil { Self.requireLocated(diagnostics, path) }
    }

    /// Markdown drafts: the plan in their blocks checks or fails with a located error, and
    /// splicing an annex into the section leaves a draft whose section is up to date.
    @Test(arguments: inputs("markdown"))
    func markdown(_ path: String) throws {
        let ruleSet = try #require(Loader(environment: [:]).loadRuleSet(repositoryRoot.appendingPathComponent("Tests/Fixtures/mini").path).0)
        let file = SourceFile(path: path, bytes: Self.bytes(path))
        let (syntax, diagnostics) = MarkdownPlanReader.parse(file)
        if diagnostics.hasErrors {
            Self.requireLocated(diagnostics, path)
        } else if PlanChecker.check(syntax, ruleSet: ruleSet).plan == nil {
            Self.requireLocated(PlanChecker.check(syntax, ruleSet: ruleSet).diagnostics, path)
        }
        guard let section = AnnexSection(MarkdownDraft(file)) else { return }
        let annex = "# Bijlage\n\n**1.1** `code` en <tekst> ``` niet aan het begin\n"
        let updated = section.updatedFile(with: annex)
        let again = try #require(AnnexSection(MarkdownDraft(SourceFile(path: path, bytes: updated))))
        #expect(again.difference(to: annex).isEmpty, "\(path): the spliced section reads back unchanged")
        #expect(again.updatedFile(with: annex) == updated, "\(path): a second update changes nothing")
    }
}

/// An assessment does not depend on the language: `speaking` re-voices one (the fuzz
/// harnesses assess once and render in both languages), and every report made from it is
/// the report of an assessment made in that language.
@Suite struct AssessmentLanguageTests {
    @Test(arguments: ["zorghub-noord.wbp", "apothekers-haaglanden.wbp", "sociaal-domein-twente.wbp"])
    func anAssessmentSpeaksAnotherLanguageWithTheSameReports(_ name: String) throws {
        let ruleSet = try #require(Loader(environment: [:]).loadRuleSet(repositoryRoot.appendingPathComponent("rules").path).0)
        let text = read("examples/\(name)")
        let plan = try #require(PlanChecker.check(PlanParser.parse(SourceFile(path: name, text: text)).0, ruleSet: ruleSet).plan)
        let dutch = EvaluationContext(ruleSet: ruleSet, language: .nl).assess(plan)
        let english = EvaluationContext(ruleSet: ruleSet, language: .en).assess(plan)
        let revoiced = dutch.speaking(.en)
        #expect(revoiced.context.language == .en)
        let renderer = TextRenderer(style: TextStyle(plain: true, color: false))
        let expected = renderer.render(CheckReport(english, diagnostics: []))
        #expect(renderer.render(CheckReport(revoiced, diagnostics: [])) == expected)
        #expect(renderer.render(CheckReport(dutch, diagnostics: [])) != expected)
        let json = JSONRenderer(toolVersion: "t")
        #expect(json.render(CheckReport(revoiced, diagnostics: [])) == json.render(CheckReport(english, diagnostics: [])))
    }
}
