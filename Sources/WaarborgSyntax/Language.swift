/// The two languages every user-facing text exists in.
public enum Language: String, CaseIterable, Sendable {
    case nl, en
}

/// A text in Dutch and English. The rule-set checker guarantees both are present in the
/// rules' texts; diagnostics are written with both (`Diagnostic`).
public struct Bilingual: Sendable, Hashable {
    public let nl: String
    public let en: String

    public init(nl: String, en: String) {
        self.nl = nl
        self.en = en
    }

    /// English first: how diagnostics and other texts of the tool are written in Swift, the
    /// English text beside the Dutch one (`Bilingual("unknown fact", nl: "onbekend feit")`).
    public init(_ en: String, nl: String) { self.init(nl: nl, en: en) }

    /// The same text in both languages: a code, a name or a number that no translation changes.
    public init(verbatim text: String) { self.init(nl: text, en: text) }

    public subscript(language: Language) -> String { language == .nl ? nl : en }

    /// The two texts joined, each in its language: a message and its tail ("; did you mean …").
    public static func + (lhs: Bilingual, rhs: Bilingual) -> Bilingual {
        Bilingual(nl: lhs.nl + rhs.nl, en: lhs.en + rhs.en)
    }
}
