import WaarborgSyntax

/// The warning for a name a plan still uses after the rule set renamed it (`alias`): the
/// plan keeps working for at least one rule-set version, and the warning says what to write.
enum DeprecatedName {
    /// `what`: the kind of name, as it reads after "the" / "de" or "het" ("activity kind",
    /// `Bilingual("activity kind", nl: "de activiteitsoort")`: the Dutch with its article).
    static func warning(_ old: String, new: String, what: Bilingual, at range: SourceRange) -> Diagnostic {
        .warning(
            "WB428", "`\(old)` is a former name of the \(what.en) `\(new)`; it still reads, but write `\(new)` (the old name will be dropped in a later rule-set version)",
            nl: "`\(old)` is een vroegere naam van \(what.nl) `\(new)`; die wordt nog gelezen, maar schrijf `\(new)` (de oude naam vervalt in een latere versie van de regelset)",
            at: range, suggestion: new)
    }
}
