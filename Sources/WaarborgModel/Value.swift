import WaarborgSyntax

/// The type of a fact, attribute or parameter.
/// What a single value means is `ScalarType`'s; this type adds only the two kinds of
/// choice from a declared list.
public enum ValueType: Sendable, Hashable {
    /// A single value: yes/no, a number, money, a percentage, a date, a text.
    case scalar(ScalarType)
    /// One member of an enumeration (by index in `Vocabulary.enumerations`).
    case oneOf(Int)
    /// A set of members of an enumeration.
    case setOf(Int)

    /// The scalar type, or nil for a choice from a list.
    public var scalar: ScalarType? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    /// Numbers, money, percentages: the types held as amounts.
    public var isQuantity: Bool { scalar?.storage == .amount }

    /// Types whose values `<`, `>=` … compare: amounts and dates.
    public var isOrdered: Bool {
        switch scalar?.storage {
        case .amount?, .date?: true
        case .boolean?, .text?, nil: false
        }
    }
}

/// A set of enumeration members as a bit set: set tests in conditions are a few
/// machine instructions, which keeps evaluation of large plans fast.
public struct MemberSet: Sendable, Hashable {
    public private(set) var words: [UInt64]

    public init() { words = [] }

    /// Exactly these words (a stored set read back; trailing zero words matter to `==`).
    init(words: [UInt64]) { self.words = words }

    public init(_ members: some Sequence<Int>) {
        self.init()
        for member in members { insert(member) }
    }

    public mutating func insert(_ member: Int) {
        let word = member >> 6
        while words.count <= word { words.append(0) }
        words[word] |= 1 << UInt64(member & 63)
    }

    public func contains(_ member: Int) -> Bool {
        let word = member >> 6
        return word < words.count && words[word] & (1 << UInt64(member & 63)) != 0
    }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// The set as one word when no member is beyond 63 (0 for the empty set), else nil:
    /// the compiled conditions test such sets with a single AND.
    @inlinable public var singleWord: UInt64? {
        for index in words.indices.dropFirst() where words[index] != 0 { return nil }
        return words.first ?? 0
    }

    public func intersects(_ other: MemberSet) -> Bool {
        for index in 0..<min(words.count, other.words.count) where words[index] & other.words[index] != 0 { return true }
        return false
    }

    public func isSubset(of other: MemberSet) -> Bool {
        for index in 0..<words.count {
            let theirs = index < other.words.count ? other.words[index] : 0
            if words[index] & ~theirs != 0 { return false }
        }
        return true
    }

    /// The members of both sets.
    public func union(_ other: MemberSet) -> MemberSet {
        var result = words.count >= other.words.count ? self : other
        let smaller = words.count >= other.words.count ? other : self
        for index in smaller.words.indices { result.words[index] |= smaller.words[index] }
        return result
    }

    /// Members in ascending order.
    public var members: [Int] {
        var result: [Int] = []
        for (index, word) in words.enumerated() where word != 0 {
            for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 { result.append(index * 64 + bit) }
        }
        return result
    }

    public static func == (lhs: MemberSet, rhs: MemberSet) -> Bool {
        let count = max(lhs.words.count, rhs.words.count)
        for index in 0..<count {
            let l = index < lhs.words.count ? lhs.words[index] : 0
            let r = index < rhs.words.count ? rhs.words[index] : 0
            if l != r { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        var trimmed = words
        while trimmed.last == 0 { trimmed.removeLast() }
        hasher.combine(trimmed)
    }
}

/// A typed value of a fact, attribute or parameter.
public enum Value: Sendable, Hashable {
    case boolean(Bool)
    /// Numbers, money and percentages; the fact's type says which (`ScalarType.storage`).
    case amount(Amount)
    case date(DateValue)
    case text(String)
    case member(Int)
    case members(MemberSet)
}

/// Three-valued truth, for conditions on facts that may be unknown (Kleene's logic).
public enum Truth: Sendable, Hashable {
    case yes, no, unknown

    public init(_ value: Bool) { self = value ? .yes : .no }

    public static prefix func ! (truth: Truth) -> Truth {
        switch truth {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }

    public var id: String {
        switch self {
        case .yes: "held"
        case .no: "failed"
        case .unknown: "unknown"
        }
    }
}
