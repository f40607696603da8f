import WaarborgModel
import WaarborgSyntax

/// The outcome of one rule example.
public struct ExampleResult: Sendable {
    public let rule: Int
    public let example: RuleExample
    public let date: DateValue
    public let evaluation: ActivityEvaluation
    /// The ids of the rules that decided, sorted.
    public let decidingRules: [String]
    /// The ids of the note rules that apply, sorted.
    public let notes: [String]

    public var passed: Bool {
        evaluation.verdict == example.expectedVerdict && decidingRules == example.expectedRules
            && (example.expectedNotes.map { $0 == notes } ?? true)
    }
}

/// Runs every rule's examples against the whole rule set: the rule text documents
/// itself, and a change that keeps a verdict but changes its reason fails.
public enum ExampleRunner {
    public static func run(_ ruleSet: RuleSet, asOf: DateValue? = nil) -> [ExampleResult] {
        let evaluator = Evaluator(ruleSet: ruleSet)
        var results: [ExampleResult] = []
        for rule in ruleSet.rules {
            for example in rule.examples {
                results.append(result(of: example, rule: rule.index, evaluator: evaluator, on: example.date ?? asOf ?? ruleSet.info.date))
            }
        }
        return results
    }

    /// One example of rule `rule` on `date`, with `evaluator`'s rule set (which may differ
    /// from the example's own in a parameter's values, to see what a change did).
    public static func result(of example: RuleExample, rule: Int, evaluator: Evaluator, on date: DateValue) -> ExampleResult {
        let ruleSet = evaluator.ruleSet
        let evaluation = evaluator.evaluate(example.activity, on: date)
        let deciding = evaluation.deciding.map { ruleSet.rules[$0].id }.sorted()
        let notes = evaluation.notes.filter { $0.applies == .yes }.map { ruleSet.rules[$0.rule].id }.sorted()
        return ExampleResult(rule: rule, example: example, date: date, evaluation: evaluation, decidingRules: deciding, notes: notes)
    }
}
