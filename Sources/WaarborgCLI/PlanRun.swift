import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// The inputs every plan command shares: the rule set, the plans, optional answers, and
/// their evaluations. Loading prints diagnostics; any error means exit code 2 and no output.
struct PlanRun {
    let ruleSet: RuleSet
    let asOf: DateValue?
    /// Each checked plan (answers applied) and the warnings found on the way, those of its
    /// evaluation included. The evaluations themselves are not kept: evaluating is fast,
    /// and a run over many large plans can so report one plan at a time.
    let checked: [(plan: Plan, diagnostics: [Diagnostic])]

    /// A plan's evaluation (the same every time it is asked for).
    func evaluate(_ plan: Plan) -> PlanEvaluation { Evaluator(ruleSet: ruleSet).evaluate(plan, asOf: asOf) }

    /// Every plan's evaluation with its diagnostics.
    var plans: [(evaluation: PlanEvaluation, diagnostics: [Diagnostic])] { checked.map { (evaluate($0.plan), $0.diagnostics) } }

    static let options: [OptionSpec] = [
        .value("rules", "DIR", "Folder of .wbr rule files (default: the project's rules/)."),
        .value("as-of", "YYYY-MM-DD", "Evaluate the law in force on this date (default: the plan's date)."),
        .value("answers", "FILE", "Answers to open questions (.wba, or .json) for the plan, without editing it."),
    ]

    /// Loads and evaluates; returns nil after printing the errors that stand in the way.
    static func load(_ parsed: ParsedArguments, context: CommandContext, asOf: DateValue?) -> PlanRun? {
        let loader = context.loader
        let (loaded, ruleDiagnostics) = loader.loadRuleSet(loader.rulesDirectory(parsed.value("rules")))
        context.printDiagnostics(ruleDiagnostics)
        guard let ruleSet = loaded else { return nil }
        let evaluator = Evaluator(ruleSet: ruleSet)
        var checked: [(Plan, [Diagnostic])] = []
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
            let evaluation = evaluator.evaluate(plan, asOf: asOf)
            diagnostics += evaluation.diagnostics
            context.printDiagnostics(diagnostics)
            if diagnostics.hasErrors {
                failed = true
                continue
            }
            checked.append((plan, diagnostics))
        }
        return failed ? nil : PlanRun(ruleSet: ruleSet, asOf: asOf, checked: checked)
    }
}
