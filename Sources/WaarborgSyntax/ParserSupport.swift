/// What both parsers share: reading names, strings, values, lists, bilingual texts,
/// and reporting what was expected where.
public struct ParserSupport {
    public var diagnostics: [Diagnostic] = []
    /// Lines with a lexical error; parse errors there would only repeat it.
    private var linesWithLexicalErrors = Set<Int>()

    public init() {}

    public init(lexical: [Diagnostic]) {
        addLexical(lexical[...])
    }

    /// The lexer's diagnostics, as a streaming parser meets them.
    public mutating func addLexical(_ lexical: ArraySlice<Diagnostic>) {
        diagnostics += lexical
        for diagnostic in lexical {
            if let line = diagnostic.location?.line { linesWithLexicalErrors.insert(line) }
        }
    }

    public mutating func error(
        _ code: String, _ message: String, at range: SourceRange, notes: [DiagnosticNote] = [], suggestion: String? = nil
    ) {
        if linesWithLexicalErrors.contains(range.file.line(of: range.start)) { return }
        diagnostics.append(.error(code, message, at: range, notes: notes, suggestion: suggestion))
    }

    /// Describes a token for "expected X, found Y" messages.
    public static func found(_ token: Token?) -> String {
        guard let token else { return "the end of the line" }
        switch token.kind {
        case .string: return "a string"
        case .identifier: return "`\(token.text)`"
        default: return "`\(token.text)`"
        }
    }

    public mutating func expectName(_ cursor: inout TokenCursor, what: String, after: String) -> Name? {
        if let token = cursor.peek, token.kind == .identifier {
            cursor.next()
            return Name(token.text, token.range)
        }
        error("WB101", "expected \(what) after `\(after)`, found \(ParserSupport.found(cursor.peek))", at: cursor.here)
        return nil
    }

    public mutating func expectString(_ cursor: inout TokenCursor, what: String, after: String) -> Token? {
        if let token = cursor.peek, token.kind == .string {
            cursor.next()
            return token
        }
        error(
            "WB102", "expected \(what) in double quotes after `\(after)`, found \(ParserSupport.found(cursor.peek))",
            at: cursor.here)
        return nil
    }

    /// Reports anything left on a line that should have ended.
    /// `after` is only spelled out for the message (an autoclosure: this runs for every line).
    public mutating func expectEnd(_ cursor: inout TokenCursor, after: @autoclosure () -> String) {
        guard let token = cursor.peek else { return }
        error("WB103", "unexpected \(ParserSupport.found(token)) after \(after()); put it on a line of its own or remove it", at: token.range)
        _ = cursor.rest()
    }

    /// `a, b, c` (at least one).
    public mutating func nameList(_ cursor: inout TokenCursor, what: String, after: String) -> [Name] {
        var names: [Name] = []
        repeat {
            guard let name = expectName(&cursor, what: what, after: names.isEmpty ? after : ",") else { break }
            names.append(name)
        } while cursor.skipSymbol(",")
        return names
    }

    /// `{a, b}`, possibly empty. The opening brace must be next.
    public mutating func braceList(_ cursor: inout TokenCursor, what: String) -> ([Name], SourceRange) {
        let open = cursor.next()!.range
        var names: [Name] = []
        if cursor.skipSymbol("}") { return (names, open.union(cursor.tokens[cursor.position - 1].range)) }
        while true {
            guard let name = expectName(&cursor, what: what, after: names.isEmpty ? "{" : ",") else {
                skipPast("}", &cursor)
                break
            }
            names.append(name)
            if cursor.skipSymbol(",") { continue }
            if cursor.skipSymbol("}") { break }
            error("WB104", "expected `,` or `}` in the list, found \(ParserSupport.found(cursor.peek))", at: cursor.here)
            skipPast("}", &cursor)
            break
        }
        let end = cursor.position > 0 ? cursor.tokens[cursor.position - 1].range : open
        return (names, open.union(end))
    }

    private func skipPast(_ symbol: String, _ cursor: inout TokenCursor) {
        while let token = cursor.next() {
            if token.isSymbol(symbol) { break }
        }
    }

    /// A single value: a literal, a name, a `{…}` list, or (when `allowBareList`) `a, b, c`.
    public mutating func value(_ cursor: inout TokenCursor, after: String, allowBareList: Bool) -> ValueSyntax? {
        guard let token = cursor.peek else {
            error("WB105", "expected a value after `\(after)`", at: cursor.here)
            return nil
        }
        if let date = dateInWords(&cursor) { return date }
        switch token.kind {
        case .number(let amount):
            cursor.next()
            return ValueSyntax(.number(amount), token.range)
        case .percentage(let amount):
            cursor.next()
            return ValueSyntax(.percentage(amount), token.range)
        case .money(let amount):
            cursor.next()
            return ValueSyntax(.money(amount), token.range)
        case .date(let date):
            cursor.next()
            return ValueSyntax(.date(date), token.range)
        case .string:
            cursor.next()
            return ValueSyntax(.string(token.text), token.range)
        case .identifier:
            if allowBareList, cursor.peek(1)?.isSymbol(",") == true {
                let names = nameList(&cursor, what: "a name", after: after)
                let range = names.isEmpty ? token.range : names[0].range.union(names[names.count - 1].range)
                return ValueSyntax(.list(names), range)
            }
            cursor.next()
            return ValueSyntax(.name(token.text), token.range)
        case .symbol where token.text == "{":
            let (names, range) = braceList(&cursor, what: "a name")
            return ValueSyntax(.list(names), range)
        case .symbol:
            error("WB105", "expected a value after `\(after)`, found `\(token.text)`", at: token.range)
            return nil
        }
    }

    /// Month names and abbreviations, Dutch and English, by month number.
    static let monthNames: [String: Int] = {
        var names: [String: Int] = [:]
        let lists = [
            ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
            ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept", "oct", "nov", "dec"],
        ]
        for list in lists { for (index, name) in list.enumerated() { names[name] = index + 1 } }
        return names
    }()

    /// A date written in words (`1 januari 2027`, `januari 2027`, `1 jan`): one error that
    /// says how dates are written, with the date itself where it is complete, and the date
    /// as the value so nothing else is reported about it.
    private mutating func dateInWords(_ cursor: inout TokenCursor) -> ValueSyntax? {
        guard let first = cursor.peek else { return nil }
        var day: Int?
        var offset = 0
        if case .number = first.kind, let number = Int(first.text), (1...31).contains(number) {
            day = number
            offset = 1
        }
        guard let monthToken = cursor.peek(offset), monthToken.kind == .identifier else { return nil }
        var year: Int?
        if let next = cursor.peek(offset + 1), case .number = next.kind, next.text.count == 4, let number = Int(next.text) { year = number }
        // A month name alone, or `may` before anything but a year, is a word, not a date.
        // (Asked before the name is looked up: every value that is a word passes here.)
        guard day != nil || year != nil, let month = ParserSupport.monthNames[monthToken.text.lowercased()] else { return nil }
        let count = offset + 1 + (year == nil ? 0 : 1)
        var range = first.range
        for _ in 0..<count { range = range.union(cursor.next()!.range) }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let iso = "\(year.map(String.init) ?? "YYYY")-\(two(month))-\(day.map(two) ?? "DD")"
        error("WB004", "`\(range.text)` is a date in words; write dates as YYYY-MM-DD: `\(iso)`", at: range, suggestion: iso)
        guard let date = DateValue(iso: iso) else { return ValueSyntax(.string(range.text), range) }
        return ValueSyntax(.date(date), range)
    }

    /// `nl "…" en "…"`, on the clause's own line or on lines indented under it.
    public mutating func text(_ cursor: inout TokenCursor, children: [Block], keyword: Token) -> TextSyntax {
        var text = TextSyntax(nl: nil, en: nil, range: keyword.range)
        var lines: [TokenCursor] = [cursor]
        for child in children { lines.append(TokenCursor(block: child)) }
        cursor = TokenCursor([], endRange: cursor.endRange)
        var range = keyword.range
        for var line in lines {
            while let token = line.peek {
                guard token.kind == .identifier, token.text == "nl" || token.text == "en" else {
                    error(
                        "WB106",
                        "expected `nl \"…\"` or `en \"…\"` in the text of `\(keyword.text)`, found \(ParserSupport.found(token))",
                        at: token.range)
                    _ = line.rest()
                    break
                }
                line.next()
                guard let string = expectString(&line, what: "the \(token.text == "nl" ? "Dutch" : "English") text", after: token.text) else {
                    _ = line.rest()
                    break
                }
                range = range.union(string.range)
                if (token.text == "nl" ? text.nl : text.en) != nil {
                    error("WB107", "`\(keyword.text)` has two `\(token.text)` texts; keep one", at: token.range)
                }
                if token.text == "nl" { text.nl = string.text } else { text.en = string.text }
            }
        }
        return TextSyntax(nl: text.nl, en: text.en, range: range)
    }

    /// Text about a source (see `SourceTextSyntax`): a bare string (Dutch, the form of
    /// earlier rule files), `nl "…"`, `en "…"` and `quote "…"`, on the cursor's line and on
    /// the indented lines below it. Stops at the first other token of the first line, for
    /// the caller to report or read (`from` after a parameter value's source); nil when
    /// nothing of the kind is written.
    public mutating func sourceText(_ cursor: inout TokenCursor, children: [Block], after keyword: String) -> SourceTextSyntax? {
        var text: SourceTextSyntax?
        func read(_ line: inout TokenCursor) {
            while let token = line.peek {
                var words: (label: String, string: Token)
                if token.kind == .string, text == nil {
                    line.next()
                    words = ("nl", token)
                } else if token.kind == .identifier, ["nl", "en", "quote"].contains(token.text) {
                    line.next()
                    let what = token.text == "en" ? "the English text" : token.text == "quote" ? "the quotation, in the source's own words" : "the Dutch text"
                    guard let string = expectString(&line, what: what, after: token.text) else {
                        _ = line.rest()
                        return
                    }
                    words = (token.text, string)
                } else {
                    return
                }
                var current = text ?? SourceTextSyntax(range: words.string.range)
                current.range = current.range.union(token.range).union(words.string.range)
                let twice = words.label == "en" ? current.en != nil : current.nl != nil
                if twice {
                    error("WB107", "`\(keyword)` has two \(words.label == "en" ? "English" : "Dutch") texts; keep one", at: token.range)
                }
                switch words.label {
                case "en": current.en = words.string.text
                case "quote":
                    current.nl = words.string.text
                    current.quote = token.range
                default: current.nl = words.string.text
                }
                if let quote = current.quote, current.en != nil {
                    error(
                        "WB150", "a quotation stays in the source's own words, so it has no `en` text; drop the `en` text, or drop `quote` if the Dutch text is not a verbatim quotation",
                        at: quote)
                }
                text = current
            }
        }
        read(&cursor)
        for child in children {
            var line = TokenCursor(block: child)
            read(&line)
            expectEnd(&line, after: "the text of `\(keyword)`")
        }
        return text
    }

    /// `name = value`
    public mutating func assignment(_ block: Block, owner: String) -> AssignmentSyntax? {
        var cursor = TokenCursor(block: block)
        guard block.head.kind == .identifier else {
            error("WB108", "expected `name = value` in \(owner), found \(ParserSupport.found(block.head))", at: block.head.range)
            return nil
        }
        let key = Name(block.head.text, block.head.range)
        cursor.next()
        guard cursor.skipSymbol("=") || cursor.skipSymbol(":") else {
            error(
                "WB109", "expected `=` after `\(key.text)` in \(owner), found \(ParserSupport.found(cursor.peek))",
                at: cursor.here, suggestion: "\(key.text) = …")
            return nil
        }
        guard let value = value(&cursor, after: "=", allowBareList: true) else { return nil }
        expectEnd(&cursor, after: "the value of `\(key.text)`")
        for child in block.children {
            error("WB110", "this line is indented under `\(key.text)`; indent it like the other lines of \(owner)", at: child.head.range)
        }
        return AssignmentSyntax(key: key, value: value)
    }
}
