/// An exact decimal quantity with four decimals: counts, money, percentages, months.
///
/// Legal thresholds are compared with `<=` and `>`: binary floating point would make
/// 4.1% + 5.9% exceed a 10% cap. Integers scaled by 10 000 keep every sum and
/// comparison exact and every rendering the same on every machine.
public struct Amount: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let scale: Int64 = 10_000
    public static let fractionDigits = 4
    /// The largest whole value accepted (about 9.2e14), far above any turnover in law.
    public static let maxWhole: Int64 = Int64.max / scale

    /// The value times `scale`.
    public let scaled: Int64

    public init(scaled: Int64) { self.scaled = scaled }

    public init(_ whole: Int) { self.scaled = Int64(whole) * Amount.scale }

    public static let zero = Amount(scaled: 0)

    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.scaled < rhs.scaled }

    /// Sum, or nil when it would overflow.
    public func adding(_ other: Amount) -> Amount? {
        let (sum, overflow) = scaled.addingReportingOverflow(other.scaled)
        return overflow ? nil : Amount(scaled: sum)
    }

    /// Parses digits with optional `_` separators and up to four decimals after a `.`.
    /// Returns nil for anything else; the lexer reports why.
    public static func parse(_ text: Substring) -> Amount? {
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var seenDigit = false
        var lastWasSeparator = false
        for character in text {
            if character == "_" {
                if !seenDigit || lastWasSeparator || seenPoint { return nil }
                lastWasSeparator = true
                continue
            }
            if character == "." {
                if seenPoint || !seenDigit || lastWasSeparator { return nil }
                seenPoint = true
                continue
            }
            guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
            lastWasSeparator = false
            seenDigit = true
            if seenPoint {
                fractionDigits += 1
                if fractionDigits > fractionDigitsLimit { return nil }
                fraction = fraction * 10 + Int64(digit)
            } else {
                whole = whole * 10 + Int64(digit)
                if whole > maxWhole { return nil }
            }
        }
        if !seenDigit || lastWasSeparator || (seenPoint && fractionDigits == 0) { return nil }
        while fractionDigits < fractionDigitsLimit {
            fraction *= 10
            fractionDigits += 1
        }
        return Amount(scaled: whole * scale + fraction)
    }

    private static let fractionDigitsLimit = 4

    /// Plain rendering: `12`, `12.5`, `1100000`; never exponent notation or locale marks.
    public var description: String {
        let negative = scaled < 0
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt64(Amount.scale)
        var fraction = magnitude % UInt64(Amount.scale)
        var text = negative ? "-\(whole)" : "\(whole)"
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: Amount.fractionDigits - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            fraction = 0
            text += "." + digits
        }
        return text
    }

    /// Rendering with thousands separators for people: `1 100 000` (nl) or `1,100,000` (en).
    public func grouped(separator: Character, decimalMark: Character) -> String {
        let plain = description
        let negative = plain.hasPrefix("-")
        let body = negative ? String(plain.dropFirst()) : plain
        let parts = body.split(separator: ".", maxSplits: 1)
        var wholeDigits = Array(parts[0])
        var grouped: [Character] = []
        var count = 0
        while let digit = wholeDigits.popLast() {
            if count > 0, count % 3 == 0 { grouped.append(separator) }
            grouped.append(digit)
            count += 1
        }
        var text = String(grouped.reversed())
        if parts.count > 1 { text += String(decimalMark) + parts[1] }
        return negative ? "-" + text : text
    }
}

/// A calendar date without time or time zone, so a date in a plan means the same
/// everywhere the tool runs.
public struct DateValue: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Year, month and day packed in one word (`year << 9 | month << 5 | day`), so that
    /// a date, and a fact value that holds one, stays small: a large plan keeps one per
    /// stated fact. The packing keeps the calendar order, so dates compare as numbers.
    private let packed: UInt32

    public var year: Int { Int(packed >> 9) }
    public var month: Int { Int((packed >> 5) & 0xF) }
    public var day: Int { Int(packed & 0x1F) }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        guard day >= 1, day <= DateValue.daysIn(month: month, year: year) else { return nil }
        packed = UInt32(year) << 9 | UInt32(month) << 5 | UInt32(day)
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 0001-01-01, for differences ("expires within 90 days").
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let m = month <= 2 ? month + 9 : month - 3
        let dayOfYear = (153 * m + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra
    }

    public static func < (lhs: DateValue, rhs: DateValue) -> Bool { lhs.packed < rhs.packed }

    /// The date `ordinal` days after 0001-01-01 (the inverse of `ordinal`).
    public static func from(ordinal: Int) -> DateValue? {
        let era = (ordinal >= 0 ? ordinal : ordinal - 146_096) / 146_097
        let dayOfEra = ordinal - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let m = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * m + 2) / 5 + 1
        let month = m < 10 ? m + 3 : m - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return DateValue(year: year, month: month, day: day)
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
