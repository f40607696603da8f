// The syntax tree of rule files and plans: what was written, where, before any name
// is resolved. The model stage checks it against the vocabulary.

/// A name as written, with its place.
public struct Name: Sendable, Hashable {
    public let text: String
    public let range: SourceRange

    public init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// A text in Dutch and English (`nl "…" en "…"`). Either may be missing here; the
/// model stage reports a missing language.
public struct TextSyntax: Sendable, Hashable {
    public var nl: String?
    public var en: String?
    public let range: SourceRange

    public init(nl: String?, en: String?, range: SourceRange) {
        self.nl = nl
        self.en = en
        self.range = range
    }
}

/// A value as written after `=` or in a comparison.
public enum ValueKind: Sendable, Hashable {
    case number(Amount)
    case percentage(Amount)
    case money(Amount)
    case date(DateValue)
    case string(String)
    /// A bare name: `yes`, an enumeration member, a parameter id, a party id.
    case name(String)
    /// `{a, b}` or `a, b`.
    case list([Name])
    /// A value from a JSON plan, converted once its type is known.
    case json(JSONNode)
}

public struct ValueSyntax: Sendable, Hashable {
    public let kind: ValueKind
    public let range: SourceRange

    public init(_ kind: ValueKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

public enum SetRelation: String, Sendable, Hashable {
    /// `recipient in {a, b}`: a one-of fact takes one of the values.
    case isIn = "in"
    /// `data_kinds includes any of {…}`
    case includesAny = "includes any of"
    /// `data_kinds includes all of {…}`
    case includesAll = "includes all of"
    /// `data_kinds includes only {…}`: every member is in the set.
    case includesOnly = "includes only"
}

/// The right side of a set test: a literal `{a, b}` or the name of a declared set.
public enum SetOperand: Sendable, Hashable {
    case literal([Name], SourceRange)
    case named(Name)

    public var range: SourceRange {
        switch self {
        case .literal(_, let range): range
        case .named(let name): name.range
        }
    }
}

/// A condition of a rule or exception.
public indirect enum ExpressionSyntax: Sendable, Hashable {
    case all([ExpressionSyntax], SourceRange)
    case any([ExpressionSyntax], SourceRange)
    case not(ExpressionSyntax, SourceRange)
    /// A boolean fact that must hold: `parties_are_competitors`.
    case holds(Name)
    case compare(Name, ComparisonOperator, ValueSyntax, SourceRange)
    case member(Name, SetRelation, SetOperand, SourceRange)
    /// `safeguards a, b`: all of them are in place.
    case safeguards([Name], SourceRange)
    /// `rule HC-01 applies`: the rule's condition holds for this activity.
    case ruleApplies(Name, SourceRange)
    /// `group hardcore applies`: a rule of the group applies to this activity.
    case groupApplies(Name, SourceRange)
    /// A condition that could not be read. It stands where the condition was written, so no
    /// caller can take a broken `when` for a missing one (which would mean "always
    /// applies") or drop a broken `unless`: the checker refuses the rule with a diagnostic.
    /// `prose` holds the words when the condition reads as a sentence ("the parties are
    /// competitors"), so the checker can name declared facts that fit.
    case invalid(SourceRange, prose: [Name])

    public var range: SourceRange {
        switch self {
        case .all(_, let range), .any(_, let range), .not(_, let range), .compare(_, _, _, let range),
            .member(_, _, _, let range), .safeguards(_, let range), .ruleApplies(_, let range), .groupApplies(_, let range),
            .invalid(let range, _):
            return range
        case .holds(let name):
            return name.range
        }
    }
}

/// Text about a legal source (a pinpoint, a parameter value's note, a source's title,
/// issuer or date): `"…"` or `nl "…"` is the Dutch text, `en "…"` the English one, on the
/// same line or on indented lines below; `quote "…"` is a verbatim quotation from the
/// (Dutch) source, which stays in its own words in every language.
public struct SourceTextSyntax: Sendable, Hashable {
    public var nl: String?
    public var en: String?
    /// Where `quote` is written, if it is.
    public var quote: SourceRange?
    public var range: SourceRange

    public init(nl: String? = nil, en: String? = nil, quote: SourceRange? = nil, range: SourceRange) {
        self.nl = nl
        self.en = en
        self.quote = quote
        self.range = range
    }
}

/// `source HGL-2023 "hfdst. 6" en "ch. 6"`
public struct CitationSyntax: Sendable, Hashable {
    public let source: Name
    public let pinpoint: SourceTextSyntax?
    public let range: SourceRange
}

/// `name = value`, in plans and in rule examples.
public struct AssignmentSyntax: Sendable, Hashable {
    public let key: Name
    public let value: ValueSyntax

    public init(key: Name, value: ValueSyntax) {
        self.key = key
        self.value = value
    }
    public var range: SourceRange { key.range.union(value.range) }
}

/// `unless [NAME:] CONDITION` with its `then`, `because` and `source`, and the exceptions
/// to this exception (`unless` lines indented under it), which win over it when they hold.
public struct ExceptionSyntax: Sendable, Hashable {
    public let keywordRange: SourceRange
    /// `unless imposed_by_law: …`: the exception's name, unique within its rule.
    public var name: Name?
    public let condition: ExpressionSyntax?
    public var conclusion: Name?
    public var rationale: TextSyntax?
    public var sources: [CitationSyntax] = []
    /// Exceptions to this exception, in the order written.
    public var exceptions: [ExceptionSyntax] = []
}

public struct ExpectSyntax: Sendable, Hashable {
    public let verdict: Name
    public let rules: [Name]
    /// `notes R, …`: the note rules expected to apply.
    public let notes: [Name]
    public let range: SourceRange
}

public struct ExampleSyntax: Sendable, Hashable {
    public let title: String
    public let range: SourceRange
    public var assignments: [AssignmentSyntax] = []
    public var expect: ExpectSyntax?
}

public enum OverrideTarget: Sendable, Hashable {
    case rule(Name)
    case group(Name)
    case all(SourceRange)
}

/// `overrides group area if needs_assessment`: the targets, and the verdicts of theirs
/// that are overridden (none listed: any verdict).
public struct OverrideClauseSyntax: Sendable, Hashable {
    public let targets: [OverrideTarget]
    public let verdicts: [Name]
    public let range: SourceRange
}

/// `intended overlap with IX-09` and the reason (nl and en): the lawyer has checked that
/// both rules may apply to one activity, the worse verdict winning, and says why.
public struct IntendedOverlapSyntax: Sendable, Hashable {
    public let rules: [Name]
    public let reason: TextSyntax
    public let range: SourceRange
}

public struct RuleSyntax: Sendable, Hashable {
    public let id: Name
    public let range: SourceRange
    public var title: TextSyntax?
    public var group: Name?
    public var appliesTo: [Name] = []
    /// `applies to any activity`: where it is written, if it is.
    public var appliesToAnyActivity: SourceRange?
    public var validFrom: ValueSyntax?
    public var validUntil: ValueSyntax?
    public var version: String?
    public var condition: ExpressionSyntax?
    public var conclusion: Name?
    public var rationale: TextSyntax?
    public var exceptions: [ExceptionSyntax] = []
    public var sources: [CitationSyntax] = []
    public var overrides: [OverrideClauseSyntax] = []
    public var recommends: [Name] = []
    public var examples: [ExampleSyntax] = []
    /// What the parties may do under this rule, as a clause of the annex.
    public var permits: TextSyntax?
    public var intendedOverlaps: [IntendedOverlapSyntax] = []
}

public struct RulesetSyntax: Sendable, Hashable {
    public let name: String
    public let range: SourceRange
    public var version: String?
    /// The state of the law the rule set describes; examples are evaluated on it.
    public var date: ValueSyntax?
    public var description: TextSyntax?
    /// `examples assume` facts every rule example has unless it states them itself.
    public var exampleAssumptions: [AssignmentSyntax] = []
}

public struct SourceDeclarationSyntax: Sendable, Hashable {
    public let id: Name
    public let range: SourceRange
    public var title: SourceTextSyntax?
    public var issuer: SourceTextSyntax?
    public var date: SourceTextSyntax?
    public var url: String?
    public var status: Name?
}

/// A declared name with labels: a group, an activity kind, a party kind, a safeguard.
public struct TermSyntax: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case group, activity, party, safeguard
        /// `legal_form`: a legal form a plan may give a party (its capacity in the annex).
        case legalForm = "legal_form"
    }
    public let kind: Kind
    public let id: Name
    public let range: SourceRange
    public var label: TextSyntax?
    public var definition: TextSyntax?
    /// For a safeguard: the obligation as parties undertake it in the annex.
    public var undertaking: TextSyntax?
    /// For a group: `waivable no` forbids waivers of its rules (hardcore restrictions).
    public var waivable: Name?
    /// Attribute values a party kind gives its parties unless a plan says otherwise.
    public var defaults: [AssignmentSyntax] = []
    /// For a safeguard: `recommended only` — good practice no source requires.
    public var recommendedOnly: SourceRange?
    /// For an activity kind: `alias old_name`, former names a plan may still use.
    public var aliases: [Name] = []
}

public struct EnumerationSyntax: Sendable, Hashable {
    public let id: Name
    public let range: SourceRange
    public var label: TextSyntax?
    public var members: [EnumerationMemberSyntax] = []
}

public struct EnumerationMemberSyntax: Sendable, Hashable {
    public let name: Name
    public let label: TextSyntax?
    /// `value new alias old nl "…" en "…"`: former ids a plan may still use.
    public var aliases: [Name] = []
}

public struct NamedSetSyntax: Sendable, Hashable {
    public let id: Name
    public let of: Name?
    public let range: SourceRange
    public var label: TextSyntax?
    public var members: [Name] = []
}

public enum TypeSyntax: Sendable, Hashable {
    /// A single-value type by its word (`money`); the checker knows which words are types
    /// (`ScalarType`), so a new type needs nothing in the parser.
    case scalar(Name)
    case oneOf(Name)
    case setOf(Name)
}

/// How a fact follows from the activity's parties (`derived sum turnover_eur where is_undertaking`).
public struct DerivationSyntax: Sendable, Hashable {
    public let function: Name
    public let argument: Name?
    public let filter: Name?
    public let range: SourceRange
}

public struct FactSyntax: Sendable, Hashable {
    /// `fact` (of an activity) or `attribute` (of a party).
    public let isAttribute: Bool
    public let id: Name
    public let range: SourceRange
    public var type: TypeSyntax?
    public var label: TextSyntax?
    public var question: TextSyntax?
    public var derived: DerivationSyntax?
    /// `alias old_name`: former names a plan may still use (deprecated, with a warning).
    public var aliases: [Name] = []
    /// `open norm`: the fact is an open norm whose answer the consortium only asserts (XP-04).
    public var openNorm: SourceRange?
    /// `hardcore`: conduct restrictive by object (XP-01); stated yes, no plan may reach a
    /// permitting verdict outside a declared route (lint proves it).
    public var hardcore: SourceRange?
    /// `fixed`: a fact the parties cannot change (a market share, the law); remedies never
    /// propose changing it (legal digest §7.4, column Remedy).
    public var fixed: SourceRange?
}

public struct ParameterValueSyntax: Sendable, Hashable {
    public let value: ValueSyntax
    public let from: ValueSyntax?
    public let until: ValueSyntax?
    public let citation: CitationSyntax?
    public let range: SourceRange
}

public struct ParameterSyntax: Sendable, Hashable {
    public let id: Name
    public let range: SourceRange
    public var title: TextSyntax?
    public var type: TypeSyntax?
    public var values: [ParameterValueSyntax] = []
}

/// `condition NAME`: a named condition rules can use like a yes/no fact.
public struct NamedConditionSyntax: Sendable, Hashable {
    public let id: Name
    public let range: SourceRange
    public var label: TextSyntax?
    public var condition: ExpressionSyntax?
}

/// `annex` with `phrase KEY nl "…" en "…"` lines: the fixed texts of the safeguards annex.
public struct AnnexSyntax: Sendable, Hashable {
    public let range: SourceRange
    public var phrases: [AnnexPhraseSyntax] = []
}

public struct AnnexPhraseSyntax: Sendable, Hashable {
    public let key: Name
    public let text: TextSyntax
}

/// `precedence GROUP` with `lowered by group G to VERDICT` / `lowered by rule R to VERDICT`
/// lines: the only routes by which a rule of the group may be lowered, and how far.
public struct PrecedenceSyntax: Sendable, Hashable {
    public let group: Name
    public let range: SourceRange
    public var routes: [LoweringRouteSyntax] = []
}

public struct LoweringRouteSyntax: Sendable, Hashable {
    public enum By: Sendable, Hashable {
        case group(Name)
        case rule(Name)
    }

    public let by: By
    public let floor: Name
    public let range: SourceRange
}

public enum DeclarationSyntax: Sendable, Hashable {
    case annex(AnnexSyntax)
    case precedence(PrecedenceSyntax)
    case condition(NamedConditionSyntax)
    case ruleset(RulesetSyntax)
    case source(SourceDeclarationSyntax)
    case term(TermSyntax)
    case enumeration(EnumerationSyntax)
    case namedSet(NamedSetSyntax)
    case fact(FactSyntax)
    case parameter(ParameterSyntax)
    case rule(RuleSyntax)
}

public struct RuleFileSyntax: Sendable {
    public let file: SourceFile
    public let declarations: [DeclarationSyntax]
}

// MARK: Plans

/// A `plan`, `party` or `activity` block: a header and `name = value` lines.
public struct PlanEntrySyntax: Sendable, Hashable {
    public let id: Name
    public let range: SourceRange
    public var assignments: [AssignmentSyntax] = []
    /// `waiver RULE` blocks of an activity.
    public var waivers: [WaiverSyntax] = []
    /// `override FACT = VALUE` lines: in an answers file, an answer declared to replace a
    /// fact the plan's parties imply (anywhere else, an error).
    public var overrides: [AssignmentSyntax] = []
    /// The agreement clause an activity belongs to when the document around the plan says
    /// so (a Markdown draft's heading); a `clause = "…"` line in the activity wins.
    public var clause: String?

    public init(id: Name, range: SourceRange, assignments: [AssignmentSyntax] = [], waivers: [WaiverSyntax] = []) {
        self.id = id
        self.range = range
        self.assignments = assignments
        self.waivers = waivers
    }
}

/// `waiver IX-04` with `justification`, `owner` and `expires` lines: a lawyer accepted
/// the risk of a finding after an assessment.
public struct WaiverSyntax: Sendable, Hashable {
    public let rule: Name
    public let range: SourceRange
    public var assignments: [AssignmentSyntax] = []

    public init(rule: Name, range: SourceRange, assignments: [AssignmentSyntax] = []) {
        self.rule = rule
        self.range = range
        self.assignments = assignments
    }
}

public struct PlanSyntax: Sendable {
    public init(file: SourceFile) { self.file = file }

    public let file: SourceFile
    /// `plan "Zorghub Noord"`; `id` holds the name as written.
    public var header: PlanEntrySyntax?
    public var parties: [PlanEntrySyntax] = []
    public var activities: [PlanEntrySyntax] = []
}
