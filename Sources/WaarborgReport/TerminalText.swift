/// Text that reaches a terminal or a CI log. Plans, answers and rule files are written by
/// others: a title holding `ESC [2J` would clear the reader's screen, a right-to-left
/// override would show a verdict reversed, and under GitHub Actions a line that starts with
/// `::` (or holds `##[`) is a workflow command the runner executes (`::add-mask::`,
/// `::stop-commands::`, a forged `::error::`). One place escapes all of it, so no renderer
/// needs to know.
public struct TerminalText: Sendable {
    /// Whether the text goes to a GitHub Actions log (`GITHUB_ACTIONS=true`).
    public var underActions: Bool

    public init(underActions: Bool = false) { self.underActions = underActions }

    /// Whether a scalar must not reach a terminal as it is: the C0 controls (line breaks
    /// and tab included: a user string is shown on its line), DEL, the C1 controls, and the
    /// bidirectional overrides and isolates.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// Whether valid UTF-8 holds a scalar `isUnsafe` names, read byte by byte: the scalars
    /// above U+007F that it names are encoded as C2 80–9F (C1), D8 9C (U+061C), E2 80 8E–8F
    /// and E2 80 AA–AE (U+200E–F, U+202A–E) and E2 81 A6–A9 (U+2066–9), and in valid UTF-8
    /// no continuation byte equals a lead byte.
    static func containsUnsafe(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            // Eight bytes of printable ASCII at a time (most of every report): none is below
            // 0x20, none is 0x7F, none has its high bit set.
            if index + 8 <= count, let base = bytes.baseAddress {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                let ones: UInt64 = 0x0101_0101_0101_0101
                let delete = word ^ (ones &* 0x7F)
                let control = (word &- ones &* 0x20) & ~word & high
                if word & high == 0 && control == 0 && (delete &- ones) & ~delete & high == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F { return true }
            if byte >= 0xC2 {
                let next = index + 1 < count ? bytes[index + 1] : 0
                let after = index + 2 < count ? bytes[index + 2] : 0
                switch byte {
                case 0xC2 where next <= 0x9F: return true
                case 0xD8 where next == 0x9C: return true
                case 0xE2 where next == 0x80 && (after == 0x8E || after == 0x8F || (0xAA...0xAE).contains(after)): return true
                case 0xE2 where next == 0x81 && (0xA6...0xA9).contains(after): return true
                default: break
                }
            }
            index += 1
        }
        return false
    }

    /// A user string with every unsafe scalar written as Swift writes it, `\u{1B}`, so the
    /// reader sees that it is there and what it is.
    public static func escaped(_ text: String) -> String {
        // Most text, Dutch accents and arrows included: one pass over the bytes finds nothing.
        guard text.utf8.withContiguousStorageIfAvailable(containsUnsafe) ?? text.unicodeScalars.contains(where: isUnsafe) else {
            return text
        }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// A finished line (our own colour codes included) made safe for the log it goes to:
    /// under Actions, a line whose first non-blank characters are `::` gets its second
    /// colon escaped, and every `##[` its second `#` (the runner's older command syntax,
    /// read anywhere in a line).
    public func line(_ line: String) -> String {
        guard underActions else { return line }
        var result = line.replacingOccurrences(of: "##[", with: "#\\u{23}[")
        let blank = result.prefix { $0 == " " || $0 == "\t" }
        if result.dropFirst(blank.count).hasPrefix("::") {
            let colon = result.index(result.startIndex, offsetBy: blank.count + 1)
            result.replaceSubrange(colon...colon, with: "\\u{3A}")
        }
        return result
    }

    /// A finished text of several lines whose pieces were not escaped one by one (a
    /// diagnostic, the trace of `explain`): every unsafe scalar but the line breaks and the
    /// tabs of a quoted source line (which keep the caret under its column) is escaped,
    /// then every line is made safe for the log.
    public func text(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let pieces = line.split(separator: "\t", omittingEmptySubsequences: false).map { TerminalText.escaped(String($0)) }
            lines.append(self.line(pieces.joined(separator: "\t")))
        }
        return lines.joined(separator: "\n")
    }
}
