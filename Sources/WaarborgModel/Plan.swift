import WaarborgSyntax

/// Where a fact's value came from, for the trace and for locations in reports.
public enum FactOrigin: Sendable, Hashable {
    /// Written in the plan at this range.
    case stated(SourceRange)
    /// Computed from the parties (the note names them; reports put it in words).
    case derived(DerivationNote)
    /// Supposed while exploring an answer or a remedy; never part of a checked plan.
    case supposed
}

/// How a derived fact followed from the parties, as data so each language can say it.
public struct DerivationNote: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case competes, noneCompete, oneUndertaking, separateUndertakings
        case count, sum, max, min
        case anyHas, noneHas, allHave, oneLacks
    }
    // Stored largest first, with the count as 32 bits: a checked plan holds one note per
    // derived fact, so its size counts (a fact value stays 56 bytes instead of 80).
    public let parties: [String]
    /// The attribute involved (or the count's filter).
    public let attribute: String?
    private let storedCount: Int32
    public let kind: Kind

    /// For `separateUndertakings`: how many.
    public var count: Int? { storedCount < 0 ? nil : Int(storedCount) }

    public init(_ kind: Kind, parties: [String], attribute: String? = nil, count: Int? = nil) {
        self.kind = kind
        self.parties = parties
        self.attribute = attribute
        self.storedCount = count.map { Int32(clamping: $0) } ?? -1
    }
}

public struct FactValue: Sendable, Hashable {
    public let value: Value
    public let origin: FactOrigin

    public init(value: Value, origin: FactOrigin) {
        self.value = value
        self.origin = origin
    }
}

public struct Party: Sendable {
    public let id: String
    public let name: String
    public let kind: Int
    /// Index of the party's legal form in the vocabulary (`legal_form = …`), if the plan
    /// gives it; the annex names it as the party's capacity.
    public var legalForm: Int? = nil
    /// Indices of parties this one competes with; nil when the plan does not say.
    public let competesWith: Set<Int>?
    /// Parties sharing this id form one undertaking (a group under single control).
    public let undertaking: String
    /// By attribute index; nil when unknown.
    public let attributes: [Value?]
    public let range: SourceRange
}

/// An activity's facts: few of the vocabulary's facts are stated or derived for any one
/// activity, so they are kept sparse, sorted by fact index. Reading a missing fact gives
/// nil (unknown); writing nil removes it.
public struct FactTable: Sendable, Hashable {
    public internal(set) var entries: [(fact: Int, value: FactValue)] = []

    public init() {}

    /// From a dense array indexed by fact (nil: unknown).
    public init(_ dense: [FactValue?]) {
        for (fact, value) in dense.enumerated() { if let value { entries.append((fact, value)) } }
    }

    private func position(of fact: Int) -> (found: Bool, index: Int) {
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].fact < fact { low = mid + 1 } else { high = mid }
        }
        return (low < entries.count && entries[low].fact == fact, low)
    }

    public subscript(fact: Int) -> FactValue? {
        get {
            let (found, index) = position(of: fact)
            return found ? entries[index].value : nil
        }
        set {
            let (found, index) = position(of: fact)
            switch (found, newValue) {
            case (true, let value?): entries[index].value = value
            case (true, nil): entries.remove(at: index)
            case (false, let value?): entries.insert((fact, value), at: index)
            case (false, nil): break
            }
        }
    }

    /// Calls `body` with every stated fact and its value reduced to a `ScalarValue`, in fact
    /// order, reading the entries in place (no copies of values, no reference counting).
    @inlinable
    public func forEachScalar(_ body: (Int, ScalarValue) -> Void) {
        entries.withUnsafeBufferPointer { buffer in
            for index in buffer.indices { body(buffer[index].fact, ScalarValue(buffer[index].value.value)) }
        }
    }

    /// Lets go of spare capacity left by insertions: a checked plan keeps every activity's
    /// table for the rest of the run.
    public mutating func shrinkToFit() {
        guard entries.capacity > entries.count else { return }
        var exact: [(fact: Int, value: FactValue)] = []
        exact.reserveCapacity(entries.count)
        exact.append(contentsOf: entries)
        entries = exact
    }

    public static func == (lhs: FactTable, rhs: FactTable) -> Bool {
        lhs.entries.count == rhs.entries.count && zip(lhs.entries, rhs.entries).allSatisfy { $0.fact == $1.fact && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.fact)
            hasher.combine(entry.value)
        }
    }
}

/// A party attribute that a derived fact needs and the plan does not state.
public struct UnknownAttribute: Sendable, Hashable {
    /// Stands for the built-in `competes_with` of a party.
    public static let competesWith = -1

    public let party: Int
    /// An index into the vocabulary's attributes, or `competesWith`.
    public let attribute: Int

    public init(party: Int, attribute: Int) {
        self.party = party
        self.attribute = attribute
    }
}

/// A lawyer's acceptance of the risk of one rule's finding for one activity.
public struct Waiver: Sendable, Hashable {
    public let rule: Int
    public let justification: String
    public let owner: String
    public let expires: DateValue
    public let range: SourceRange
}

/// Where each of an activity's safeguards is stated. The plan's own safeguards (its
/// header) are shared by every activity, not copied into each: a large plan would otherwise
/// hold a dictionary per activity of ranges that are all the same.
public struct SafeguardRanges: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The header's ranges, the same storage for every activity of the plan.
    let inherited: [Int: SourceRange]
    /// The activity's own statements, which win over the header's.
    private(set) var own: [(safeguard: Int, range: SourceRange)] = []

    public init(inherited: [Int: SourceRange]) { self.inherited = inherited }

    public init(dictionaryLiteral elements: (Int, SourceRange)...) {
        inherited = Dictionary(elements, uniquingKeysWith: { $1 })
    }

    public subscript(safeguard: Int) -> SourceRange? {
        get { own.last(where: { $0.safeguard == safeguard })?.range ?? inherited[safeguard] }
        set {
            own.removeAll { $0.safeguard == safeguard }
            if let newValue { own.append((safeguard, newValue)) }
        }
    }

    /// Every safeguard's range, the activity's own over the header's.
    public var all: [Int: SourceRange] {
        var result = inherited
        for entry in own { result[entry.safeguard] = entry.range }
        return result
    }

    public static func == (lhs: SafeguardRanges, rhs: SafeguardRanges) -> Bool { lhs.all == rhs.all }
}

public struct Activity: Sendable {
    public let id: String
    public let title: String?
    /// The clause of the cooperation agreement that creates the activity ("art. 5
    /// Benchmarking"), cited beside it in every output.
    public var clause: String?
    public let kind: Int
    public let parties: [Int]
    /// Stated or derived values by fact index; a missing one is unknown.
    public var facts: FactTable
    /// Safeguards in place, including the plan's consortium-wide ones.
    public var safeguards: MemberSet
    /// Where each safeguard was stated (activity line or plan header).
    public var safeguardRanges: SafeguardRanges
    public let range: SourceRange
    public let kindRange: SourceRange?
    /// For derived facts left unknown: the party attributes that would decide them.
    public var unknownDerivations: [Int: [UnknownAttribute]] = [:]
    public var waivers: [Waiver] = []

    /// With facts as a dense array indexed by fact (nil: unknown).
    public init(
        id: String, title: String?, kind: Int, parties: [Int], facts: [FactValue?], safeguards: MemberSet,
        safeguardRanges: SafeguardRanges, range: SourceRange, kindRange: SourceRange?
    ) {
        self.init(
            id: id, title: title, kind: kind, parties: parties, facts: FactTable(facts), safeguards: safeguards,
            safeguardRanges: safeguardRanges, range: range, kindRange: kindRange)
    }

    public init(
        id: String, title: String?, kind: Int, parties: [Int], facts: FactTable, safeguards: MemberSet,
        safeguardRanges: SafeguardRanges, range: SourceRange, kindRange: SourceRange?
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.parties = parties
        self.facts = facts
        self.safeguards = safeguards
        self.safeguardRanges = safeguardRanges
        self.range = range
        self.kindRange = kindRange
    }
}

/// A checked plan: parties and activities resolved against the vocabulary.
public struct Plan: Sendable {
    public let name: String
    public let file: SourceFile
    public let date: DateValue
    public let region: String?
    public let parties: [Party]
    public let activities: [Activity]
    public let range: SourceRange
    /// Facts the header states once for every activity (`plan` … `no_hire_clause = no`).
    /// Each activity already holds them, with the header's location, unless it states the
    /// fact itself; they are kept here so that `convert` writes them back in the header.
    public var headerFacts = FactTable()
}

extension Plan {
    /// The same plan with other activities (answers filled in, remedies applied).
    public func replacing(activities: [Activity]) -> Plan {
        var plan = Plan(name: name, file: file, date: date, region: region, parties: parties, activities: activities, range: range)
        plan.headerFacts = headerFacts
        return plan
    }
}
