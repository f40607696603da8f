import WaarborgSyntax

/// The warning for a name a plan still uses after the rule set renamed it (`alias`): the
/// plan keeps working for at least one rule-set version, and the warning says what to write.
enum DeprecatedName {
    static func warning(_ old: String, new: String, what: String, at range: SourceRange) -> Diagnostic {
        .warning(
            "WB428", "`\(old)` is a former name of the \(what) `\(new)`; it still reads, but write `\(new)` (the old name will be dropped in a later rule-set version)",
            at: range, suggestion: new)
    }
}
