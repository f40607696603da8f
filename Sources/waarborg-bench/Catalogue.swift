import WaarborgModel
import WaarborgSyntax

/// What the rule set's conditions test, read from the checked rule set: per activity kind,
/// the facts and safeguards its rules test; per fact, the thresholds and values the tests
/// name. The generators draw from this, so synthetic plans exercise the real rules (and
/// follow the vocabulary when the rules change).
struct Catalogue {
    let ruleSet: RuleSet
    let date: DateValue
    /// Activity kinds that at least one rule applies to.
    let kinds: [Int]
    /// Per activity kind: facts tested by its rules (derived facts included), in index order.
    let factsByKind: [[Int]]
    /// Per activity kind: safeguards tested by its rules.
    let safeguardsByKind: [[Int]]
    /// Per fact: the amounts its tests compare with (literals and parameter values in force).
    let thresholds: [[Amount]]
    /// Per fact: enumeration members its tests name.
    let members: [[Int]]

    var vocabulary: Vocabulary { ruleSet.vocabulary }

    init(ruleSet: RuleSet, date: DateValue) {
        self.ruleSet = ruleSet
        self.date = date
        let vocabulary = ruleSet.vocabulary
        var factsByKind = Array(repeating: Set<Int>(), count: vocabulary.activityKinds.count)
        var safeguardsByKind = Array(repeating: Set<Int>(), count: vocabulary.activityKinds.count)
        var thresholds = Array(repeating: Set<Amount>(), count: vocabulary.facts.count)
        var members = Array(repeating: Set<Int>(), count: vocabulary.facts.count)

        func walk(_ condition: Condition) {
            switch condition {
            case .all(let parts), .any(let parts): parts.forEach(walk)
            case .not(let inner): walk(inner)
            case .compare(let fact, _, let operand, _):
                switch operand {
                case .value(.amount(let amount)): thresholds[fact].insert(amount)
                case .value(.member(let member)): members[fact].insert(member)
                case .parameter(let index):
                    if case .amount(let amount)? = ruleSet.parameters[index].version(on: date)?.value { thresholds[fact].insert(amount) }
                default: break
                }
            case .member(let fact, _, let set, _):
                members[fact].formUnion(set.members)
            default: break
            }
        }
        for rule in ruleSet.rules {
            var conditions = rule.exceptions.map(\.condition)
            if let condition = rule.condition { conditions.append(condition) }
            for condition in conditions {
                walk(condition)
                for kind in rule.appliesTo {
                    factsByKind[kind].formUnion(condition.facts)
                    safeguardsByKind[kind].formUnion(condition.safeguards)
                }
            }
        }
        self.kinds = ruleSet.rulesByKind.indices.filter { !ruleSet.rulesByKind[$0].isEmpty }
        self.factsByKind = factsByKind.map { $0.sorted() }
        self.safeguardsByKind = safeguardsByKind.map { $0.sorted() }
        self.thresholds = thresholds.map { $0.sorted() }
        self.members = members.map { $0.sorted() }
    }

    /// Activity-rule pairs of a plan: for every activity, the rules of its kind.
    func pairs(_ plan: Plan) -> Int {
        plan.activities.reduce(0) { $0 + ruleSet.rulesByKind[$1.kind].count }
    }

    static func pairs(_ plan: Plan, ruleSet: RuleSet) -> Int {
        plan.activities.reduce(0) { $0 + ruleSet.rulesByKind[$1.kind].count }
    }
}
