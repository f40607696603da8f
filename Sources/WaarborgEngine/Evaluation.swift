import WaarborgModel
import WaarborgSyntax

/// Which dated value of a parameter a test used.
public struct ParameterUse: Sendable, Hashable {
    public let parameter: Int
    /// Index into the parameter's versions; nil when none was in force on the date.
    public let version: Int?

    public init(parameter: Int, version: Int?) {
        self.parameter = parameter
        self.version = version
    }
}

/// One elementary test of a condition, as evaluated.
public struct TestTrace: Sendable {
    /// The test's text in the rule file.
    public let range: SourceRange
    /// The fact tested, or nil for a safeguard test.
    public let fact: Int?
    /// The safeguards tested (empty for a fact test).
    public let safeguards: [Int]
    /// For `rule X applies` / `group G applies`: the rules tested.
    public var rules: [Int] = []
    /// For a test of the activity's kind: the kinds tested.
    public var kinds: [Int] = []
    /// Safeguards of the test that are missing from the activity.
    public let missingSafeguards: [Int]
    public let result: Truth
    /// Whether the test stands under `not` (an odd number of them): the condition then
    /// needs the opposite result.
    public var negated: Bool = false
    /// The fact's value as used; nil when the fact is unknown. The only part of a trace
    /// that names plan lines (a stated value's range): `DetailWork` reuses a trace for an
    /// activity of the same content with this replaced.
    public internal(set) var observed: FactValue?
    public let parameter: ParameterUse?
}

public struct ConditionTrace: Sendable {
    public let result: Truth
    public internal(set) var tests: [TestTrace]

    /// Facts whose unknown value left this condition undecided.
    public var unknownFacts: [Int] {
        guard result == .unknown else { return [] }
        return tests.compactMap { $0.result == .unknown ? $0.fact : nil }
    }
}

public struct ExceptionTrace: Sendable {
    public let exception: Int
    public internal(set) var condition: ConditionTrace
}

public enum RuleStatus: String, Sendable {
    /// The rule's `valid from … until` excludes the evaluation date.
    case notInForce = "not_in_force"
    /// The rule's condition failed.
    case notApplicable = "not_applicable"
    /// The rule's condition held (or it has none).
    case applies
    /// The rule's condition depends on unknown facts.
    case mayApply = "may_apply"
}

/// How one rule bore on one activity.
public struct RuleTrace: Sendable {
    public let rule: Int
    public let status: RuleStatus
    public internal(set) var condition: ConditionTrace?
    public internal(set) var exceptions: [ExceptionTrace]
    /// The exceptions whose condition held.
    public let heldExceptions: [Int]
    /// The verdicts the rule can contribute, best and worst; nil when it does not apply.
    public let lowest: Verdict?
    public let highest: Verdict?
    /// Whether an applying or possibly applying overrider removes this rule.
    public let overridden: Truth
    /// The in-force rules that override this one and apply or may apply.
    public let overriddenBy: [Int]
    /// Rules of the same group this rule conflicts with.
    public let conflictsWith: [Int]

    /// Applies, is not overridden, and contributes one verdict.
    public var isDefinite: Bool { status == .applies && overridden == .no && lowest == highest }
    /// Counts towards the verdict at all (definitely or possibly).
    public var contributes: Bool {
        (status == .applies || status == .mayApply) && overridden != .yes
    }
}

/// Why the activity got its verdict.
public enum Determination: String, Sendable {
    /// The rules that apply settle it.
    case decided
    /// The verdict depends on facts the plan does not state.
    case undetermined
    /// Rules of one group reach opposite verdicts with nothing relating them.
    case conflict
    /// No rule applies to the activity.
    case uncovered
}

/// A possible answer to a question: a value, or for numbers a range of values.
public enum Answer: Sendable, Hashable {
    case value(Value)
    /// Inclusive bounds; nil: unbounded.
    case range(lower: Amount?, upper: Amount?)
}

/// What the activity's verdict would be with one answer (other unknowns left open).
public struct AnswerOutcome: Sendable, Hashable {
    public let answer: Answer
    public let verdict: Verdict

    public init(answer: Answer, verdict: Verdict) {
        self.answer = answer
        self.verdict = verdict
    }
}

/// A fact whose answer would decide the verdict, the rules that need it, and where each
/// answer leads.
public struct Question: Sendable, Hashable {
    public let fact: Int
    public let rules: [Int]
    public let outcomes: [AnswerOutcome]
    /// For a fact derived from the parties: the party attributes whose values are unknown
    /// (answering those in the plan answers the question).
    public let unknownAttributes: [UnknownAttribute]
    /// When every answer leads to the same verdict: the lowering routes (rules, by index)
    /// that an answer opens or closes, which is why the question is still asked. Empty when
    /// the answers lead to different verdicts.
    public let routes: [Int]
    /// With `routes`: the verdict every answer leads to.
    public let routeVerdict: Verdict?

    public init(
        fact: Int, rules: [Int], outcomes: [AnswerOutcome] = [], unknownAttributes: [UnknownAttribute] = [], routes: [Int] = [],
        routeVerdict: Verdict? = nil
    ) {
        self.fact = fact
        self.rules = rules
        self.outcomes = outcomes
        self.unknownAttributes = unknownAttributes
        self.routes = routes
        self.routeVerdict = routes.isEmpty ? nil : routeVerdict
    }
}

/// A change of a stated (or derived) fact that a rule's condition names.
public struct FactChange: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// Raise a number to at least the value.
        case atLeast = "at_least"
        /// Lower a number to at most the value.
        case atMost = "at_most"
        /// Set the fact to the value (yes/no, one value).
        case set
        /// Remove the listed members from a set.
        case remove
        /// Add the listed members to a set.
        case add
    }
    public let fact: Int
    public let kind: Kind
    /// The value the fact would get.
    public let to: Value
    /// For `remove` and `add`: the members concerned.
    public let members: MemberSet

    public init(fact: Int, kind: Kind, to: Value, members: MemberSet = MemberSet()) {
        self.fact = fact
        self.kind = kind
        self.to = to
        self.members = members
    }
}

/// An exception that decides a verdict: rule index and exception index.
public struct ExceptionReference: Sendable, Hashable {
    public let rule: Int
    public let exception: Int

    public init(rule: Int, exception: Int) {
        self.rule = rule
        self.exception = exception
    }
}

/// What would improve an activity's verdict: safeguards to add and, where safeguards
/// alone cannot help, facts to change; with the verdict that is then reached.
public struct Remedy: Sendable, Hashable {
    public let addSafeguards: [Int]
    public let changeFacts: [FactChange]
    public let reaches: Verdict
    /// The rules that decide the improved verdict.
    public let rules: [Int]
    /// The exceptions of those rules that then apply.
    public let exceptions: [ExceptionReference]
}

/// A note rule that applies (or may apply) to an activity: information, not a verdict.
public struct NoteOutcome: Sendable, Hashable {
    public let rule: Int
    /// `yes` when it applies, `unknown` when it may.
    public let applies: Truth
}

/// The outcome of evaluating one activity: its verdict and what decided it. Computed in
/// one lean pass; the full trace, the outcomes of questions and the remedies are in
/// `ActivityDetail`, computed on demand (`Evaluator.detail`), so checking a large plan
/// costs only what its verdicts need.
public struct ActivityEvaluation: Sendable {
    public let activity: Activity
    public let verdict: Verdict
    public let determination: Determination
    /// The best and worst verdict the rules allow given what is known; the verdict is
    /// needs assessment when they differ.
    public let lowest: Verdict
    public let highest: Verdict
    /// The rules whose contribution is the verdict (or, when undetermined, whose
    /// contribution is uncertain), by id.
    public let deciding: [Int]
    /// Rules that apply and are not overridden, by id.
    public let fired: [Int]
    /// Rules that apply or may apply (overridden or not), by id.
    public let applying: [Int]
    /// Facts whose answers could decide an undetermined verdict, with the rules that need
    /// them (without outcomes; `ActivityDetail.questions` keeps the ones that matter).
    public let questions: [Question]
    /// For allowed with safeguards: the safeguards the verdict depends on.
    public let requiredSafeguards: [Int]
    /// Safeguards the deciding rules recommend on top.
    public let recommendedSafeguards: [Int]
    /// Parameter values used by the deciding and uncertain rules.
    public let parameterUses: [ParameterUse]
    /// Parameters with no value in force that leave a condition undecided.
    public let missingParameters: [Int]
    public let conflicts: [[Int]]
    /// Note rules that apply or may apply, by id.
    public let notes: [NoteOutcome]
    /// The waivers that cover this finding (every deciding rule waived and in force);
    /// empty when the finding stands.
    public var waivedBy: [Waiver] = []

    public var isWaived: Bool { !waivedBy.isEmpty }
}

/// What a report or an explanation needs beyond the verdict.
public struct ActivityDetail: Sendable {
    /// Every rule of the activity's kind, in id order, with every test; from an assessment
    /// whose context keeps no traces, only the deciding rules'.
    public let traces: [RuleTrace]
    /// The deciding rules' traces, in the order of the traced evaluation's deciding rules:
    /// what a report's reasons, facts and parameters are made of. Taken from the same
    /// evaluation as `traces`, so no deciding rule can lack its trace.
    public let deciding: [RuleTrace]
    /// The questions whose answers would narrow the verdict, each with its outcomes.
    public let questions: [Question]
    /// What would improve a verdict worse than allowed with safeguards.
    public let remedies: [Remedy]

    /// The same without the traces: most of the detail's memory, which a report keeps
    /// only when it will print them.
    public var withoutTraces: ActivityDetail { ActivityDetail(traces: [], deciding: [], questions: questions, remedies: remedies) }
}

public struct PlanEvaluation: Sendable {
    public let plan: Plan
    public let asOf: DateValue
    public let verdict: Verdict
    /// The worst verdict of the activities whose findings are not waived: what a fail
    /// level is compared with.
    public var unwaivedVerdict: Verdict {
        activities.filter { !$0.isWaived }.map(\.verdict).max() ?? .allowed
    }
    public let activities: [ActivityEvaluation]
    /// Problems found while evaluating, such as a parameter with no value in force.
    public let diagnostics: [Diagnostic]
}
