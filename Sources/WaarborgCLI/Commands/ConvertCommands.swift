import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// `waarborg convert PLAN --to json|wbp`: the same plan in the other format.
struct ConvertCommand {
    let context: CommandContext

    static let options: [OptionSpec] = [
        .value("to", "json|wbp", allowed: ["json", "wbp"], "The format to write (required).", nl: "Het formaat dat geschreven wordt (verplicht)."),
        .value(
            "rules", "DIR", "Folder of .wbr rule files (default: the project's rules/).",
            nl: "Map met .wbr-regelbestanden (standaard: de map rules/ van het project)."),
        .value(
            "output", "FILE", "Write to FILE (atomically) instead of standard output.",
            nl: "Schrijf (atomair) naar FILE in plaats van naar de standaarduitvoer."),
        CommandContext.languageOption,
        CommandContext.plainOption,
        CommandContext.helpOption,
    ]

    static func help(_ language: Language) -> String {
        ArgumentParser.help(
            usage: "waarborg convert PLAN --to json|wbp [--output FILE]",
            summary: Bilingual(
                "Writes a plan as JSON (for tools that generate or read plans) or as .wbp text. The plan is checked first;\nthe converted plan reaches the same verdicts.",
                nl: "Schrijft een plan als JSON (voor programma's die plannen maken of lezen) of als .wbp-tekst. Het plan wordt eerst\ngecontroleerd; het omgezette plan komt tot dezelfde oordelen."),
            options: options,
            language: language)
    }

    func run(_ arguments: [String]) -> Int32 {
        let parsed: ParsedArguments
        do throws(UsageError) {
            parsed = try ArgumentParser.parse(arguments, options: ConvertCommand.options, command: "convert")
            if !parsed.has("help") {
                guard parsed.positionals.count == 1 else {
                    throw UsageError(
                        "`waarborg convert` takes one plan, for example `waarborg convert examples/zorghub-noord.wbp --to json`",
                        nl: "`waarborg convert` neemt één plan, bijvoorbeeld `waarborg convert examples/zorghub-noord.wbp --to json`")
                }
                guard parsed.value("to") != nil else {
                    throw UsageError("`waarborg convert` needs `--to json` or `--to wbp`", nl: "`waarborg convert` heeft `--to json` of `--to wbp` nodig")
                }
            }
        } catch {
            return context.usageError(error, command: "convert")
        }
        if parsed.has("help") {
            context.console.out(ConvertCommand.help(context.language))
            return WaarborgCLI.ExitCode.clean
        }
        let loader = context.loader
        let (loaded, ruleDiagnostics) = loader.loadRuleSet(loader.rulesDirectory(parsed.value("rules")))
        context.printDiagnostics(ruleDiagnostics)
        guard let ruleSet = loaded else { return WaarborgCLI.ExitCode.inputError }
        let (plan, diagnostics) = loader.loadPlan(parsed.positionals[0], ruleSet: ruleSet)
        context.printDiagnostics(diagnostics)
        guard let plan else { return WaarborgCLI.ExitCode.inputError }
        let exporter = PlanExporter(ruleSet: ruleSet)
        let text = parsed.value("to") == "json" ? exporter.json(plan) : exporter.wbp(plan)
        return context.emit(text, to: parsed.value("output")) ? WaarborgCLI.ExitCode.clean : WaarborgCLI.ExitCode.inputError
    }
}

/// `waarborg schema plan`: the JSON Schema of JSON plans; `waarborg schema report`: that of
/// the check report (`check --format json`).
struct SchemaCommand {
    let context: CommandContext

    static let options: [OptionSpec] = [
        .value(
            "rules", "DIR", "Folder of .wbr rule files whose vocabulary the schema describes (default: the project's rules/).",
            nl: "Map met .wbr-regelbestanden waarvan het schema de woordenschat beschrijft (standaard: de map rules/ van het project)."),
        .value(
            "output", "FILE", "Write to FILE (atomically) instead of standard output.",
            nl: "Schrijf (atomair) naar FILE in plaats van naar de standaarduitvoer."),
        CommandContext.languageOption,
        CommandContext.plainOption,
        CommandContext.helpOption,
    ]

    static func help(_ language: Language) -> String {
        ArgumentParser.help(
            usage: "waarborg schema plan|report [--output FILE]",
            summary: Bilingual(
                "Prints a JSON Schema (draft 2020-12): `plan` of JSON plans, generated from the rule set's vocabulary;\n`report` of the check report (`waarborg check --format json`).",
                nl: "Toont een JSON Schema (draft 2020-12): `plan` voor JSON-plannen, afgeleid van de woordenschat van de regelset;\n`report` voor het toetsingsrapport (`waarborg check --format json`)."),
            options: options,
            language: language)
    }

    func run(_ arguments: [String]) -> Int32 {
        let parsed: ParsedArguments
        do throws(UsageError) {
            parsed = try ArgumentParser.parse(arguments, options: SchemaCommand.options, command: "schema")
            if !parsed.has("help"), parsed.positionals != ["plan"], parsed.positionals != ["report"] {
                throw UsageError(
                    "`waarborg schema` prints the schema of plans or of reports: `waarborg schema plan` or `waarborg schema report`",
                    nl: "`waarborg schema` drukt het schema van plannen of van rapporten af: `waarborg schema plan` of `waarborg schema report`")
            }
        } catch {
            return context.usageError(error, command: "schema")
        }
        if parsed.has("help") {
            context.console.out(SchemaCommand.help(context.language))
            return WaarborgCLI.ExitCode.clean
        }
        if parsed.positionals == ["report"] {
            return context.emit(ReportSchema.json(), to: parsed.value("output")) ? WaarborgCLI.ExitCode.clean : WaarborgCLI.ExitCode.inputError
        }
        let loader = context.loader
        let (loaded, diagnostics) = loader.loadRuleSet(loader.rulesDirectory(parsed.value("rules")))
        context.printDiagnostics(diagnostics)
        guard let ruleSet = loaded else { return WaarborgCLI.ExitCode.inputError }
        return context.emit(PlanSchema(ruleSet: ruleSet).json(), to: parsed.value("output")) ? WaarborgCLI.ExitCode.clean : WaarborgCLI.ExitCode.inputError
    }
}
