import WaarborgSyntax

/// Applies a user's answers to a checked plan, without editing the plan: a small file of
/// `activity ID` blocks with `fact = value` lines (`.wba`), or JSON
/// `{ "activity id": { "fact": value } }`.
public enum AnswersChecker {
    /// One answer, as read from either format.
    struct Answer {
        let activity: String
        let activityRange: SourceRange
        let fact: String
        let factRange: SourceRange
        let value: (ValueChecker, inout [Diagnostic], ValueType, String) -> Value?
        let range: SourceRange
    }

    public static func apply(text syntax: PlanSyntax, to plan: Plan, vocabulary: Vocabulary) -> (Plan?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        if let header = syntax.header {
            diagnostics.append(.error("WB420", "an answers file holds only `activity ID` blocks with `fact = value` lines; remove the `plan` header", at: header.range))
        }
        for party in syntax.parties {
            diagnostics.append(.error("WB420", "an answers file holds only `activity ID` blocks; parties belong in the plan", at: party.id.range))
        }
        var answers: [Answer] = []
        for entry in syntax.activities {
            for assignment in entry.assignments {
                let value = assignment.value
                answers.append(Answer(
                    activity: entry.id.text, activityRange: entry.id.range, fact: assignment.key.text, factRange: assignment.key.range,
                    value: { checker, diagnostics, type, subject in checker.check(value, as: type, subject: subject, diagnostics: &diagnostics) },
                    range: assignment.range))
            }
        }
        return apply(answers, to: plan, vocabulary: vocabulary, diagnostics: diagnostics)
    }

    public static func apply(json node: JSONNode, to plan: Plan, vocabulary: Vocabulary) -> (Plan?, [Diagnostic]) {
        guard case .object(let activities) = node.kind else {
            return (nil, [.error("WB421", "an answers file in JSON is an object of activity ids: { \"activity\": { \"fact\": value } }", at: node.range)])
        }
        var diagnostics: [Diagnostic] = []
        var answers: [Answer] = []
        for activity in activities {
            guard case .object(let facts) = activity.value.kind else {
                diagnostics.append(.error("WB421", "the answers for \"\(activity.key)\" are an object of facts: { \"fact\": value }", at: activity.value.range))
                continue
            }
            for fact in facts {
                let node = fact.value
                answers.append(Answer(
                    activity: activity.key, activityRange: activity.keyRange, fact: fact.key, factRange: fact.keyRange,
                    value: { checker, diagnostics, type, subject in checker.check(json: node, as: type, subject: subject, diagnostics: &diagnostics) },
                    range: fact.keyRange.union(node.range)))
            }
        }
        return apply(answers, to: plan, vocabulary: vocabulary, diagnostics: diagnostics)
    }

    private static func apply(_ answers: [Answer], to plan: Plan, vocabulary: Vocabulary, diagnostics initial: [Diagnostic]) -> (Plan?, [Diagnostic]) {
        var diagnostics = initial
        var activities = plan.activities
        let index = Dictionary(uniqueKeysWithValues: activities.enumerated().map { ($1.id, $0) })
        let checker = ValueChecker(vocabulary: vocabulary)
        for answer in answers {
            guard let position = index[answer.activity] else {
                let suggestion = Suggestions.closest(to: answer.activity, in: activities.map(\.id))
                diagnostics.append(.error(
                    "WB422", "the plan has no activity `\(answer.activity)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
                    at: answer.activityRange, suggestion: suggestion))
                continue
            }
            guard let (fact, deprecated) = vocabulary.fact(named: answer.fact) else {
                let suggestion = Suggestions.closest(to: answer.fact, in: vocabulary.facts.map(\.id))
                diagnostics.append(.error(
                    "WB408", "unknown fact `\(answer.fact)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
                    at: answer.factRange, suggestion: suggestion))
                continue
            }
            let definition = vocabulary.facts[fact]
            if deprecated {
                diagnostics.append(DeprecatedName.warning(answer.fact, new: definition.id, what: "fact", at: answer.factRange))
            }
            guard let value = answer.value(checker, &diagnostics, definition.type, "`\(answer.fact)`") else { continue }
            if let existing = activities[position].facts[fact], case .stated(let range) = existing.origin, existing.value != value {
                diagnostics.append(.warning(
                    "WB423", "this answer replaces the value the plan states for `\(answer.fact)` in activity `\(answer.activity)`",
                    at: answer.range, notes: [DiagnosticNote("the plan's value", at: range)]))
            }
            activities[position].facts[fact] = FactValue(value: value, origin: .stated(answer.range))
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (plan.replacing(activities: activities), diagnostics)
    }
}
