import WaarborgSyntax

/// The types of a single value: what a fact, attribute or parameter holds when it is not a
/// choice from a list of values.
///
/// Everything the checker, the engine, the exporters and the generators must know about one
/// such type is answered here, one exhaustive switch per question: how its values are
/// stored (and so compared), how a plan writes them in text and in JSON, the most a value
/// may be, the smallest step between two values, examples for messages. A new type is a new
/// case in this file (the compiler lists every switch below that must answer for it) and
/// its words for readers in the report's `Phrases.words(for:)`. The lexer knows the literal
/// forms a plan can write (`15%`, `EUR 1_000`, `2026-03-01`), not the types that read them.
public enum ScalarType: String, CaseIterable, Sendable, Hashable {
    case boolean, number, money, percentage, date, text

    /// How values are held; comparison and evaluation work on the storage, never on the type.
    public enum Storage: Sendable, Hashable {
        case boolean, amount, date, text
    }

    /// The word in a rule file (`type money`).
    public var keyword: String { rawValue }

    /// The type a rule file names; `yes_no` is another word for `boolean`.
    public init?(keyword: String) {
        if keyword == "yes_no" {
            self = .boolean
            return
        }
        self.init(rawValue: keyword)
    }

    /// The words a rule file may write after `type`, for the message on an unknown one.
    public static var keywords: [String] { allCases.map(\.keyword) + ["one of …", "set of …"] }

    public var storage: Storage {
        switch self {
        case .boolean: .boolean
        case .number, .money, .percentage: .amount
        case .date: .date
        case .text: .text
        }
    }

    /// The most a value may be, and how a message writes it: a share is at most 100 %,
    /// and `250%` is a typo.
    public var maximum: (amount: Amount, written: String)? {
        switch self {
        case .percentage: (Amount(100), "100 %")
        case .boolean, .number, .money, .date, .text: nil
        }
    }

    /// The smallest step the type is written in (whole numbers and euros, tenths of a
    /// percent): the values just beside a threshold that question outcomes, remedies and
    /// the satisfiability check try.
    public var step: Amount {
        switch self {
        case .percentage: Amount(scaled: Amount.scale / 10)
        case .boolean, .number, .money, .date, .text: Amount(1)
        }
    }

    /// The type's name in diagnostics and in the rule catalogue (`yes/no`, `money`).
    public var name: String {
        switch self {
        case .boolean: "yes/no"
        case .number, .money, .percentage, .date, .text: rawValue
        }
    }

    /// The type's name in a Dutch diagnostic, with its article (`een bedrag`), where an
    /// English one says `name` (`money`).
    public var dutchName: String {
        switch self {
        case .boolean: "een ja/nee-waarde"
        case .number: "een getal"
        case .money: "een bedrag"
        case .percentage: "een percentage"
        case .date: "een datum"
        case .text: "een tekst"
        }
    }

    /// What a value of the type is, in a diagnostic on a wrong one; JSON plans write some
    /// types differently (a text needs no quotes of its own there).
    public func expected(json: Bool) -> String { expectation(json: json).en }

    /// `expected(json:)` in both languages.
    public func expectation(json: Bool) -> Bilingual {
        switch self {
        case .boolean: Bilingual("yes or no", nl: "ja of nee")
        case .number: Bilingual("a number", nl: "een getal")
        case .money: json ? Bilingual("an amount of money in euros", nl: "een bedrag in euro") : Bilingual("an amount of money", nl: "een bedrag")
        case .percentage: Bilingual("a percentage", nl: "een percentage")
        case .date: Bilingual("a date", nl: "een datum")
        case .text: json ? Bilingual("a text", nl: "een tekst") : Bilingual("a text in double quotes", nl: "een tekst tussen dubbele aanhalingstekens")
        }
    }

    /// A value as a plan writes it, for the "write for example" of a diagnostic.
    public func example(json: Bool) -> String {
        switch self {
        case .boolean: json ? "true" : "yes"
        case .number: "12"
        case .money: json ? "12" : "EUR 1_100_000"
        case .percentage: json ? "15" : "15%"
        case .date: json ? "\"2026-03-01\"" : "2026-03-01"
        case .text: "\"…\""
        }
    }

    /// A comparison a condition can make with a fact of the type, for the message on a fact
    /// used as if it were yes/no.
    public var comparisonExample: String {
        switch self {
        case .number: ">= 12"
        case .money: "> EUR 1_100_000"
        case .percentage: "<= 15%"
        case .date: ">= 2023-01-01"
        case .boolean, .text: "= …"
        }
    }

    /// An amount as a plan writes it (`.wbp`, answers, the interview's replies).
    public func literal(_ amount: Amount) -> String {
        switch self {
        case .money: "EUR " + amount.grouped(separator: "_", decimalMark: ".")
        case .percentage: "\(amount)%"
        case .number, .boolean, .date, .text: amount.grouped(separator: "_", decimalMark: ".")
        }
    }

    /// An amount in its id form, the same in every language (JSON, fingerprints).
    public func canonical(_ amount: Amount) -> String {
        switch self {
        case .percentage: "\(amount)%"
        case .boolean, .number, .money, .date, .text: amount.description
        }
    }

    /// Whether a JSON plan writes an amount as a string with this suffix (`"15%"`); a plain
    /// JSON number is read as well.
    public var jsonSuffix: String? {
        switch self {
        case .percentage: "%"
        case .boolean, .number, .money, .date, .text: nil
        }
    }

    /// An amount as a reader sees it, with the language's marks (`€ 1.100.000`, `12,5%`).
    public func display(_ amount: Amount, language: Language) -> String {
        let grouped = amount.grouped(separator: language == .nl ? "." : ",", decimalMark: language == .nl ? "," : ".")
        switch self {
        case .money: return "€ " + grouped
        case .percentage: return grouped + "%"
        case .boolean, .number, .date, .text: return grouped
        }
    }

    /// The value a literal of a plan's text stands for in this type, or nil when the literal
    /// is not of this type (a bare number is money, never a percentage: `15` may mean 0.15).
    public func read(_ literal: ValueKind) -> Value? {
        switch (self, literal) {
        case (.boolean, .name(let word)):
            if ScalarType.yesWords.contains(word) { return .boolean(true) }
            if ScalarType.noWords.contains(word) { return .boolean(false) }
            return nil
        case (.number, .number(let amount)), (.money, .money(let amount)), (.money, .number(let amount)),
            (.percentage, .percentage(let amount)):
            return .amount(amount)
        case (.date, .date(let date)): return .date(date)
        case (.text, .string(let text)): return .text(text)
        case (.boolean, _), (.number, _), (.money, _), (.percentage, _), (.date, _), (.text, _): return nil
        }
    }

    static let yesWords: Set<String> = ["yes", "ja", "true"]
    static let noWords: Set<String> = ["no", "nee", "false"]
}
