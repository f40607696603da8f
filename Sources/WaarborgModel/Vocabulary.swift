import WaarborgSyntax

/// A declared name with its labels: a group, an activity kind, a party kind, a safeguard,
/// or a member of a list of values.
public struct Term: Sendable {
    public let id: String
    public let label: Bilingual
    public let definition: Bilingual?
    /// For a safeguard: the obligation as the parties undertake it in the annex.
    public var undertaking: Bilingual? = nil
    /// For a group: whether a plan may waive its rules (never for hardcore restrictions).
    public var waivable = true
    /// For a safeguard: good practice that no source requires (`recommended only`); no
    /// permitting verdict may depend on it.
    public var recommendedOnly = false
    public let range: SourceRange
}

public struct Enumeration: Sendable {
    public let id: String
    public let label: Bilingual
    public let members: [Term]
    public let memberIndex: [String: Int]
    public let range: SourceRange
    /// Former ids of members (`value new … alias old`), deprecated but still read.
    public var memberAliases: [String: Int] = [:]

    /// A member by its id, or by a former id (then `deprecated` is true).
    public func member(named name: String) -> (index: Int, deprecated: Bool)? {
        if let index = memberIndex[name] { return (index, false) }
        return memberAliases[name].map { ($0, true) }
    }
}

public struct NamedSet: Sendable {
    public let id: String
    public let enumeration: Int
    public let label: Bilingual
    public let members: MemberSet
    public let range: SourceRange
}

/// How a fact follows from the activity's parties.
public enum Derivation: Sendable, Hashable {
    case competingPair
    case singleUndertaking
    case count(filter: Int?)
    case sum(attribute: Int, filter: Int?)
    case max(attribute: Int, filter: Int?)
    case min(attribute: Int, filter: Int?)
    case any(attribute: Int, filter: Int?)
    case all(attribute: Int, filter: Int?)
}

/// A fact of an activity or an attribute of a party.
public struct FactDefinition: Sendable {
    public let id: String
    public let index: Int
    public let type: ValueType
    public let label: Bilingual
    public let question: Bilingual?
    public let derivation: Derivation?
    public let range: SourceRange
    /// An open norm (`open norm`, XP-04): a yes is the consortium's assertion, not a verified
    /// fact; no permission rests on it alone, and reports say so.
    public var isOpenNorm = false
    /// Hardcore conduct (`hardcore`, XP-01): stated yes, it never leads to a permitting
    /// verdict outside a declared lowering route (`waarborg lint` proves it).
    public var isHardcore = false
    /// Fixed (`fixed`): the parties cannot change it, so no remedy proposes to.
    public var isFixed = false
}

public struct PartyKind: Sendable {
    public let term: Term
    /// Attribute values (by attribute index) that parties of this kind have unless stated.
    public let defaults: [Int: Value]
}

/// Everything a plan may say, declared in the rule files.
public struct Vocabulary: Sendable {
    public var groups: [Term] = []
    public var activityKinds: [Term] = []
    public var partyKinds: [PartyKind] = []
    public var safeguards: [Term] = []
    /// The legal forms a plan may give a party (`legal_form = cooperative_ua`), declared in
    /// the rules so the engine names none itself.
    public var legalForms: [Term] = []
    public var enumerations: [Enumeration] = []
    public var sets: [NamedSet] = []
    public var facts: [FactDefinition] = []
    public var attributes: [FactDefinition] = []

    public var groupIndex: [String: Int] = [:]
    public var activityKindIndex: [String: Int] = [:]
    public var partyKindIndex: [String: Int] = [:]
    public var safeguardIndex: [String: Int] = [:]
    public var legalFormIndex: [String: Int] = [:]
    public var enumerationIndex: [String: Int] = [:]
    public var setIndex: [String: Int] = [:]
    public var factIndex: [String: Int] = [:]
    public var attributeIndex: [String: Int] = [:]
    /// Former names (`alias old_name`) of facts and activity kinds: a plan written with
    /// them still reads, with a warning that names the new spelling.
    public var factAliases: [String: Int] = [:]
    public var activityKindAliases: [String: Int] = [:]

    /// A fact by its name, or by a former name (then `deprecated` is true).
    public func fact(named name: String) -> (index: Int, deprecated: Bool)? {
        if let index = factIndex[name] { return (index, false) }
        return factAliases[name].map { ($0, true) }
    }

    /// An activity kind by its name, or by a former name (then `deprecated` is true).
    public func activityKind(named name: String) -> (index: Int, deprecated: Bool)? {
        if let index = activityKindIndex[name] { return (index, false) }
        return activityKindAliases[name].map { ($0, true) }
    }

    public init() {}

    /// A readable rendering of a value of the given type, for traces and reports.
    public func render(_ value: Value, type: ValueType, language: Language) -> String {
        switch value {
        case .boolean(let flag):
            return language == .nl ? (flag ? "ja" : "nee") : (flag ? "yes" : "no")
        case .amount(let amount):
            return (type.scalar ?? .number).display(amount, language: language)
        case .date(let date):
            return date.description
        case .text(let text):
            return text
        case .member(let member):
            if case .oneOf(let enumeration) = type { return enumerations[enumeration].members[member].id }
            return String(member)
        case .members(let set):
            if case .setOf(let enumeration) = type {
                return "{" + set.members.map { enumerations[enumeration].members[$0].id }.joined(separator: ", ") + "}"
            }
            return "{}"
        }
    }

    /// The id form of a value, stable across languages (JSON, fingerprints).
    public func canonical(_ value: Value, type: ValueType) -> String {
        switch value {
        case .boolean(let flag): return flag ? "yes" : "no"
        case .amount(let amount): return (type.scalar ?? .number).canonical(amount)
        default: return render(value, type: type, language: .en)
        }
    }

    /// The type as a rule file writes it (`money`, `one of recipients`).
    public func typeName(_ type: ValueType) -> String { typeText(type).en }

    /// The type in both languages, for diagnostics: the English as a rule file writes it,
    /// the Dutch with its article (`een bedrag`, "één waarde uit `recipients`").
    public func typeText(_ type: ValueType) -> Bilingual {
        switch type {
        case .scalar(let scalar): Bilingual(scalar.name, nl: scalar.dutchName)
        case .oneOf(let index): Bilingual("one of \(enumerations[index].id)", nl: "één waarde uit `\(enumerations[index].id)`")
        case .setOf(let index): Bilingual("set of \(enumerations[index].id)", nl: "een verzameling waarden uit `\(enumerations[index].id)`")
        }
    }
}
