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
        _ code: String, _ message: Bilingual, at range: SourceRange, notes: [DiagnosticNote] = [], suggestion: String? = nil
    ) {
        if linesWithLexicalErrors.contains(range.file.line(of: range.start)) { return }
        diagnostics.append(.error(code, message, at: range, notes: notes, suggestion: suggestion))
    }

    public mutating func error(
        _ code: String, _ en: String, nl: String, at range: SourceRange, notes: [DiagnosticNote] = [], suggestion: String? = nil
    ) {
        error(code, Bilingual(en, nl: nl), at: range, notes: notes, suggestion: suggestion)
    }

    /// Describes a token for "expected X, found Y" messages, in both languages.
    public static func found(_ token: Token?) -> Bilingual {
        guard let token else { return Bilingual("the end of the line", nl: "het einde van de regel") }
        switch token.kind {
        case .string: return Bilingual("a string", nl: "een tekst tussen aanhalingstekens")
        default: return Bilingual(verbatim: "`\(token.text)`")
        }
    }

    /// `what` is what was expected (`Bilingual("an id", nl: "een id")`); `after` is the
    /// keyword or symbol before it, shown as code. The texts are autoclosures: they are
    /// spelled out only for a message, and these run for every line of a plan.
    public mutating func expectName(_ cursor: inout TokenCursor, what: @autoclosure () -> Bilingual, after: String) -> Name? {
        if let token = cursor.peek, token.kind == .identifier {
            cursor.next()
            return Name(token.text, token.range)
        }
        let found = ParserSupport.found(cursor.peek)
        let what = what()
        error(
            "WB101", "expected \(what.en) after `\(after)`, found \(found.en)",
            nl: "verwacht: \(what.nl) na `\(after)`, gevonden: \(found.nl)", at: cursor.here)
        return nil
    }

    public mutating func expectString(_ cursor: inout TokenCursor, what: @autoclosure () -> Bilingual, after: String) -> Token? {
        if let token = cursor.peek, token.kind == .string {
            cursor.next()
            return token
        }
        let found = ParserSupport.found(cursor.peek)
        let what = what()
        error(
            "WB102", "expected \(what.en) in double quotes after `\(after)`, found \(found.en)",
            nl: "verwacht: \(what.nl) tussen dubbele aanhalingstekens na `\(after)`, gevonden: \(found.nl)",
            at: cursor.here)
        return nil
    }

    /// Reports anything left on a line that should have ended.
    /// `after` is only spelled out for the message (an autoclosure: this runs for every line).
    public mutating func expectEnd(_ cursor: inout TokenCursor, after: @autoclosure () -> Bilingual) {
        guard let token = cursor.peek else { return }
        let found = ParserSupport.found(token)
        let what = after()
        error(
            "WB103", "unexpected \(found.en) after \(what.en); put it on a line of its own or remove it",
            nl: "onverwacht: \(found.nl) na \(what.nl); zet dit op een eigen regel of verwijder het", at: token.range)
        _ = cursor.rest()
    }

    /// `a, b, c` (at least one).
    public mutating func nameList(_ cursor: inout TokenCursor, what: @autoclosure () -> Bilingual, after: String) -> [Name] {
        var names: [Name] = []
        repeat {
            guard let name = expectName(&cursor, what: what(), after: names.isEmpty ? after : ",") else { break }
            names.append(name)
        } while cursor.skipSymbol(",")
        return names
    }

    /// `{a, b}`, possibly empty. The opening brace must be next.
    public mutating func braceList(_ cursor: inout TokenCursor, what: @autoclosure () -> Bilingual) -> ([Name], SourceRange) {
        let open = cursor.next()!.range
        var names: [Name] = []
        if cursor.skipSymbol("}") { return (names, open.union(cursor.tokens[cursor.position - 1].range)) }
        while true {
            guard let name = expectName(&cursor, what: what(), after: names.isEmpty ? "{" : ",") else {
                skipPast("}", &cursor)
                break
            }
            names.append(name)
            if cursor.skipSymbol(",") { continue }
            if cursor.skipSymbol("}") { break }
            let found = ParserSupport.found(cursor.peek)
            error(
                "WB104", "expected `,` or `}` in the list, found \(found.en)",
                nl: "verwacht: `,` of `}` in de lijst, gevonden: \(found.nl)", at: cursor.here)
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
            error("WB105", "expected a value after `\(after)`", nl: "verwacht: een waarde na `\(after)`", at: cursor.here)
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
                let names = nameList(&cursor, what: Bilingual("a name", nl: "een naam"), after: after)
                let range = names.isEmpty ? token.range : names[0].range.union(names[names.count - 1].range)
                return ValueSyntax(.list(names), range)
            }
            cursor.next()
            return ValueSyntax(.name(token.text), token.range)
        case .symbol where token.text == "{":
            let (names, range) = braceList(&cursor, what: Bilingual("a name", nl: "een naam"))
            return ValueSyntax(.list(names), range)
        case .symbol:
            error(
                "WB105", "expected a value after `\(after)`, found `\(token.text)`",
                nl: "verwacht: een waarde na `\(after)`, gevonden: `\(token.text)`", at: token.range)
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
        error(
            "WB004", "`\(range.text)` is a date in words; write dates as YYYY-MM-DD: `\(iso)`",
            nl: "`\(range.text)` is een datum in woorden; schrijf datums als YYYY-MM-DD (jaar-maand-dag): `\(iso)`",
            at: range, suggestion: iso)
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
                    let found = ParserSupport.found(token)
                    error(
                        "WB106",
                        "expected `nl \"…\"` or `en \"…\"` in the text of `\(keyword.text)`, found \(found.en)",
                        nl: "verwacht: `nl \"…\"` of `en \"…\"` in de tekst van `\(keyword.text)`, gevonden: \(found.nl)",
                        at: token.range)
                    _ = line.rest()
                    break
                }
                line.next()
                let what = token.text == "nl" ? Bilingual("the Dutch text", nl: "de Nederlandse tekst") : Bilingual("the English text", nl: "de Engelse tekst")
                guard let string = expectString(&line, what: what, after: token.text) else {
                    _ = line.rest()
                    break
                }
                range = range.union(string.range)
                if (token.text == "nl" ? text.nl : text.en) != nil {
                    error(
                        "WB107", "`\(keyword.text)` has two `\(token.text)` texts; keep one",
                        nl: "`\(keyword.text)` heeft twee `\(token.text)`-teksten; houd er één", at: token.range)
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
                    let what = token.text == "en"
                        ? Bilingual("the English text", nl: "de Engelse tekst")
                        : token.text == "quote"
                        ? Bilingual("the quotation, in the source's own words", nl: "het citaat, in de eigen woorden van de bron")
                        : Bilingual("the Dutch text", nl: "de Nederlandse tekst")
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
                    error(
                        "WB107", "`\(keyword)` has two \(words.label == "en" ? "English" : "Dutch") texts; keep one",
                        nl: "`\(keyword)` heeft twee \(words.label == "en" ? "Engelse" : "Nederlandse") teksten; houd er één", at: token.range)
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
                        nl: "een citaat blijft in de eigen woorden van de bron en heeft dus geen `en`-tekst; verwijder de `en`-tekst, of verwijder `quote` als de Nederlandse tekst geen letterlijk citaat is",
                        at: quote)
                }
                text = current
            }
        }
        read(&cursor)
        for child in children {
            var line = TokenCursor(block: child)
            read(&line)
            expectEnd(&line, after: Bilingual("the text of `\(keyword)`", nl: "de tekst van `\(keyword)`"))
        }
        return text
    }

    /// `name = value`
    /// `owner` names what the line belongs to, as "in …" continues it
    /// (`Bilingual("the plan", nl: "het plan")`).
    public mutating func assignment(_ block: Block, owner: @autoclosure () -> Bilingual) -> AssignmentSyntax? {
        var cursor = TokenCursor(block: block)
        guard block.head.kind == .identifier else {
            let found = ParserSupport.found(block.head)
            error(
                "WB108", "expected `name = value` in \(owner().en), found \(found.en)",
                nl: "verwacht: `name = value` in \(owner().nl), gevonden: \(found.nl)", at: block.head.range)
            return nil
        }
        let key = Name(block.head.text, block.head.range)
        cursor.next()
        guard cursor.skipSymbol("=") || cursor.skipSymbol(":") else {
            let found = ParserSupport.found(cursor.peek)
            error(
                "WB109", "expected `=` after `\(key.text)` in \(owner().en), found \(found.en)",
                nl: "verwacht: `=` na `\(key.text)` in \(owner().nl), gevonden: \(found.nl)",
                at: cursor.here, suggestion: "\(key.text) = …")
            return nil
        }
        guard let value = value(&cursor, after: "=", allowBareList: true) else { return nil }
        expectEnd(&cursor, after: Bilingual("the value of `\(key.text)`", nl: "de waarde van `\(key.text)`"))
        for child in block.children {
            error(
                "WB110", "this line is indented under `\(key.text)`; indent it like the other lines of \(owner().en)",
                nl: "deze regel is ingesprongen onder `\(key.text)`; laat hem even ver inspringen als de andere regels van \(owner().nl)",
                at: child.head.range)
        }
        return AssignmentSyntax(key: key, value: value)
    }
}
