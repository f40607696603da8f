import WaarborgModel
import WaarborgSyntax

/// Activities over any checked rule set's vocabulary, for differential tests: every kind,
/// each fact unknown or stated with a value of its type drawn near the values rules test
/// (so tests fall on both sides of their thresholds, and on them), any set of safeguards.
public enum SyntheticActivities {
    public static func generate(_ count: Int, for ruleSet: RuleSet, _ random: inout SplitMix64) -> [Activity] {
        let vocabulary = ruleSet.vocabulary
        let file = SourceFile(path: "synthetic.wbp", text: "")
        let range = SourceRange(file: file, start: 0, end: 0)
        return (0..<count).map { index in
            var facts = [FactValue?](repeating: nil, count: vocabulary.facts.count)
            for fact in vocabulary.facts where random.chance(0.75) {
                facts[fact.index] = FactValue(value: value(of: fact.type, vocabulary, &random), origin: .stated(range))
            }
            let safeguards = vocabulary.safeguards.indices.filter { _ in random.chance(0.4) }
            return Activity(
                id: "a\(index)", title: nil, kind: random.below(vocabulary.activityKinds.count), parties: [], facts: facts,
                safeguards: MemberSet(safeguards), safeguardRanges: [:], range: range, kindRange: nil)
        }
    }

    /// Amounts on and around the thresholds the synthetic rules compare each type with.
    static let amounts: [ScalarType: [Int]] = [
        .number: [0, 4, 5, 6, 10, 11, 15, 19, 20, 21, 100],
        .money: [0, 499, 500, 999, 1_000, 1_001, 50_000],
        .percentage: [0, 10, 15, 20, 29, 30, 31, 90],
    ]

    /// A value of `type`; numbers on and around the thresholds of the synthetic rules.
    public static func value(of type: ValueType, _ vocabulary: Vocabulary, _ random: inout SplitMix64) -> Value {
        switch type {
        case .scalar(let scalar):
            switch scalar.storage {
            case .boolean:
                return .boolean(random.chance(0.5))
            case .amount:
                return .amount(Amount(random.pick(SyntheticActivities.amounts[scalar] ?? SyntheticActivities.amounts[.number]!)))
            case .date:
                return .date(random.pick([
                    DateValue(year: 2025, month: 12, day: 31)!, DateValue(year: 2026, month: 1, day: 1)!, DateValue(year: 2027, month: 5, day: 1)!,
                ]))
            case .text:
                return .text(random.pick(["", "x", "y"]))
            }
        case .oneOf(let enumeration):
            return .member(random.below(vocabulary.enumerations[enumeration].members.count))
        case .setOf(let enumeration):
            let members = vocabulary.enumerations[enumeration].members.indices
            return .members(MemberSet(members.filter { _ in random.chance(0.4) }))
        }
    }
}
