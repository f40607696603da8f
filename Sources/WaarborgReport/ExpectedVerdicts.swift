import WaarborgEngine
import WaarborgModel

/// The expected verdicts of an example plan, kept beside it as `PLAN.verdicts`: per
/// activity the verdict, the rules that decide it, the safeguards it requires, the notes
/// that apply and the facts left open. The live rules are tested against these files
/// (`waarborg test rules --plans examples`); a rule change that changes a verdict changes
/// a line here, written by `--update` and reviewed in the pull request like the rule.
///
/// Only identifiers, as the rule files write them, so the file reads the same for a Dutch
/// and an English reviewer and changes only when an outcome does.
public enum ExpectedVerdicts {
    public static let fileExtension = "verdicts"

    /// The file's text for a plan file named `planFile` (its name without folder).
    public static func render(_ evaluation: PlanEvaluation, ruleSet: RuleSet, planFile: String) -> String {
        var lines = [
            "# Verwachte uitkomsten van \(planFile) (expected verdicts); geschreven door / written by",
            "# `waarborg test RULES --plans FOLDER --update`. Lees wijzigingen na als een regelwijziging / review changes like a rule change.",
            "",
            "plan \"\(evaluation.plan.name)\" as of \(evaluation.asOf): \(evaluation.verdict.id)",
        ]
        let vocabulary = ruleSet.vocabulary
        for activity in evaluation.activities {
            lines.append("")
            lines.append("activity \(activity.activity.id)" + (activity.activity.title.map { " \"\($0)\"" } ?? ""))
            lines.append("  verdict \(activity.verdict.id)")
            let deciding = activity.deciding.map { ruleSet.rules[$0].id }.sorted()
            lines.append("  by " + (deciding.isEmpty ? "no rule" : deciding.joined(separator: ", ")))
            if !activity.requiredSafeguards.isEmpty {
                lines.append("  safeguards " + activity.requiredSafeguards.map { vocabulary.safeguards[$0].id }.sorted().joined(separator: ", "))
            }
            let notes = activity.notes.filter { $0.applies == .yes }.map { ruleSet.rules[$0.rule].id }.sorted()
            if !notes.isEmpty { lines.append("  notes " + notes.joined(separator: ", ")) }
            let open = Set(activity.questions.map { vocabulary.facts[$0.fact].id }).sorted()
            if !open.isEmpty { lines.append("  open " + open.joined(separator: ", ")) }
            if activity.isWaived {
                lines.append("  waived by " + activity.waivedBy.map { ruleSet.rules[$0.rule].id }.sorted().joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
