/// The kinds of token shared by rule files (`.wbr`) and plans (`.wbp`).
public enum TokenKind: Hashable, Sendable {
    /// A name: `IX-03`, `data_age_months`, `unless`. Keywords are names too; what they
    /// mean depends on where they stand, so a fact may be called `kind` in a plan.
    case identifier
    /// A quoted text; `Token.text` holds the decoded text.
    case string
    case number(Amount)
    /// `15%`
    case percentage(Amount)
    /// `EUR 1_100_000` or `€ 1_100_000`
    case money(Amount)
    /// `2026-03-01`
    case date(DateValue)
    /// Punctuation: `{ } ( ) , = != < <= > >= :`; `Token.text` holds which.
    case symbol
}

public struct Token: Sendable, Hashable {
    public let kind: TokenKind
    /// The identifier's name, the decoded string, the symbol, or the literal as written.
    public let text: String
    public let range: SourceRange
    /// The 1-based line on which the token starts.
    public let line: Int
    /// Whether this is the first token on its line.
    public let startsLine: Bool
    /// The indentation width of the line the token starts on (tabs to multiples of 4).
    public let indent: Int

    public init(kind: TokenKind, text: String, range: SourceRange, line: Int, startsLine: Bool, indent: Int) {
        self.kind = kind
        self.text = text
        self.range = range
        self.line = line
        self.startsLine = startsLine
        self.indent = indent
    }

    public func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
    public func isWord(_ word: String) -> Bool { kind == .identifier && text == word }

    /// How the token reads in an error message.
    public var display: String {
        switch kind {
        case .string: return "\"\(text)\""
        default: return text
        }
    }
}
