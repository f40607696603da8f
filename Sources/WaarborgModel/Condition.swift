import WaarborgSyntax

/// The right-hand side of a comparison: a literal or a dated parameter.
public enum Operand: Sendable, Hashable {
    case value(Value)
    case parameter(Int)
}

/// A checked condition: every name resolved to an index, every literal typed.
/// Each test keeps the range of its text in the rule file for the trace.
///
/// Code that walks a condition does so through `accept(_:)` and a `ConditionVisitor`:
/// this type's cases are switched on in `accept` alone, so a new construct is one new
/// requirement of the visitor and a compile error in every visitor that must handle it.
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

    /// Hands this condition to the visitor's method for its construct. The visitor decides
    /// whether and in which order to visit the parts of a connective (`parts[i].accept`).
    /// The walks of conditions go through here; the two other switches over these cases
    /// (the cache archive's writer, `RemedyFinder.terms`) are exhaustive, so a new
    /// construct fails to compile there as well.
    @inlinable
    public func accept<Visitor: ConditionVisitor>(_ visitor: inout Visitor) -> Visitor.Result {
        switch self {
        case .all(let parts): visitor.all(parts)
        case .any(let parts): visitor.any(parts)
        case .not(let inner): visitor.not(inner)
        case .holds(let fact, let range): visitor.holds(fact: fact, range: range)
        case .compare(let fact, let comparison, let operand, let range): visitor.compare(fact: fact, comparison, operand, range: range)
        case .member(let fact, let relation, let set, let range): visitor.member(fact: fact, relation, set, range: range)
        case .safeguards(let list, let range): visitor.safeguards(list, range: range)
        case .kind(let kinds, let range): visitor.kind(kinds, range: range)
        case .rulesApply(let rules, let range): visitor.rulesApply(rules, range: range)
        }
    }

    /// What this condition tests, gathered in one walk (see `ConditionUses`).
    public var uses: ConditionUses { ConditionUses(self) }

    /// Safeguards this condition tests, in order of appearance.
    public var safeguards: [Int] { uses.safeguards }

    /// Facts this condition tests, in order of appearance.
    public var facts: [Int] { uses.facts }

    /// Rules whose applicability this condition tests.
    public var rules: [Int] { uses.rules }

    /// Parameters this condition compares with.
    public var parameters: [Int] { uses.parameters }

    /// Safeguards this condition needs in place where it holds (not under `not`).
    public var requiredSafeguards: [Int] { uses.requiredSafeguards }

    /// Yes/no facts this condition needs to be yes where it holds (`fact`, `fact = yes`,
    /// `not fact = no`, …), in order of appearance.
    public var positiveFacts: [Int] { uses.positiveFacts }
}

/// One method per construct of `Condition`, none with a default: a new construct is a
/// compile error in every conforming type, which is every place that walks conditions.
/// A visitor recurses by calling `accept` on the parts it is given.
public protocol ConditionVisitor {
    associatedtype Result
    mutating func all(_ parts: [Condition]) -> Result
    mutating func any(_ parts: [Condition]) -> Result
    mutating func not(_ inner: Condition) -> Result
    mutating func holds(fact: Int, range: SourceRange) -> Result
    mutating func compare(fact: Int, _ comparison: ComparisonOperator, _ operand: Operand, range: SourceRange) -> Result
    mutating func member(fact: Int, _ relation: SetRelation, _ set: MemberSet, range: SourceRange) -> Result
    mutating func safeguards(_ list: [Int], range: SourceRange) -> Result
    mutating func kind(_ kinds: MemberSet, range: SourceRange) -> Result
    mutating func rulesApply(_ rules: [Int], range: SourceRange) -> Result
}

/// Everything a condition tests, in order of appearance, gathered in one walk: what the
/// checker, the linter, the satisfiability search, the catalogue and the question and
/// remedy finders need to know about a condition without evaluating it. Lists may repeat
/// an entry that is tested twice.
public struct ConditionUses: Sendable {
    /// A test of a fact, with its place in the rule file (traces keep ranges, not nodes).
    public struct FactTest: Sendable {
        /// The kinds of test of a fact: the constructs of `Condition` that read one fact.
        public enum Kind: Sendable {
            case holds
            case compare(ComparisonOperator, Operand)
            case member(SetRelation, MemberSet)
        }
        public let fact: Int
        public let range: SourceRange
        public let kind: Kind
    }

    public private(set) var facts: [Int] = []
    public private(set) var safeguards: [Int] = []
    public private(set) var rules: [Int] = []
    public private(set) var parameters: [Int] = []
    /// Safeguards needed in place where the condition holds (tested outside an odd number of `not`s).
    public private(set) var requiredSafeguards: [Int] = []
    /// Yes/no facts needed to be yes where the condition holds.
    public private(set) var positiveFacts: [Int] = []
    /// `fact op operand` tests.
    public private(set) var comparisons: [(fact: Int, comparison: ComparisonOperator, operand: Operand)] = []
    /// `fact in {…}` and `fact includes … {…}` tests.
    public private(set) var memberTests: [(fact: Int, relation: SetRelation, set: MemberSet)] = []
    /// Every test of a fact.
    public private(set) var factTests: [FactTest] = []

    public init(_ condition: Condition) {
        var walk = Walk()
        condition.accept(&walk)
        self = walk.uses
    }

    private init() {}

    /// The walk: `positive` is false under an odd number of `not`s.
    private struct Walk: ConditionVisitor {
        var uses = ConditionUses()
        var positive = true

        mutating func all(_ parts: [Condition]) { for part in parts { part.accept(&self) } }
        mutating func any(_ parts: [Condition]) { for part in parts { part.accept(&self) } }
        mutating func not(_ inner: Condition) {
            positive.toggle()
            inner.accept(&self)
            positive.toggle()
        }
        mutating func holds(fact: Int, range: SourceRange) {
            test(fact, range, .holds)
            if positive { uses.positiveFacts.append(fact) }
        }
        mutating func compare(fact: Int, _ comparison: ComparisonOperator, _ operand: Operand, range: SourceRange) {
            test(fact, range, .compare(comparison, operand))
            uses.comparisons.append((fact, comparison, operand))
            switch operand {
            case .parameter(let index):
                uses.parameters.append(index)
            case .value(let value):
                guard case .boolean(let flag) = value else { break }
                switch comparison {
                case .equal: if flag == positive { uses.positiveFacts.append(fact) }
                case .notEqual: if flag != positive { uses.positiveFacts.append(fact) }
                case .less, .lessOrEqual, .greater, .greaterOrEqual: break
                }
            }
        }
        mutating func member(fact: Int, _ relation: SetRelation, _ set: MemberSet, range: SourceRange) {
            test(fact, range, .member(relation, set))
            uses.memberTests.append((fact, relation, set))
        }
        mutating func safeguards(_ list: [Int], range: SourceRange) {
            uses.safeguards += list
            if positive { uses.requiredSafeguards += list }
        }
        mutating func kind(_ kinds: MemberSet, range: SourceRange) {}
        mutating func rulesApply(_ rules: [Int], range: SourceRange) { uses.rules += rules }

        private mutating func test(_ fact: Int, _ range: SourceRange, _ kind: FactTest.Kind) {
            uses.facts.append(fact)
            uses.factTests.append(FactTest(fact: fact, range: range, kind: kind))
        }
    }
}

extension RuleSet {
    /// The value a comparison's right-hand side stands for on `date`: the literal, or the
    /// parameter's value in force (nil when none is).
    public func value(of operand: Operand, on date: DateValue) -> Value? {
        switch operand {
        case .value(let value): value
        case .parameter(let index): parameters[index].version(on: date)?.value
        }
    }
}
