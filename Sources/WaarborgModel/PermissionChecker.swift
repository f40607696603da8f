import WaarborgSyntax

/// What a permitting branch of a rule (`allowed`, `allowed_with_safeguards`) may rest on:
/// - XP-04 (legal digest §7.1): not on a self-declared open norm ("strictly necessary",
///   "indispensable", …) being yes (WB364); the rule rests on the objective criterion the
///   guidance names, or stops at needs assessment;
/// - only what the source requires is required: not on a safeguard marked
///   `recommended only` (WB366).
struct PermissionChecker {
    let vocabulary: Vocabulary

    func check(_ rules: [Rule], diagnostics: inout [Diagnostic]) {
        for rule in rules where !rule.isNote {
            if rule.conclusion.permits, let condition = rule.condition {
                report(rule, branch: condition, verdict: rule.conclusion, at: rule.conditionRange ?? rule.range, diagnostics: &diagnostics)
            }
            for exception in rule.exceptions where exception.conclusion.permits {
                report(rule, branch: exception.condition, verdict: exception.conclusion, at: exception.range, diagnostics: &diagnostics)
            }
        }
    }

    private func report(_ rule: Rule, branch: Condition, verdict: Verdict, at range: SourceRange, diagnostics: inout [Diagnostic]) {
        // Only what the source requires is required: a permission never rests on a
        // safeguard that is good practice only.
        for safeguard in Set(branch.requiredSafeguards).sorted() where vocabulary.safeguards[safeguard].recommendedOnly {
            let term = vocabulary.safeguards[safeguard]
            diagnostics.append(.error(
                "WB366",
                "`\(rule.id)` reaches `\(verdict.id)` only with `\(term.id)`, a safeguard that is recommended only; no source requires it, so it cannot hold a verdict back. Drop it from the condition and `recommend \(term.id)` instead",
                nl: "`\(rule.id)` komt alleen met `\(term.id)` tot `\(verdict.id)`, een waarborg die alleen wordt aanbevolen; geen bron eist die, dus kan hij geen oordeel tegenhouden. Haal hem uit de voorwaarde en schrijf in plaats daarvan `recommend \(term.id)`",
                at: range,
                notes: [DiagnosticNote(
                    "`\(term.id)` is marked recommended only here", nl: "`\(term.id)` is hier aangemerkt als alleen aanbevolen (`recommended only`)", at: term.range)]))
        }
        var seen = Set<Int>()
        for fact in branch.positiveFacts where vocabulary.facts[fact].isOpenNorm && seen.insert(fact).inserted {
            let definition = vocabulary.facts[fact]
            diagnostics.append(.error(
                "WB364",
                "`\(rule.id)` reaches `\(verdict.id)` on `\(definition.id)`, an open norm the consortium only asserts; XP-04 caps such a permission at `needs_assessment`. Conclude `needs_assessment`, or rest the permission on an objective fact the guidance names",
                nl: "`\(rule.id)` komt tot `\(verdict.id)` op grond van `\(definition.id)`, een open norm die het samenwerkingsverband alleen zelf stelt; XP-04 begrenst zo'n toestemming tot `needs_assessment`. Concludeer `needs_assessment`, of laat de toestemming rusten op een objectief feit dat de richtsnoeren noemen",
                at: range,
                notes: [DiagnosticNote(
                    "`\(definition.id)` is declared an open norm here", nl: "`\(definition.id)` is hier als open norm gedeclareerd", at: definition.range)]))
        }
    }
}
