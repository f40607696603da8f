import WaarborgSyntax

/// The right-hand side of a comparison: a literal or a dated parameter.
public enum Operand: Sendable, Hashable {
    case value(Value)
    case parameter(Int)
}

/// A checked condition: every name resolved to an index, every literal typed.
/// Each test keeps the range of its text in the rule file for the trace.
public indirect enum Condition: Sendable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case holds(fact: Int, range: SourceRange)
    case compare(fact: Int, ComparisonOperator, Operand, range: SourceRange)
    case member(fact: Int, SetRelation, MemberSet, range: SourceRange)
    case safeguards([Int], range: SourceRange)
    /// The activity is of one of these kinds.
    case kind(MemberSet, range: SourceRange)
    /// One of these rules applies to the activity (`rule X applies`, `group G applies`).
    case rulesApply([Int], range: SourceRange)

    /// Safeguards this condition tests, in order of appearance.
    public var safeguards: [Int] {
        switch self {
        case .all(let parts), .any(let parts): parts.flatMap(\.safeguards)
        case .not(let inner): inner.safeguards
        case .safeguards(let list, _): list
        case .holds, .compare, .member, .kind, .rulesApply: []
        }
    }

    /// Facts this condition tests, in order of appearance.
    public var facts: [Int] {
        switch self {
        case .all(let parts), .any(let parts): parts.flatMap(\.facts)
        case .not(let inner): inner.facts
        case .holds(let fact, _), .compare(let fact, _, _, _), .member(let fact, _, _, _): [fact]
        case .safeguards, .kind, .rulesApply: []
        }
    }

    /// Rules whose applicability this condition tests.
    public var rules: [Int] {
        switch self {
        case .all(let parts), .any(let parts): parts.flatMap(\.rules)
        case .not(let inner): inner.rules
        case .rulesApply(let list, _): list
        case .holds, .compare, .member, .safeguards, .kind: []
        }
    }

    /// Parameters this condition compares with.
    public var parameters: [Int] {
        switch self {
        case .all(let parts), .any(let parts): parts.flatMap(\.parameters)
        case .not(let inner): inner.parameters
        case .compare(_, _, .parameter(let index), _): [index]
        case .compare(_, _, .value, _), .holds, .member, .safeguards, .kind, .rulesApply: []
        }
    }

    /// Safeguards this condition needs in place where it holds (not under `not`).
    public var requiredSafeguards: [Int] { safeguardsWanted(present: true) }

    private func safeguardsWanted(present wanted: Bool) -> [Int] {
        switch self {
        case .all(let parts), .any(let parts): parts.flatMap { $0.safeguardsWanted(present: wanted) }
        case .not(let inner): inner.safeguardsWanted(present: !wanted)
        case .safeguards(let list, _): wanted ? list : []
        case .holds, .compare, .member, .kind, .rulesApply: []
        }
    }

    /// Yes/no facts this condition needs to be yes where it holds (`fact`, `fact = yes`,
    /// `not fact = no`, …), in order of appearance.
    public var positiveFacts: [Int] { yesNoFacts(wanting: true) }

    private func yesNoFacts(wanting wanted: Bool) -> [Int] {
        switch self {
        case .all(let parts), .any(let parts): parts.flatMap { $0.yesNoFacts(wanting: wanted) }
        case .not(let inner): inner.yesNoFacts(wanting: !wanted)
        case .holds(let fact, _): wanted ? [fact] : []
        case .compare(let fact, let comparison, .value(.boolean(let value)), _):
            switch comparison {
            case .equal: value == wanted ? [fact] : []
            case .notEqual: value != wanted ? [fact] : []
            case .less, .lessOrEqual, .greater, .greaterOrEqual: []
            }
        case .compare, .member, .safeguards, .kind, .rulesApply: []
        }
    }
}
