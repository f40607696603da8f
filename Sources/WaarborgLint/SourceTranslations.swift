import WaarborgModel
import WaarborgSyntax

extension Linter {
    /// Source texts (pinpoints, parameter values' notes, sources' titles, issuers and dates)
    /// without English: an English report would show them in Dutch, unmarked. A quotation
    /// (`quote "…"`) stays Dutch on purpose and is not reported.
    func untranslatedSourceTexts() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func check(_ text: SourceText?, _ what: Bilingual, at range: SourceRange) {
            guard let text, text.lacksEnglish else { return }
            diagnostics.append(.warning(
                "WB750", "\(what.en) has no English text; add `en \"…\"` after the Dutch one (or write `quote \"…\"` for a verbatim quotation)",
                nl: "\(what.nl) heeft geen Engelse tekst; voeg `en \"…\"` toe na de Nederlandse (of schrijf `quote \"…\"` voor een letterlijk citaat)",
                at: range))
        }
        for source in ruleSet.sources {
            check(source.title, Bilingual("the title of source `\(source.id)`", nl: "de titel van bron `\(source.id)`"), at: source.range)
            check(source.issuer, Bilingual("the issuer of source `\(source.id)`", nl: "de uitgever van bron `\(source.id)`"), at: source.range)
            check(source.date, Bilingual("the date of source `\(source.id)`", nl: "de datum van bron `\(source.id)`"), at: source.range)
        }
        for rule in ruleSet.rules {
            for citation in rule.sources + rule.exceptions.flatMap(\.sources) {
                check(
                    citation.pinpoint,
                    Bilingual("the pinpoint of \(rule.id)'s citation of `\(citation.source)`", nl: "de vindplaats in de bronvermelding van `\(citation.source)` bij \(rule.id)"),
                    at: citation.range)
            }
        }
        for parameter in ruleSet.parameters {
            for version in parameter.versions {
                check(
                    version.citation.pinpoint, Bilingual("the note of a value of `\(parameter.id)`", nl: "de toelichting bij een waarde van `\(parameter.id)`"),
                    at: version.citation.range)
            }
        }
        return diagnostics
    }
}
