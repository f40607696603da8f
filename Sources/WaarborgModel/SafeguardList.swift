import WaarborgSyntax

extension ValueSyntax {
    /// The names of a list (`a, b` or `{a, b}`) or the one name written; none otherwise.
    var listedNames: [Name] {
        switch kind {
        case .list(let names): names
        case .name(let word): [Name(word, range)]
        default: []
        }
    }
}

extension Vocabulary {
    /// Resolves `safeguards = …`, in a plan's header or an activity: the known safeguards
    /// with where each is written (`none` stands for none), and an error with the closest
    /// name for each unknown one. `failed` tells whether there was one.
    func resolveSafeguards(_ value: ValueSyntax, diagnostics: inout [Diagnostic]) -> (found: [(safeguard: Int, range: SourceRange)], failed: Bool) {
        var found: [(safeguard: Int, range: SourceRange)] = []
        var failed = false
        for name in value.listedNames where name.text != "none" {
            if let index = safeguardIndex[name.text] {
                found.append((index, name.range))
            } else {
                let suggestion = Suggestions.closest(to: name.text, in: safeguards.map(\.id))
                let hint = Suggestions.didYouMean(
                    suggestion, otherwise: Bilingual("; safeguards come from the closed catalogue in the rule set", nl: "; waarborgen komen uit de gesloten catalogus van de regelset"))
                diagnostics.append(.error(
                    "WB407", "unknown safeguard `\(name.text)`" + hint.en, nl: "onbekende waarborg `\(name.text)`" + hint.nl,
                    at: name.range, suggestion: suggestion))
                failed = true
            }
        }
        return (found, failed)
    }
}
