import WaarborgSyntax

/// A value reduced to a tag and 64 bits, for the compiled conditions of the lean
/// evaluation (`CompiledRuleSet`).
///
/// `Value` carries a string or a bit set array in some cases, so copying one means
/// reference counting, and comparing two goes through generic enum code. Nearly every
/// value a condition tests (yes/no, amounts, dates, one member, a set of at most 64
/// members) fits in one machine word, so comparisons become a tag check and an integer
/// operation. Texts and wider sets are `other`: whoever meets one falls back to the
/// `Value` itself, with the same semantics.
public struct ScalarValue: Sendable, Hashable {
    public enum Tag: UInt8, Sendable {
        /// No value: the fact is unknown (or the parameter has no value in force).
        case unknown
        /// `bits` is 0 or 1.
        case boolean
        /// `bits` is `Amount.scaled`.
        case amount
        /// `bits` is `DateValue.ordinal` (ordered as the dates are).
        case date
        /// `bits` is the member's index.
        case member
        /// `bits` is the set's only (first) word; every later word is zero.
        case members
        /// A text or a set with members beyond 63: compare the `Value`.
        case other
    }

    public var tag: Tag
    public var bits: Int64

    @inlinable public init(tag: Tag, bits: Int64) {
        self.tag = tag
        self.bits = bits
    }

    public static let unknown = ScalarValue(tag: .unknown, bits: 0)

    @inlinable public init(_ value: Value?) {
        switch value {
        case nil: self = .unknown
        case .boolean(let flag)?: self.init(tag: .boolean, bits: flag ? 1 : 0)
        case .amount(let amount)?: self.init(tag: .amount, bits: amount.scaled)
        case .date(let date)?: self.init(tag: .date, bits: Int64(date.ordinal))
        case .member(let member)?: self.init(tag: .member, bits: Int64(member))
        case .members(let set)?:
            if let word = set.singleWord {
                self.init(tag: .members, bits: Int64(bitPattern: word))
            } else {
                self.init(tag: .other, bits: 0)
            }
        case .text?: self.init(tag: .other, bits: 0)
        }
    }

    /// The single word of a `members` value.
    @inlinable public var word: UInt64 { UInt64(bitPattern: bits) }
}
