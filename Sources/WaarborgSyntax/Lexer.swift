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
                    nl: "het bestand is geen geldige UTF-8; sla het op als UTF-8-tekst",
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
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xA0:
                // A non-breaking space from a word processor is a space.
                index += 2
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xAF:
                index += 3
            case 0xE2 where Lexer.curlyOpening(bytes, at: index):
                if let token = lexCurlyString() { return token }
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
                nl: "regel \(line) is \(end - lineStart) bytes lang; een regel mag hoogstens \(Lexer.maxLineLength) bytes lang zijn",
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

    /// Whether `text` is one name as the lexer reads it (an id, a fact, a value): a letter
    /// or `_`, then letters, digits and `_`, with single hyphens between them (`IX-03`).
    /// The one grammar of ids: a JSON plan's ids are held to it too, so every plan converts
    /// to a `.wbp` that reads back the same.
    public static func isName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, isWordByte(first), !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else { return false }
        for (index, byte) in bytes.enumerated() {
            if isWordByte(byte) { continue }
            guard byte == UInt8(ascii: "-"), index + 1 < bytes.count, isWordByte(bytes[index + 1]) else { return false }
        }
        return true
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "_")
    }

    /// An en or em dash (`–`, `—`) at `index`, as a word processor makes of a hyphen.
    private static func isDash(_ bytes: [UInt8], at index: Int) -> Bool {
        index + 2 < bytes.count && bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0x93 || bytes[index + 2] == 0x94)
    }

    /// Scans a word; an en or em dash inside it (`IX–03`) is reported once, with the fix, and
    /// read as the hyphen it stands for, so the id still resolves and nothing follows from it.
    private mutating func scanWord() -> [Int]? {
        var dashes: [Int] = []
        while index < bytes.count {
            let byte = bytes[index]
            if Lexer.isWordByte(byte) {
                index += 1
            } else if Lexer.isDash(bytes, at: index), index + 3 < bytes.count, Lexer.isWordByte(bytes[index + 3]) {
                dashes.append(index)
                index += 3
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
        guard let first = dashes.first else { return nil }
        let dash = String(decoding: bytes[first..<first + 3], as: UTF8.self)
        diagnostics.append(.error(
            "WB009", "`\(dash)` is a dash from a word processor; ids use a hyphen `-`",
            nl: "`\(dash)` is een gedachtestreepje uit een tekstverwerker; id's gebruiken een koppelteken `-`",
            at: SourceRange(file: file, start: first, end: first + 3), suggestion: "-"))
        return dashes
    }

    /// The word's text with its dashes read as hyphens.
    private func wordText(from start: Int, dashes: [Int]?) -> String {
        guard let dashes else { return String(decoding: bytes[start..<index], as: UTF8.self) }
        var text: [UInt8] = []
        var position = start
        for dash in dashes {
            text += bytes[position..<dash]
            text.append(UInt8(ascii: "-"))
            position = dash + 3
        }
        text += bytes[position..<index]
        return String(decoding: text, as: UTF8.self)
    }

    private mutating func lexIdentifierOrMoney() -> Token {
        let start = index
        let dashes = scanWord()
        let text = wordText(from: start, dashes: dashes)
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
                nl: "een geldbedrag schrijft u als `EUR 1_100_000` of `€ 1_100_000`",
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
                    nl: "`\(candidate)` is geen geldige kalenderdatum (schrijf YYYY-MM-DD: jaar-maand-dag)",
                    at: SourceRange(file: file, start: start, end: index)))
                return make(.date(DateValue(year: 1, month: 1, day: 1)!), candidate, from: start)
            }
        }
        scanNumberText()
        // A word stuck to a number ("12months") is a typo, not two tokens.
        if index < bytes.count, Lexer.isWordByte(bytes[index]) {
            _ = scanWord()
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            diagnostics.append(.error(
                "WB005", "`\(text)` is neither a number nor a name; put a space between them, or start names with a letter",
                nl: "`\(text)` is geen getal en geen naam; zet een spatie tussen het getal en het woord, of laat namen met een letter beginnen",
                at: SourceRange(file: file, start: start, end: index)))
            return make(.identifier, text, from: start)
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let amount = Amount.parse(Substring(text))
        if amount == nil {
            diagnostics.append(.error(
                "WB006",
                "`\(text)` is not a number Waarborg can read: use digits, `_` between groups and at most 4 decimals after a `.` (for example 1_100_000 or 12.5)",
                nl: "`\(text)` is geen getal dat Waarborg kan lezen: gebruik cijfers, `_` tussen groepen cijfers en hoogstens 4 decimalen na een `.` (bijvoorbeeld 1_100_000 of 12.5)",
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

    /// `“` or `„` (a word processor's opening quotes) at `index`.
    static func curlyOpening(_ bytes: [UInt8], at index: Int) -> Bool {
        index + 2 < bytes.count && bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0x9C || bytes[index + 2] == 0x9E)
    }

    /// The length of a closing quote at `index`: `"`, or for a curly string also `”` or `“`.
    private func closingQuote(at index: Int, curly: Bool) -> Int? {
        if bytes[index] == UInt8(ascii: "\"") { return 1 }
        guard curly, index + 2 < bytes.count, bytes[index] == 0xE2, bytes[index + 1] == 0x80,
            bytes[index + 2] == 0x9D || bytes[index + 2] == 0x9C
        else { return nil }
        return 3
    }

    /// Whether the line starting at `offset` reads as code rather than as the rest of a
    /// string that runs over several lines: empty, a comment, a new string, `name =`,
    /// `nl "`/`en "`, or a word at the left margin (a declaration). A string still open
    /// there was never closed: it is reported at its opening quote, and lexing goes on at
    /// that line instead of reading the rest of the file inside out.
    private func looksLikeCode(at offset: Int) -> Bool {
        var index = offset
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index < bytes.count else { return true }
        let first = bytes[index]
        if first == 0x0A || first == 0x0D || first == UInt8(ascii: "#") || first == UInt8(ascii: "\"") { return true }
        guard Lexer.isWordByte(first) else { return false }
        if index == offset, !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) { return true }
        let wordStart = index
        while index < bytes.count, Lexer.isWordByte(bytes[index]) || bytes[index] == UInt8(ascii: "-") { index += 1 }
        let word = bytes[wordStart..<index]
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "="), index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "=") { return true }
        return (word.elementsEqual("nl".utf8) || word.elementsEqual("en".utf8)) && bytes[index] == UInt8(ascii: "\"")
    }

    private mutating func lexCurlyString() -> Token? {
        let start = index
        let token = lexString(curly: true)
        if token != nil {
            diagnostics.append(.error(
                "WB009", "`“…”` are curly quotes from a word processor; write straight quotes `\"…\"`",
                nl: "`“…”` zijn gekrulde aanhalingstekens uit een tekstverwerker; schrijf rechte aanhalingstekens `\"…\"`",
                at: SourceRange(file: file, start: start, end: start + 3), suggestion: "\""))
        }
        return token
    }

    private mutating func lexString(curly: Bool = false) -> Token? {
        let start = index
        let startLine = line
        let startAtLineStart = atLineStart
        let startIndent = lineIndent
        index += curly ? 3 : 1
        var decoded: [UInt8] = []
        var pendingSpace = false
        var closed = false
        /// Where the string's text stopped when it turned out never to be closed.
        var stoppedAt: (offset: Int, atEndOfFile: Bool)?
        while index < bytes.count {
            let byte = bytes[index]
            if let length = closingQuote(at: index, curly: curly) {
                // A quote with a letter right after it opens the next string (`"a en "b"`):
                // the string before it was never closed. Lexing goes on at that quote.
                if index + length < bytes.count, Lexer.isWordByte(bytes[index + length]), bytes[index] == UInt8(ascii: "\"") {
                    stoppedAt = (index, false)
                    break
                }
                index += length
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
                        nl: "onbekende escapereeks `\\\(Character(UnicodeScalar(next)))` in een tekst tussen aanhalingstekens; schrijf `\\\\` voor een backslash",
                        at: SourceRange(file: file, start: index, end: index + 2)))
                }
                index += 2
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                // Strings may span lines; line breaks and indentation read as one space.
                let lineEnd = index
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                index += 1
                line += 1
                lineStart = index
                if looksLikeCode(at: index) {
                    stoppedAt = (lineEnd, false)
                    break
                }
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
            while end < bytes.count, !Lexer.isStringSpecial(bytes[end]), !(curly && bytes[end] == 0xE2) { end += 1 }
            decoded.append(contentsOf: bytes[index..<end])
            index = end
        }
        if !closed {
            let stop = stoppedAt ?? (bytes.count, true)
            let here = SourceRange(file: file, start: stop.offset, end: stop.offset)
            let note = stop.atEndOfFile
                ? DiagnosticNote(
                    "the file ends here, still inside the string",
                    nl: "het bestand eindigt hier, nog binnen de tekst tussen aanhalingstekens", at: here)
                : stop.offset < bytes.count && bytes[stop.offset] == UInt8(ascii: "\"")
                ? DiagnosticNote(
                    "this quote opens the next text, so the string before it lacks its closing quote",
                    nl: "dit aanhalingsteken opent de volgende tekst, dus de tekst ervoor mist zijn sluitende aanhalingsteken", at: here)
                : DiagnosticNote(
                    "the string runs to the end of this line; the next line reads as a new line of the file",
                    nl: "de tekst loopt door tot het einde van deze regel; de volgende regel wordt gelezen als een nieuwe regel van het bestand",
                    at: here)
            diagnostics.append(.error(
                "WB008", "this string is never closed; add a `\"` where it should end",
                nl: "deze tekst tussen aanhalingstekens wordt nergens gesloten; zet een `\"` waar hij moet eindigen",
                at: SourceRange(file: file, start: start, end: start + (curly ? 3 : 1)), notes: [note]))
            // The text so far stands as the string, so the line around it reads as written
            // and nothing follows from the missing quote; lexing goes on at the quote that
            // opens the next text, or at the line that reads as code.
            let token = Token(
                kind: .string, text: String(decoding: decoded, as: UTF8.self),
                range: SourceRange(file: file, start: start, end: stop.offset), line: startLine,
                startsLine: startAtLineStart, indent: startIndent)
            if let stop = stoppedAt {
                if bytes[stop.offset] == UInt8(ascii: "\"") {
                    index = stop.offset
                    atLineStart = false
                } else {
                    beginLine()
                }
            } else {
                atLineStart = false
            }
            return token
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
        var hint = Bilingual(verbatim: "")
        switch character {
        case "“", "”", "„": hint = Bilingual("; use straight quotes `\"`", nl: "; gebruik rechte aanhalingstekens `\"`")
        case "’", "‘", "'": hint = Bilingual("; strings use double quotes `\"`", nl: "; teksten staan tussen dubbele aanhalingstekens `\"`")
        case ";": hint = Bilingual("; separate items with `,`", nl: "; scheid onderdelen met `,`")
        default: break
        }
        diagnostics.append(.error(
            "WB009", "unexpected character `\(character)`\(hint.en)",
            nl: "onverwacht teken `\(character)`\(hint.nl)",
            at: SourceRange(file: file, start: start, end: index)))
        atLineStart = false
    }
}
