import WaarborgSyntax
import WaarborgModel

extension SourceText {
    /// The text as a reader of `language` gets it: the English text where the rule file
    /// gives one (the Dutch words until it does; lint warns); a quotation in the source's own
    /// (Dutch) words, in quotation marks, and in English marked as a quotation from a Dutch
    /// source so no reader takes it for a translation.
    func text(_ language: Language) -> String {
        guard !isQuotation else {
            return language == .nl ? "“\(nl)”" : "“\(nl)” (quoted from the Dutch source)"
        }
        return language == .en ? en ?? nl : nl
    }
}

extension Citation {
    /// "MW-6 art. 6 lid 1" / "MW-6 Art. 6(1)".
    func display(_ language: Language) -> String { "\(source) \(pinpoint.text(language))" }
}
