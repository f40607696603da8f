// Shared by every fuzz harness: the real rule set, loaded once, so the harnesses reach
// the checker and the engine, not only the parsers.
import Foundation

let repositoryRoot: String = {
    if let root = ProcessInfo.processInfo.environment["WAARBORG_ROOT"] { return root }
    return FileManager.default.currentDirectoryPath
}()

let ruleFiles: [RuleFileSyntax] = {
    let folder = ProcessInfo.processInfo.environment["WAARBORG_RULES"] ?? repositoryRoot + "/rules"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".wbr") }.sorted()
    return names.compactMap { name in
        guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { return nil }
        return RuleFileParser.parse(SourceFile(path: "rules/" + name, bytes: Array(data))).syntax
    }
}()

let ruleSet: RuleSet = {
    guard let checked = RuleSetChecker.check(ruleFiles).ruleSet else {
        fatalError("the rule set in \(repositoryRoot)/rules does not check; run the fuzzer from the repository root")
    }
    return checked
}()

let evaluator = Evaluator(ruleSet: ruleSet)

/// Every error must name a place in the file; a crash or a trap is a finding by itself.
func requireLocated(_ diagnostics: [Diagnostic]) {
    let errors = diagnostics.filter { $0.severity == .error }
    guard !errors.isEmpty else { return }
    if !errors.contains(where: { $0.location != nil }) {
        fatalError("errors without a location: \(errors.map(\.message))")
    }
    for error in errors {
        if let range = error.range, range.location.line > range.file.lineStarts.count || range.location.column < 1 {
            fatalError("a diagnostic points outside its file: \(range.location)")
        }
    }
}

/// Plans with more activities are rendered in one language (see `exercise`).
let largePlan = 32

/// Evaluates and renders a checked plan in every format, as the CLI would.
func exercise(_ plan: Plan) {
    let evaluation = evaluator.evaluate(plan)
    // One assessment (the engine's work) rendered in both languages, as the CLI does for one.
    // A large plan in one of them (by its size): the renderers' code is the same for every
    // activity, so small plans cover both languages, and a 60 KB plan stays well within the
    // time-out under AddressSanitizer.
    let assessed = EvaluationContext(evaluator: evaluator).assess(evaluation)
    let languages = plan.activities.count <= largePlan ? Language.allCases : [Language.allCases[plan.activities.count % 2]]
    for language in languages {
        let assessment = assessed.speaking(language)
        let report = CheckReport(assessment, diagnostics: evaluation.diagnostics)
        _ = TextRenderer(style: TextStyle(plain: true, color: false)).render(report)
        _ = JSONRenderer(toolVersion: "fuzz").render(report)
        _ = SARIFRenderer(toolVersion: "fuzz").render([report], language: language)
        _ = JUnitRenderer(failLevel: .prohibited).render([report])
        _ = GitHubRenderer().annotations([report])
    }
    _ = PlanExporter(ruleSet: ruleSet).json(plan)
    _ = PlanExporter(ruleSet: ruleSet).wbp(plan)
}
