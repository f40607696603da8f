import WaarborgLint
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// `waarborg lint [DIR]`: review a rule set as a lawyer's reviewer would.
struct LintCommand {
    let context: CommandContext

    static let options: [OptionSpec] = [
        .value("format", "text|json", allowed: ["text", "json"], "Output format (default: text).", nl: "Uitvoerformaat (standaard: text)."),
        .value(
            "min-coverage", "PERCENT", "Fail when branch coverage by examples is below this (default: 100).",
            nl: "Faal als de dekking van de takken door voorbeelden hieronder ligt (standaard: 100)."),
        .value(
            "as-of", "YYYY-MM-DD", "Date for parameter values in the overlap analysis (default: the rule set's date).",
            nl: "Datum voor de parameterwaarden in de overlapanalyse (standaard: de datum van de regelset)."),
        CommandContext.plainOption,
        CommandContext.languageOption,
        CommandContext.helpOption,
    ]

    static func help(_ language: Language) -> String {
        ArgumentParser.help(
            usage: "waarborg lint [DIR] [options]",
            summary: Bilingual(
                """
                Checks a rule set (default: the project's rules/): missing texts and citations, exceptions that can never
                apply, rules of one level that overlap with different verdicts and nothing relating them (with the
                overlapping facts), declarations no rule uses, failing examples, and branches no example exercises.
                """,
                nl: """
                Controleert een regelset (standaard: de map rules/ van het project): ontbrekende teksten en bronvermeldingen,
                uitzonderingen die nooit van toepassing kunnen zijn, regels van één niveau die overlappen met verschillende
                oordelen zonder dat iets hun onderlinge verhouding bepaalt (met de overlappende feiten), declaraties die geen
                regel gebruikt, falende voorbeelden en takken die geen voorbeeld doorloopt.
                """),
            options: options,
            extra: Bilingual(
                "EXIT CODES: 0 clean; 1 an error finding or coverage below --min-coverage; 2 the rule set does not check.",
                nl: "EXITCODES: 0 geen bevindingen; 1 een bevinding van het niveau error of een dekking onder --min-coverage; 2 de regelset is niet te controleren."),
            language: language)
    }

    func run(_ arguments: [String]) -> Int32 {
        let parsed: ParsedArguments
        let asOf: DateValue?
        let minimum: Int
        do throws(UsageError) {
            parsed = try ArgumentParser.parse(arguments, options: LintCommand.options, command: "lint")
            asOf = try context.parseDate(parsed.value("as-of"), option: "as-of")
            if parsed.positionals.count > 1 { throw UsageError("`waarborg lint` takes one rules folder", nl: "`waarborg lint` neemt één map met regels") }
            let text = parsed.value("min-coverage") ?? "100"
            guard let value = Int(text.hasSuffix("%") ? String(text.dropLast()) : text), (0...100).contains(value) else {
                throw UsageError(
                    "`--min-coverage` takes a whole percentage from 0 to 100; got `\(text)`",
                    nl: "`--min-coverage` neemt een heel percentage van 0 tot en met 100; gegeven: `\(text)`")
            }
            minimum = value
        } catch {
            return context.usageError(error, command: "lint")
        }
        if parsed.has("help") {
            context.console.out(LintCommand.help(context.language))
            return WaarborgCLI.ExitCode.clean
        }
        let loader = context.loader
        let (loaded, diagnostics) = loader.loadRuleSet(loader.rulesDirectory(parsed.positionals.first))
        guard let ruleSet = loaded else {
            context.printDiagnostics(diagnostics)
            return WaarborgCLI.ExitCode.inputError
        }
        let linted = Linter(ruleSet: ruleSet, date: asOf).run()
        // The loader's diagnostics first; the safety proof's findings stay with the result.
        var result = LintResult(diagnostics: diagnostics + linted.diagnostics, coverage: linted.coverage, examples: linted.examples)
        result.safety = linted.safety
        let report = LintReport(result: result, ruleSet: ruleSet, language: context.language)
        if parsed.value("format") == "json" {
            context.console.out(report.json(toolVersion: WaarborgCLI.version))
        } else {
            context.console.out(DiagnosticRenderer(language: context.language, terminal: context.terminal).render(report.result.diagnostics) + report.coverageTable() + report.summary())
        }
        let failing = report.errorCount > 0 || report.result.coveragePercent < minimum
        return failing ? WaarborgCLI.ExitCode.findings : WaarborgCLI.ExitCode.clean
    }
}
