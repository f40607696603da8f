import WaarborgModel
import WaarborgSyntax

/// No stated fact goes unread (legal digest §7.1): a fact the plan states that no rule for
/// the activity's kind considers is a warning where it is written. Such a fact says
/// something about conduct that the verdict does not depend on, which a reader of the
/// verdict must know (a physiotherapy purchase that "sets admission rules" and is judged
/// as if it did not).
///
/// A value written once for several activities (in the plan's header) is reported only
/// when none of them reads it.
struct UnreadFacts {
    let evaluator: Evaluator

    var ruleSet: RuleSet { evaluator.ruleSet }

    func diagnostics(_ activities: [Activity]) -> [Diagnostic] {
        func isRead(_ activity: Activity, _ fact: Int) -> Bool { evaluator.reads(fact, kind: activity.kind) }
        // Where an unread value is written, with the first activity that does not read it,
        // in the order of first appearance; most values are read, so few are kept.
        var unread: [SourceRange: (fact: Int, activity: String)] = [:]
        var order: [SourceRange] = []
        for activity in activities {
            for entry in activity.facts.entries {
                guard case .stated(let range) = entry.value.origin, entry.fact < ruleSet.vocabulary.facts.count,
                    !isRead(activity, entry.fact), unread[range] == nil
                else { continue }
                unread[range] = (entry.fact, activity.id)
                order.append(range)
            }
        }
        guard !unread.isEmpty else { return [] }
        // A value written once for several activities (the header) is read if any reads it.
        var readSomewhere = Set<SourceRange>()
        for activity in activities {
            for entry in activity.facts.entries {
                guard case .stated(let range) = entry.value.origin, entry.fact < ruleSet.vocabulary.facts.count,
                    isRead(activity, entry.fact), unread[range] != nil
                else { continue }
                readSomewhere.insert(range)
            }
        }
        return order.compactMap { range in
            guard let item = unread[range], !readSomewhere.contains(range) else { return nil }
            let fact = ruleSet.vocabulary.facts[item.fact].id
            return .warning(
                "WB520",
                "`\(fact)` is stated, but no rule for activity `\(item.activity)` considers it; the verdict does not depend on it. Check the activity's kind, or have the rules assessed for this fact",
                nl: "`\(fact)` is vermeld, maar geen regel voor activiteit `\(item.activity)` houdt er rekening mee; het oordeel hangt er niet van af. Controleer de soort van de activiteit, of laat de regels voor dit feit beoordelen",
                at: range)
        }
    }
}
