import WaarborgSyntax
/// The four verdicts, from best to worst. Combination takes the worst, so the order of
/// rules never changes a result.
///
/// The order is `severity`, written out case by case: a new verdict is a compile error
/// here until it has a place in the lattice (docs/language.md, "Verdicts"), and the
/// declaration order of the cases means nothing. The words a reader sees are the
/// report's (`Verdict.label` in WaarborgReport); the model knows only the stable ids.
public enum Verdict: CaseIterable, Comparable, Sendable, Hashable {
    case allowed
    case allowedWithSafeguards
    case needsAssessment
    case prohibited

    /// The place in the lattice, 0 for the best verdict; also the verdict's bit in the
    /// compiled overrides and its number in the rule-set archive.
    public var severity: Int {
        switch self {
        case .allowed: 0
        case .allowedWithSafeguards: 1
        case .needsAssessment: 2
        case .prohibited: 3
        }
    }

    /// The verdict at a place in the lattice (the inverse of `severity`).
    public init?(severity: Int) {
        guard let verdict = Verdict.allCases.first(where: { $0.severity == severity }) else { return nil }
        self = verdict
    }

    /// The stable id used in rule files, plans, JSON and `--fail-level`.
    public var id: String {
        switch self {
        case .allowed: "allowed"
        case .allowedWithSafeguards: "allowed_with_safeguards"
        case .needsAssessment: "needs_assessment"
        case .prohibited: "prohibited"
        }
    }

    public init?(id: String) {
        guard let verdict = Verdict.allCases.first(where: { $0.id == id }) else { return nil }
        self = verdict
    }

    /// Permitting verdicts; a permit and a prohibition in one group are a conflict.
    public var permits: Bool { self <= .allowedWithSafeguards }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.severity < rhs.severity }
}
