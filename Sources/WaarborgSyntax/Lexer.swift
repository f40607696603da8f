/// Turns a source file into tokens. It never fails: what it cannot read becomes a
/// diagnostic, and lexing goes on after it so one typo does not hide the next.
public struct Lexer {
    /// The longest line accepted; longer lines are reported instead of lexed, so a
    /// corrupted or hostile file costs linear time and a clear error.
    public static let maxLineLength = 64 * 1024

    private let file: SourceFile
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var lineIndent = 0
    private var atLineStart = true
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    public static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(file: file)
        var tokens: [Token] = []
        while let token = lexer.next() { tokens.append(token) }
        return (tokens, lexer.diagnostics)
    }

    private var started = false

    /// The next token, or nil at the end of the file. Tokens are made on demand, so a
    /// parser can hold one block's tokens at a time instead of the whole file's.
    public mutating func next() -> Token? {
        if !started {
            started = true
            if let bad = file.firstInvalidUTF8Offset() {
                diagnostics.append(.error(
                    "WB001", "the file is not valid UTF-8; save it as UTF-8 text",
                    at: SourceRange(file: file, start: bad, end: bad + 1)))
                index = bytes.count
                return nil
            }
            beginLine()
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A, 0x0D:
                newline()
            case 0x20, 0x09:
                index += 1
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
            case UInt8(ascii: "\""):
                if let token = lexString() { return token }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                return lexNumberOrDate()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                return lexIdentifierOrMoney()
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x82 && bytes[index + 2] == 0xAC:
                // "€" followed by an amount.
                return lexMoney(start: index, afterPrefix: index + 3)
            default:
                if let token = lexSymbol() { return token }
                reportUnexpectedCharacter()
            }
        }
        return nil
    }

    // MARK: Lines

    private mutating func beginLine() {
        lineStart = index
        atLineStart = true
        var width = 0
        var scan = index
        while scan < bytes.count, bytes[scan] == 0x20 || bytes[scan] == 0x09 {
            width = bytes[scan] == 0x09 ? (width / 4 + 1) * 4 : width + 1
            scan += 1
        }
        lineIndent = width
        var end = scan
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        if end - lineStart > Lexer.maxLineLength {
            diagnostics.append(.error(
                "WB002",
                "line \(line) is \(end - lineStart) bytes long; lines may be at most \(Lexer.maxLineLength) bytes",
                at: SourceRange(file: file, start: lineStart, end: lineStart + 1)))
            index = end
        }
    }

    private mutating func newline() {
        if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        index += 1
        line += 1
        beginLine()
    }

    /// A token that started on the current line (strings, which may span lines, are made
    /// where they start).
    private mutating func make(_ kind: TokenKind, _ text: String, from start: Int) -> Token {
        let token = Token(
            kind: kind, text: text, range: SourceRange(file: file, start: start, end: index),
            line: line, startsLine: atLineStart, indent: lineIndent)
        atLineStart = false
        return token
    }

    // MARK: Words and numbers

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "_")
    }

    private mutating func scanWord() {
        while index < bytes.count {
            let byte = bytes[index]
            if Lexer.isWordByte(byte) {
                index += 1
            } else if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "."))
                && index + 1 < bytes.count && Lexer.isWordByte(bytes[index + 1])
            {
                // Ids like IX-03, P-IX-AGE and MW-12-13 keep their hyphens.
                if byte == UInt8(ascii: ".") { break }
                index += 1
            } else {
                break
            }
        }
    }

    private mutating func lexIdentifierOrMoney() -> Token {
        let start = index
        scanWord()
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if text == "EUR" {
            var scan = index
            while scan < bytes.count, bytes[scan] == 0x20 { scan += 1 }
            if scan < bytes.count, bytes[scan] >= UInt8(ascii: "0"), bytes[scan] <= UInt8(ascii: "9") {
                return lexMoney(start: start, afterPrefix: index)
            }
        }
        return make(.identifier, text, from: start)
    }

    private mutating func lexMoney(start: Int, afterPrefix: Int) -> Token {
        index = afterPrefix
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        let numberStart = index
        scanNumberText()
        let text = String(decoding: bytes[numberStart..<index], as: UTF8.self)
        guard !text.isEmpty, let amount = Amount.parse(Substring(text)) else {
            diagnostics.append(.error(
                "WB003", "a money amount is written `EUR 1_100_000` or `€ 1_100_000`",
                at: SourceRange(file: file, start: start, end: index)))
            return make(.money(.zero), text, from: start)
        }
        return make(.money(amount), text, from: start)
    }

    private mutating func scanNumberText() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "_") {
                index += 1
            } else if byte == UInt8(ascii: "."), index + 1 < bytes.count,
                bytes[index + 1] >= UInt8(ascii: "0"), bytes[index + 1] <= UInt8(ascii: "9")
            {
                index += 1
            } else {
                break
            }
        }
    }

    private mutating func lexNumberOrDate() -> Token {
        let start = index
        // A date is exactly four digits, '-', two digits, '-', two digits.
        if start + 10 <= bytes.count, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-") {
            let candidate = String(decoding: bytes[start..<start + 10], as: UTF8.self)
            let followedByWord = start + 10 < bytes.count && Lexer.isWordByte(bytes[start + 10])
            if !followedByWord, candidate.allSatisfy({ $0.isNumber || $0 == "-" }) {
                index = start + 10
                if let date = DateValue(iso: candidate) {
                    return make(.date(date), candidate, from: start)
                }
                diagnostics.append(.error(
                    "WB004", "`\(candidate)` is not a valid calendar date (write YYYY-MM-DD)",
                    at: SourceRange(file: file, start: start, end: index)))
                return make(.date(DateValue(year: 1, month: 1, day: 1)!), candidate, from: start)
            }
        }
        scanNumberText()
        // A word stuck to a number ("12months") is a typo, not two tokens.
        if index < bytes.count, Lexer.isWordByte(bytes[index]) {
            scanWord()
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            diagnostics.append(.error(
                "WB005", "`\(text)` is neither a number nor a name; put a space between them, or start names with a letter",
                at: SourceRange(file: file, start: start, end: index)))
            return make(.identifier, text, from: start)
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let amount = Amount.parse(Substring(text))
        if amount == nil {
            diagnostics.append(.error(
                "WB006",
                "`\(text)` is not a number Waarborg can read: use digits, `_` between groups and at most 4 decimals after a `.` (for example 1_100_000 or 12.5)",
                at: SourceRange(file: file, start: start, end: index)))
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "%") {
            index += 1
            return make(.percentage(amount ?? .zero), text + "%", from: start)
        }
        return make(.number(amount ?? .zero), text, from: start)
    }

    // MARK: Strings

    /// Bytes that end a run of ordinary string content.
    private static func isStringSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09
    }

    private mutating func lexString() -> Token? {
        let start = index
        let startLine = line
        let startAtLineStart = atLineStart
        let startIndent = lineIndent
        index += 1
        var decoded: [UInt8] = []
        var pendingSpace = false
        var closed = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                closed = true
                break
            }
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                let next = bytes[index + 1]
                switch next {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    if pendingSpace, !decoded.isEmpty { decoded.append(0x20) }
                    pendingSpace = false
                    decoded.append(next)
                case UInt8(ascii: "n"):
                    pendingSpace = false
                    decoded.append(0x0A)
                default:
                    diagnostics.append(.error(
                        "WB007", "unknown escape `\\\(Character(UnicodeScalar(next)))` in a string; write `\\\\` for a backslash",
                        at: SourceRange(file: file, start: index, end: index + 2)))
                }
                index += 2
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                // Strings may span lines; line breaks and indentation read as one space.
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                index += 1
                line += 1
                lineStart = index
                pendingSpace = true
                continue
            }
            if byte == 0x20 || byte == 0x09 {
                pendingSpace = true
                index += 1
                continue
            }
            if pendingSpace, !decoded.isEmpty, decoded.last != 0x0A { decoded.append(0x20) }
            pendingSpace = false
            // A run of ordinary bytes (a word) is copied at once.
            var end = index + 1
            while end < bytes.count, !Lexer.isStringSpecial(bytes[end]) { end += 1 }
            decoded.append(contentsOf: bytes[index..<end])
            index = end
        }
        if !closed {
            diagnostics.append(.error(
                "WB008", "this string is never closed; add a `\"` where it should end",
                at: SourceRange(file: file, start: start, end: start + 1)))
            // Resume on the line after the opening quote so the rest of the file is read.
            index = start
            line = startLine
            while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
            atLineStart = false
            return nil
        }
        let token = Token(
            kind: .string, text: String(decoding: decoded, as: UTF8.self),
            range: SourceRange(file: file, start: start, end: index), line: startLine,
            startsLine: startAtLineStart, indent: startIndent)
        atLineStart = false
        return token
    }

    // MARK: Symbols

    private mutating func lexSymbol() -> Token? {
        let start = index
        let byte = bytes[index]
        let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
        let text: String
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "="):
            text = String(UnicodeScalar(byte))
            index += 1
        case UInt8(ascii: "<"), UInt8(ascii: ">"):
            if next == UInt8(ascii: "=") {
                text = String(UnicodeScalar(byte)) + "="
                index += 2
            } else {
                text = String(UnicodeScalar(byte))
                index += 1
            }
        case UInt8(ascii: "!") where next == UInt8(ascii: "="):
            text = "!="
            index += 2
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x89
            && (bytes[index + 2] == 0xA4 || bytes[index + 2] == 0xA5 || bytes[index + 2] == 0xA0):
            // ≤ ≥ ≠ as lawyers type them.
            text = bytes[index + 2] == 0xA4 ? "<=" : bytes[index + 2] == 0xA5 ? ">=" : "!="
            index += 3
        default:
            return nil
        }
        return make(.symbol, text, from: start)
    }

    private mutating func reportUnexpectedCharacter() {
        let start = index
        index += 1
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
        let character = String(decoding: bytes[start..<index], as: UTF8.self)
        var hint = ""
        switch character {
        case "“", "”", "„": hint = "; use straight quotes `\"`"
        case "’", "‘", "'": hint = "; strings use double quotes `\"`"
        case ";": hint = "; separate items with `,`"
        default: break
        }
        diagnostics.append(.error(
            "WB009", "unexpected character `\(character)`\(hint)",
            at: SourceRange(file: file, start: start, end: index)))
        atLineStart = false
    }
}
