import WaarborgModel

/// A set of safeguards as the remedy search combines them: per activity, thousands of
/// unions, subset tests and sorts of small sets. `MemberSet` keeps its words on the heap
/// and serves a catalogue of any size; `NarrowTerm` is one word, never allocates, and
/// serves catalogues of at most 64 safeguards (the shipped one has about 50). The search
/// (`RemedyFinder`) is written once, generic over the two, and finds the same sets in the
/// same order with either.
protocol SafeguardTerm: Hashable {
    /// The set of these safeguards (each fits the representation: `fits`).
    init(_ members: some Sequence<Int>)
    /// Whether every safeguard of a catalogue of `count` fits this representation.
    static func fits(catalogue count: Int) -> Bool
    func union(_ other: Self) -> Self
    func isSubset(of other: Self) -> Bool
    var isEmpty: Bool { get }
    /// Members in ascending order.
    var members: [Int] { get }
    /// The order in which the search considers sets: fewer members first, then by their
    /// members in ascending order, compared as sequences.
    func precedes(_ other: Self) -> Bool
}

extension MemberSet: SafeguardTerm {
    static func fits(catalogue count: Int) -> Bool { true }

    func precedes(_ other: MemberSet) -> Bool {
        let mine = members
        let theirs = other.members
        return mine.count != theirs.count ? mine.count < theirs.count : mine.lexicographicallyPrecedes(theirs)
    }
}

/// Safeguards 0…63 as the bits of one word.
struct NarrowTerm: SafeguardTerm {
    var bits: UInt64

    init(_ members: some Sequence<Int>) {
        bits = 0
        for member in members { bits |= 1 << UInt64(member) }
    }

    static func fits(catalogue count: Int) -> Bool { count <= 64 }

    func union(_ other: NarrowTerm) -> NarrowTerm {
        var result = self
        result.bits |= other.bits
        return result
    }

    func isSubset(of other: NarrowTerm) -> Bool { bits & ~other.bits == 0 }
    var isEmpty: Bool { bits == 0 }

    var members: [Int] { bits.setBits }

    func precedes(_ other: NarrowTerm) -> Bool {
        if bits.nonzeroBitCount != other.bits.nonzeroBitCount { return bits.nonzeroBitCount < other.bits.nonzeroBitCount }
        // Both lists agree up to the lowest safeguard in one set only; the list holding it
        // has the smaller member there.
        let difference = bits ^ other.bits
        return difference != 0 && bits & (difference & (~difference &+ 1)) != 0
    }
}

extension UInt64 {
    /// The indices of the set bits, ascending: the members of a safeguard word, the
    /// exceptions of a mask.
    var setBits: [Int] {
        var result: [Int] = []
        var rest = self
        while rest != 0 {
            result.append(rest.trailingZeroBitCount)
            rest &= rest - 1
        }
        return result
    }
}
