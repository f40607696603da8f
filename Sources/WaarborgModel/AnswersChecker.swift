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
        let value: (ValueChecker, inout [Diagnostic], ValueType, Bilingual) -> Value?
        let range: SourceRange
        /// Declared (`override FACT = …`) to replace a fact the plan's parties imply.
        let isOverride: Bool
    }

    public static func apply(text syntax: PlanSyntax, to plan: Plan, vocabulary: Vocabulary) -> (Plan?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        if let header = syntax.header {
            diagnostics.append(.error(
                "WB420", "an answers file holds only `activity ID` blocks with `fact = value` lines; remove the `plan` header",
                nl: "een antwoordbestand bevat alleen blokken `activity ID` met tekstregels `fact = value`; verwijder de kop `plan`", at: header.range))
        }
        for party in syntax.parties {
            diagnostics.append(.error(
                "WB420", "an answers file holds only `activity ID` blocks; parties belong in the plan",
                nl: "een antwoordbestand bevat alleen blokken `activity ID`; partijen horen in het plan", at: party.id.range))
        }
        var answers: [Answer] = []
        for entry in syntax.activities {
            for waiver in entry.waivers {
                diagnostics.append(.error(
                    "WB420", "an answers file holds answers only; a waiver is a decision about the plan, so write it under the activity in the plan",
                    nl: "een antwoordbestand bevat alleen antwoorden; een waiver is een besluit over het plan, dus schrijf die onder de activiteit in het plan",
                    at: waiver.range))
            }
            for (assignment, isOverride) in entry.assignments.map({ ($0, false) }) + entry.overrides.map({ ($0, true) }) {
                let value = assignment.value
                answers.append(Answer(
                    activity: entry.id.text, activityRange: entry.id.range, fact: assignment.key.text, factRange: assignment.key.range,
                    value: { checker, diagnostics, type, subject in checker.check(value, as: type, subject: subject, diagnostics: &diagnostics) },
                    range: assignment.range, isOverride: isOverride))
            }
        }
        return apply(answers, to: plan, vocabulary: vocabulary, diagnostics: diagnostics)
    }

    public static func apply(json node: JSONNode, to plan: Plan, vocabulary: Vocabulary) -> (Plan?, [Diagnostic]) {
        guard case .object(let activities) = node.kind else {
            return (nil, [.error(
                "WB421", "an answers file in JSON is an object of activity ids: { \"activity\": { \"fact\": value } }",
                nl: "een antwoordbestand in JSON is een object met de id's van activiteiten: `{ \"activity\": { \"fact\": value } }`", at: node.range)])
        }
        var diagnostics: [Diagnostic] = []
        var answers: [Answer] = []
        for activity in activities {
            guard case .object(let facts) = activity.value.kind else {
                diagnostics.append(.error(
                    "WB421", "the answers for \"\(activity.key)\" are an object of facts: { \"fact\": value }",
                    nl: "de antwoorden voor \"\(activity.key)\" zijn een object met feiten: `{ \"fact\": value }`", at: activity.value.range))
                continue
            }
            // `"override": { "fact": value }` declares answers that replace derived facts.
            var entries = facts.map { ($0, false) }
            if let index = facts.firstIndex(where: { $0.key == "override" && vocabulary.factIndex["override"] == nil }) {
                entries.remove(at: index)
                guard case .object(let overridden) = facts[index].value.kind else {
                    diagnostics.append(.error(
                        "WB421", "`override` holds an object of facts: { \"override\": { \"fact\": value } }",
                        nl: "`override` bevat een object met feiten: `{ \"override\": { \"fact\": value } }`", at: facts[index].value.range))
                    continue
                }
                entries += overridden.map { ($0, true) }
            }
            for (fact, isOverride) in entries {
                let node = fact.value
                answers.append(Answer(
                    activity: activity.key, activityRange: activity.keyRange, fact: fact.key, factRange: fact.keyRange,
                    value: { checker, diagnostics, type, subject in checker.check(json: node, as: type, subject: subject, diagnostics: &diagnostics) },
                    range: fact.keyRange.union(node.range), isOverride: isOverride))
            }
        }
        return apply(answers, to: plan, vocabulary: vocabulary, diagnostics: diagnostics)
    }

    private static func apply(_ answers: [Answer], to plan: Plan, vocabulary: Vocabulary, diagnostics initial: [Diagnostic]) -> (Plan?, [Diagnostic]) {
        var diagnostics = initial
        var activities = plan.activities
        let index = Dictionary(uniqueKeysWithValues: activities.enumerated().map { ($1.id, $0) })
        let checker = ValueChecker(vocabulary: vocabulary)
        var answered: [String: SourceRange] = [:]
        for answer in answers {
            guard let position = index[answer.activity] else {
                let suggestion = Suggestions.closest(to: answer.activity, in: activities.map(\.id))
                diagnostics.append(.error(
                    "WB422", Bilingual("the plan has no activity `\(answer.activity)`", nl: "het plan heeft geen activiteit `\(answer.activity)`") + Suggestions.didYouMean(suggestion),
                    at: answer.activityRange, suggestion: suggestion))
                continue
            }
            guard let (fact, deprecated) = vocabulary.fact(named: answer.fact) else {
                let suggestion = Suggestions.closest(to: answer.fact, in: vocabulary.facts.map(\.id))
                diagnostics.append(.error(
                    "WB408", Bilingual("unknown fact `\(answer.fact)`", nl: "onbekend feit `\(answer.fact)`") + Suggestions.didYouMean(suggestion),
                    at: answer.factRange, suggestion: suggestion))
                continue
            }
            let definition = vocabulary.facts[fact]
            let file = answer.range.file.path
            if let first = answered[answer.activity + "\u{0}" + answer.fact] {
                diagnostics.append(.error(
                    "WB424", "`\(answer.fact)` is answered twice for activity `\(answer.activity)` in the answers file \(file); keep one answer",
                    nl: "`\(answer.fact)` is twee keer beantwoord voor activiteit `\(answer.activity)` in het antwoordbestand \(file); houd één antwoord",
                    at: answer.factRange, notes: [DiagnosticNote("first answered here", nl: "hier voor het eerst beantwoord", at: first)]))
                continue
            }
            answered[answer.activity + "\u{0}" + answer.fact] = answer.factRange
            if deprecated {
                diagnostics.append(DeprecatedName.warning(answer.fact, new: definition.id, what: Bilingual("fact", nl: "het feit"), at: answer.factRange))
            }
            guard let value = answer.value(checker, &diagnostics, definition.type, Bilingual(verbatim: "`\(answer.fact)`")) else { continue }
            if let existing = activities[position].facts[fact], existing.value != value {
                let planValue = vocabulary.canonical(existing.value, type: definition.type)
                let answerValue = vocabulary.canonical(value, type: definition.type)
                switch existing.origin {
                case .stated(let range):
                    diagnostics.append(.warning(
                        "WB423", "this answer in \(file) replaces the value the plan states for `\(answer.fact)` in activity `\(answer.activity)` (`\(planValue)` becomes `\(answerValue)`)",
                        nl: "dit antwoord in \(file) vervangt de waarde die het plan vermeldt voor `\(answer.fact)` in activiteit `\(answer.activity)` (`\(planValue)` wordt `\(answerValue)`)",
                        at: answer.range, notes: [DiagnosticNote("the plan states `\(planValue)` here", nl: "het plan vermeldt hier `\(planValue)`", at: range)]))
                case .derived(let note):
                    let parties = note.parties.joined(separator: ", ")
                    let from = Bilingual("derived from the parties " + parties, nl: "afgeleid van de partijen " + parties)
                    if answer.isOverride {
                        diagnostics.append(.warning(
                            "WB426", "this answer overrides `\(answer.fact)` of activity `\(answer.activity)`: the plan implies `\(planValue)` (\(from.en)), the answer says `\(answerValue)`",
                            nl: "dit antwoord overschrijft `\(answer.fact)` van activiteit `\(answer.activity)`: uit het plan volgt `\(planValue)` (\(from.nl)), het antwoord zegt `\(answerValue)`",
                            at: answer.range))
                    } else {
                        diagnostics.append(.error(
                            "WB425",
                            "this answer contradicts the plan: `\(answer.fact)` of activity `\(answer.activity)` is `\(planValue)`, \(from.en); the answer says `\(answerValue)`. Correct the parties in the plan, or, if the answer is right, declare it: `override \(answer.fact) = \(answerValue)`",
                            nl: "dit antwoord spreekt het plan tegen: `\(answer.fact)` van activiteit `\(answer.activity)` is `\(planValue)`, \(from.nl); het antwoord zegt `\(answerValue)`. Verbeter de partijen in het plan of, als het antwoord juist is, declareer het: `override \(answer.fact) = \(answerValue)`",
                            at: answer.range, suggestion: "override \(answer.fact) = \(answerValue)"))
                        continue
                    }
                case .supposed:
                    break
                }
            }
            activities[position].facts[fact] = FactValue(value: value, origin: .stated(answer.range))
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (plan.replacing(activities: activities), diagnostics)
    }
}
