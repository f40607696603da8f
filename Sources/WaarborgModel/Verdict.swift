/// The four verdicts, ordered from best to worst. Combination takes the worst, so the
/// order of rules never changes a result.
public enum Verdict: Int, Comparable, CaseIterable, Sendable, Hashable {
    case allowed = 0
    case allowedWithSafeguards = 1
    case needsAssessment = 2
    case prohibited = 3

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

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rawValue < rhs.rawValue }

    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.allowed, .nl): "toegestaan"
        case (.allowed, .en): "allowed"
        case (.allowedWithSafeguards, .nl): "toegestaan mits waarborgen"
        case (.allowedWithSafeguards, .en): "allowed with safeguards"
        case (.needsAssessment, .nl): "nadere beoordeling nodig"
        case (.needsAssessment, .en): "needs assessment"
        case (.prohibited, .nl): "verboden"
        case (.prohibited, .en): "prohibited"
        }
    }
}

/// The two languages every user-facing text exists in.
public enum Language: String, CaseIterable, Sendable {
    case nl, en
}

/// A text in Dutch and English. The checker guarantees both are present.
public struct Bilingual: Sendable, Hashable {
    public let nl: String
    public let en: String

    public init(nl: String, en: String) {
        self.nl = nl
        self.en = en
    }

    public subscript(language: Language) -> String { language == .nl ? nl : en }
}
