import WaarborgSyntax

/// A source document rules cite (the digest's sources table).
public struct SourceDocument: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case verified, partlyVerified = "partly_verified", unverified
    }
    public let id: String
    public let title: SourceText
    public let issuer: SourceText?
    public let date: SourceText?
    public let url: String?
    public let status: Status
    public let range: SourceRange
}

/// Text about a legal source in Dutch and, where the rule file gives it, English; or a
/// verbatim quotation from the (Dutch) source, which no output translates.
public struct SourceText: Sendable, Hashable {
    public let nl: String
    /// nil: not translated yet (lint warns); English outputs then show the Dutch text.
    public let en: String?
    public let isQuotation: Bool

    public init(nl: String, en: String? = nil, isQuotation: Bool = false) {
        self.nl = nl
        self.en = en
        self.isQuotation = isQuotation
    }

    /// Whether an English reader gets Dutch words that are not marked as a quotation. A text
    /// without letters (`2014-12-04`) reads the same in both languages.
    public var lacksEnglish: Bool { en == nil && !isQuotation && nl.contains(where: \.isLetter) }
}

/// `source MW-6 "art. 6 lid 1" en "Art. 6(1)"`: a source id and the place in it.
public struct Citation: Sendable, Hashable {
    public let source: String
    public let pinpoint: SourceText
    public let range: SourceRange
}

/// One dated value of a parameter.
public struct ParameterVersion: Sendable {
    public let value: Value
    /// First day in force; nil: since ever.
    public let from: DateValue?
    /// First day no longer in force; nil: still in force.
    public let until: DateValue?
    public let citation: Citation
    public let range: SourceRange

    public func isInForce(on date: DateValue) -> Bool {
        (from.map { $0 <= date } ?? true) && (until.map { date < $0 } ?? true)
    }

    /// The one answer to "which value of a parameter is in force on this date": the index
    /// of the first of `versions` (in the order of the file) whose period holds the date,
    /// nil when none does. Every evaluation, check, report and comparison of values asks
    /// here (through `Parameter.version(on:)` and `versionIndex(on:)`), so the interpreted
    /// and compiled evaluations, the linter and the reports cannot choose differently. The
    /// checker refuses overlapping periods, so "first" only matters for rule sets it refused.
    public static func inForce(on date: DateValue, among versions: [ParameterVersion]) -> Int? {
        versions.firstIndex { $0.isInForce(on: date) }
    }
}

/// A number the law sets, declared once with dated values and a source for each.
public struct Parameter: Sendable {
    public let id: String
    public let index: Int
    public let title: Bilingual
    public let type: ValueType
    public let versions: [ParameterVersion]
    public let range: SourceRange

    /// The version in force on `date`, nil when none is.
    public func version(on date: DateValue) -> ParameterVersion? {
        versionIndex(on: date).map { versions[$0] }
    }

    /// The index of the version in force on `date`, nil when none is: the value a test
    /// on this parameter compares with (see `ParameterVersion.inForce(on:among:)`).
    public func versionIndex(on date: DateValue) -> Int? {
        ParameterVersion.inForce(on: date, among: versions)
    }
}

/// An exception of a rule: when its condition holds, its verdict replaces the rule's (or,
/// for an exception to an exception, its parent's). A rule's exceptions are one flat list
/// in the order written, a parent before its nested exceptions (`parent`), so the places
/// that only need every exception's condition or verdict need not walk a tree; the nesting
/// itself is read in one place, `Combination.contribution`.
public struct RuleException: Sendable {
    public let index: Int
    public let condition: Condition
    public let conclusion: Verdict
    public let rationale: Bilingual
    public let sources: [Citation]
    public let range: SourceRange
    /// Where the exception's condition is written.
    public var conditionRange: SourceRange? = nil
    /// `unless NAME: …`; nil: unnamed, referred to by its number.
    public var name: String? = nil
    /// The exception this one is an exception to (its index); nil: an exception to the rule.
    public var parent: Int? = nil

    /// How reports and examples refer to the exception: its name, or its number (from 1,
    /// in the order written) when it has none: `IX-03 unless 1`, `PT-01 unless by_law`.
    public var label: String { name ?? "\(index + 1)" }
}

/// How deep exceptions nest: an exception (1), an exception to it (2), and one to that (3).
/// Deeper nesting is refused (WB351): it no longer reads as law, and a rule of its own
/// with `overrides` says the same more plainly.
public enum ExceptionLimits {
    public static let maximumDepth = 3
    /// Most exceptions of one rule, nested ones included: the evaluation keeps which
    /// exceptions hold as the bits of one word, so every checked rule set compiles.
    public static let maximumCount = 64
}

extension Rule {
    /// Whether some exception of the rule is an exception to another exception.
    public var hasNestedExceptions: Bool { exceptions.contains { $0.parent != nil } }

    /// The chain from the rule's exception `index` up to a top-level one, innermost first.
    public func exceptionChain(_ index: Int) -> [Int] {
        var chain = [index]
        while let parent = exceptions[chain[chain.count - 1]].parent { chain.append(parent) }
        return chain
    }

    /// How an exception is named where the rule is already known: its label, after those
    /// of the exceptions it is nested in (`by_law › beyond_law`).
    public func exceptionPath(_ index: Int) -> String {
        exceptionChain(index).reversed().map { exceptions[$0].label }.joined(separator: " › ")
    }

    /// How many exceptions deep an exception stands: 1 for an exception to the rule.
    public func exceptionDepth(_ index: Int) -> Int { exceptionChain(index).count }

    /// Of the exceptions that decide (`held`: each holds inside exceptions that hold), the
    /// one whose rationale and verdict are shown: the first with no deciding exception of
    /// its own, which is the innermost, since it wins over the exceptions it is nested in.
    public func innermostException(of held: [Int]) -> Int? {
        held.first { candidate in !held.contains { exceptions[$0].parent == candidate } }
    }

    /// The verdict an exception replaces: its parent's, or the rule's.
    public func replacedVerdict(of exception: RuleException) -> Verdict {
        exception.parent.map { exceptions[$0].conclusion } ?? conclusion
    }
}

/// A rule's example: an activity and what it must reach.
public struct RuleExample: Sendable {
    public let title: String
    public let activity: Activity
    /// Evaluation date; nil: the rule set's date.
    public let date: DateValue?
    public let expectedVerdict: Verdict
    public let expectedRules: [String]
    /// Note rules expected to apply; nil when the example does not say.
    public let expectedNotes: [String]?
    public let range: SourceRange
    public let expectRange: SourceRange
}

/// One target of a rule's `overrides`, with the verdicts of the target it overrides
/// (nil: any verdict).
public struct OverrideEntry: Sendable, Hashable {
    public let rule: Int
    public let verdicts: Set<Verdict>?

    public init(rule: Int, verdicts: Set<Verdict>?) {
        self.rule = rule
        self.verdicts = verdicts
    }

    /// Whether a contribution between `lowest` and `highest` is overridden.
    public func covers(lowest: Verdict, highest: Verdict) -> Bool {
        guard let verdicts else { return true }
        return verdicts.contains(lowest) && verdicts.contains(highest)
    }
}

/// `intended overlap with RULE`: the lawyer states that this rule and another may both
/// apply to one activity (the worse verdict winning) and why; lint then does not warn.
public struct IntendedOverlap: Sendable {
    public let rule: Int
    public let reason: Bilingual
    public let range: SourceRange

    public init(rule: Int, reason: Bilingual, range: SourceRange) {
        self.rule = rule
        self.reason = reason
        self.range = range
    }
}

/// A named condition (`condition NAME`), shared by rules.
public struct NamedCondition: Sendable {
    public let id: String
    public let label: Bilingual
    public let condition: Condition
    public let range: SourceRange
}

/// A checked rule. A class, immutable once checked: evaluations pass rules around by
/// reference instead of copying their texts, conditions and examples.
public final class Rule: Sendable {
    public let id: String
    public let index: Int
    /// A note rule (`then note`) reaches no verdict: when it applies, its text is shown
    /// with the activity, and the verdict is decided by the other rules.
    public let isNote: Bool
    public let title: Bilingual
    public let group: Int
    /// The activity kinds the rule is a candidate for; every kind when
    /// `appliesToAnyActivity`.
    public let appliesTo: [Int]
    /// `applies to any activity`: a conduct rule that holds whatever the activity's kind
    /// (digest XP-01: conduct decides, not the label). Reports say so instead of listing
    /// every kind.
    public let appliesToAnyActivity: Bool
    public let validFrom: DateValue?
    public let validUntil: DateValue?
    public let version: String
    public let condition: Condition?
    public let conclusion: Verdict
    public let rationale: Bilingual
    public let exceptions: [RuleException]
    public let sources: [Citation]
    /// The rules this rule overrides when it applies (groups and `all` expanded).
    public let overrides: [OverrideEntry]
    public let recommends: [Int]
    public let examples: [RuleExample]
    public let range: SourceRange
    /// What the parties may do under this rule, as a clause of the annex.
    public let permits: Bilingual?
    /// Where the `when` condition is written, to quote it in documentation.
    public let conditionRange: SourceRange?
    /// Other rules this one is meant to overlap with (`intended overlap with`).
    public let intendedOverlaps: [IntendedOverlap]

    public init(
        id: String, index: Int, isNote: Bool, title: Bilingual, group: Int, appliesTo: [Int], validFrom: DateValue?,
        validUntil: DateValue?, version: String, condition: Condition?, conclusion: Verdict, rationale: Bilingual,
        exceptions: [RuleException], sources: [Citation], overrides: [OverrideEntry], recommends: [Int], examples: [RuleExample],
        range: SourceRange, permits: Bilingual?, conditionRange: SourceRange?, appliesToAnyActivity: Bool = false,
        intendedOverlaps: [IntendedOverlap] = []
    ) {
        self.id = id
        self.index = index
        self.isNote = isNote
        self.title = title
        self.group = group
        self.appliesTo = appliesTo
        self.appliesToAnyActivity = appliesToAnyActivity
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.version = version
        self.condition = condition
        self.conclusion = conclusion
        self.rationale = rationale
        self.exceptions = exceptions
        self.sources = sources
        self.overrides = overrides
        self.recommends = recommends
        self.examples = examples
        self.range = range
        self.permits = permits
        self.conditionRange = conditionRange
        self.intendedOverlaps = intendedOverlaps
    }

    /// Whether this rule or `other` states that their overlap is intended.
    public func overlapIsIntended(with other: Rule) -> Bool {
        intendedOverlaps.contains { $0.rule == other.index } || other.intendedOverlaps.contains { $0.rule == index }
    }

    public func isInForce(on date: DateValue) -> Bool {
        (validFrom.map { $0 <= date } ?? true) && (validUntil.map { date < $0 } ?? true)
    }
}

public struct RuleSetInfo: Sendable {
    public let name: String
    public let version: String
    /// The state of the law the rule set describes; examples are evaluated on it (the
    /// checker requires it, so every checked rule set has one).
    public let date: DateValue
    public let description: Bilingual?
}

/// A checked rule set: vocabulary, sources, parameters and rules, all cross-referenced.
///
/// A class, immutable once built: evaluators, reports and renderers share one instance
/// instead of copying a dozen arrays each time they are handed one.
public final class RuleSet: Sendable {
    public let info: RuleSetInfo
    public let vocabulary: Vocabulary
    public let sources: [SourceDocument]
    public let sourceIndex: [String: Int]
    public let parameters: [Parameter]
    public let parameterIndex: [String: Int]
    public let rules: [Rule]
    public let ruleIndex: [String: Int]
    /// For each activity kind, the rules that reach verdicts on it, sorted by id.
    public let rulesByKind: [[Int]]
    /// For each activity kind, the note rules about it, sorted by id.
    public let notesByKind: [[Int]]
    /// For each rule, the rules that override it (the entry's `rule` is the overrider).
    public let overriddenBy: [[OverrideEntry]]
    public let conditions: [NamedCondition]
    /// The annex's fixed texts by key (`annex` … `phrase KEY nl "…" en "…"`).
    public let annexPhrases: [String: Bilingual]
    /// Where the `annex` declaration stands, for diagnostics about missing phrases.
    public let annexRange: SourceRange?
    /// Each rule's position in id order, for sorting rule indices without comparing strings.
    public let idRank: [Int]
    /// For each activity kind, each rule's position in `rulesByKind[kind]` (-1: not there).
    public let positionInKind: [[Int]]
    /// The declared precedences (`precedence GROUP`), enforced when the rules were checked.
    public let precedences: [Precedence]
    /// The fingerprint of the rule files this rule set was checked from, which every report
    /// header shows (`RuleSetDigest`).
    public let digest: RuleSetDigest

    public init(
        info: RuleSetInfo, vocabulary: Vocabulary, sources: [SourceDocument], sourceIndex: [String: Int], parameters: [Parameter],
        parameterIndex: [String: Int], rules: [Rule], ruleIndex: [String: Int], rulesByKind: [[Int]], notesByKind: [[Int]],
        overriddenBy: [[OverrideEntry]], conditions: [NamedCondition], annexPhrases: [String: Bilingual] = [:], annexRange: SourceRange? = nil,
        precedences: [Precedence] = [], digest: RuleSetDigest
    ) {
        self.precedences = precedences
        self.digest = digest
        self.info = info
        self.vocabulary = vocabulary
        self.sources = sources
        self.sourceIndex = sourceIndex
        self.parameters = parameters
        self.parameterIndex = parameterIndex
        self.rules = rules
        self.ruleIndex = ruleIndex
        self.rulesByKind = rulesByKind
        self.notesByKind = notesByKind
        self.overriddenBy = overriddenBy
        self.conditions = conditions
        self.annexPhrases = annexPhrases
        self.annexRange = annexRange
        var rank = [Int](repeating: 0, count: rules.count)
        for (position, rule) in rules.enumerated().sorted(by: { $0.element.id < $1.element.id }).map(\.offset).enumerated() {
            rank[rule] = position
        }
        self.idRank = rank
        self.positionInKind = rulesByKind.map { candidates in
            var position = [Int](repeating: -1, count: rules.count)
            for (slot, rule) in candidates.enumerated() { position[rule] = slot }
            return position
        }
    }
}
