import WaarborgModel
import WaarborgSyntax

extension Linter {
    /// Source texts (pinpoints, parameter values' notes, sources' titles, issuers and dates)
    /// without English: an English report would show them in Dutch, unmarked. A quotation
    /// (`quote "…"`) stays Dutch on purpose and is not reported.
    func untranslatedSourceTexts() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func check(_ text: SourceText?, _ what: String, at range: SourceRange) {
            guard let text, text.lacksEnglish else { return }
            diagnostics.append(.warning(
                "WB750", "\(what) has no English text; add `en \"…\"` after the Dutch one (or write `quote \"…\"` for a verbatim quotation)",
                at: range))
        }
        for source in ruleSet.sources {
            check(source.title, "the title of source `\(source.id)`", at: source.range)
            check(source.issuer, "the issuer of source `\(source.id)`", at: source.range)
            check(source.date, "the date of source `\(source.id)`", at: source.range)
        }
        for rule in ruleSet.rules {
            for citation in rule.sources + rule.exceptions.flatMap(\.sources) {
                check(citation.pinpoint, "the pinpoint of \(rule.id)'s citation of `\(citation.source)`", at: citation.range)
            }
        }
        for parameter in ruleSet.parameters {
            for version in parameter.versions {
                check(version.citation.pinpoint, "the note of a value of `\(parameter.id)`", at: version.citation.range)
            }
        }
        return diagnostics
    }
}
