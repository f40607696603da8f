import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// The inputs every plan command shares: the evaluation context (rule set, date, language),
/// the plans with optional answers applied, and their evaluations. Loading prints
/// diagnostics; any error means exit code 2 and no output.
struct PlanRun {
    /// Built once from the command's options and passed whole to the engine and reports.
    let context: EvaluationContext
    /// Each checked plan (answers applied), its evaluation, and the warnings found on the
    /// way, those of its evaluation included. Each plan is evaluated once, when it is
    /// loaded (its warnings come from the evaluation); the details a report needs are
    /// assessed per plan as it is reported, so a run over many large plans holds one
    /// plan's details at a time.
    let checked: [(plan: Plan, evaluation: PlanEvaluation, diagnostics: [Diagnostic])]

    var ruleSet: RuleSet { context.ruleSet }

    /// Every plan's evaluation with its diagnostics.
    var plans: [(evaluation: PlanEvaluation, diagnostics: [Diagnostic])] { checked.map { ($0.evaluation, $0.diagnostics) } }

    /// A plan's evaluation with the details of its activities, for the reports.
    func assess(_ evaluation: PlanEvaluation) -> PlanAssessment { context.assess(evaluation) }

    static let options: [OptionSpec] = [
        .value("rules", "DIR", "Folder of .wbr rule files (default: the project's rules/)."),
        .value("as-of", "YYYY-MM-DD", "Evaluate the law in force on this date (default: the plan's date)."),
        .value("answers", "FILE", "Answers to open questions (.wba, or .json) for the plan, without editing it."),
    ]

    /// Loads and evaluates; returns nil after printing the errors that stand in the way.
    /// The language is the command's `--lang` (default Dutch); `keepsTraces` is for the
    /// commands that print every rule's trace.
    static func load(_ parsed: ParsedArguments, context: CommandContext, asOf: DateValue?, keepsTraces: Bool = false) -> PlanRun? {
        let loader = context.loader
        let (loaded, ruleDiagnostics) = loader.loadRuleSet(loader.rulesDirectory(parsed.value("rules")))
        context.printDiagnostics(ruleDiagnostics)
        guard let ruleSet = loaded else { return nil }
        let evaluation = EvaluationContext(
            ruleSet: ruleSet, asOf: asOf, language: Language(rawValue: parsed.value("lang") ?? "nl") ?? .nl, keepsTraces: keepsTraces)
        var checked: [(Plan, PlanEvaluation, [Diagnostic])] = []
        var failed = false
        for path in parsed.positionals {
            let (plan, planDiagnostics) = loader.loadPlan(path, ruleSet: ruleSet)
            guard var plan else {
                context.printDiagnostics(planDiagnostics)
                failed = true
                continue
            }
            var diagnostics = planDiagnostics
            if let answers = parsed.value("answers") {
                let (answered, answerDiagnostics) = loader.applyAnswers(answers, to: plan, ruleSet: ruleSet)
                diagnostics += answerDiagnostics
                guard let answered else {
                    context.printDiagnostics(diagnostics)
                    failed = true
                    continue
                }
                plan = answered
            }
            let evaluated = evaluation.evaluate(plan)
            diagnostics += evaluated.diagnostics
            context.printDiagnostics(diagnostics)
            if diagnostics.hasErrors {
                failed = true
                continue
            }
            checked.append((plan, evaluated, diagnostics))
        }
        return failed ? nil : PlanRun(context: evaluation, checked: checked)
    }
}
