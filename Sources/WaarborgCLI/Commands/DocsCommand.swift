import WaarborgReport
import WaarborgSyntax

/// `waarborg docs [DIR]`: the rule catalogue in Markdown (docs/rules.md).
struct DocsCommand {
    let context: CommandContext

    static let options: [OptionSpec] = [
        .value(
            "output", "FILE", "Write the catalogue to FILE (atomically) instead of standard output.",
            nl: "Schrijf de catalogus (atomair) naar FILE in plaats van naar de standaarduitvoer."),
        .flag(
            "check", "Compare with the file given by --output and fail (exit 1) when it is out of date.",
            nl: "Vergelijk met het bestand van --output en faal (exitcode 1) als het verouderd is."),
        CommandContext.languageOption,
        CommandContext.plainOption,
        CommandContext.helpOption,
    ]

    static func help(_ language: Language) -> String {
        ArgumentParser.help(
            usage: "waarborg docs [DIR] [--output FILE] [--check]",
            summary: Bilingual(
                "Writes a catalogue of every rule (nl and en), its sources, parameters and examples, so a lawyer\ncan review the rule set without opening a rule file. The project keeps it in docs/rules.md.",
                nl: "Schrijft een catalogus van elke regel (nl en en) met haar bronnen, parameters en voorbeelden, zodat een jurist\nde regelset kan beoordelen zonder een regelbestand te openen. Het project bewaart hem in docs/rules.md."),
            options: options,
            extra: Bilingual(
                "EXIT CODES: 0 written (or up to date); 1 --check found it out of date; 2 an input or usage error.",
                nl: "EXITCODES: 0 geschreven (of al actueel); 1 --check vond een verouderde catalogus; 2 een invoer- of gebruiksfout."),
            language: language)
    }

    func run(_ arguments: [String]) -> Int32 {
        let parsed: ParsedArguments
        do throws(UsageError) {
            parsed = try ArgumentParser.parse(arguments, options: DocsCommand.options, command: "docs")
            if parsed.positionals.count > 1 { throw UsageError("`waarborg docs` takes one rules folder", nl: "`waarborg docs` neemt één regelmap") }
            if parsed.has("check"), parsed.value("output") == nil {
                throw UsageError("`--check` compares with the file given by `--output FILE`", nl: "`--check` vergelijkt met het bestand dat `--output FILE` opgeeft")
            }
        } catch {
            return context.usageError(error, command: "docs")
        }
        if parsed.has("help") {
            context.console.out(DocsCommand.help(context.language))
            return WaarborgCLI.ExitCode.clean
        }
        let loader = context.loader
        let (loaded, diagnostics) = loader.loadRuleSet(loader.rulesDirectory(parsed.positionals.first))
        context.printDiagnostics(diagnostics)
        guard let ruleSet = loaded else { return WaarborgCLI.ExitCode.inputError }
        let markdown = RuleCatalogue(ruleSet: ruleSet).markdown()
        if parsed.has("check"), let output = parsed.value("output") {
            let current = (try? FileAccess.read(output, what: FileAccess.What.catalogue).get()).map { String(decoding: $0.bytes, as: UTF8.self) }
            if current == markdown { return WaarborgCLI.ExitCode.clean }
            context.printDiagnostics([.error(
                "WB626", "the rule catalogue is out of date; run `waarborg docs \(parsed.positionals.first ?? "rules") --output \(output)`",
                nl: "de regelcatalogus is verouderd; voer `waarborg docs \(parsed.positionals.first ?? "rules") --output \(output)` uit", file: output)])
            return WaarborgCLI.ExitCode.findings
        }
        return context.emit(markdown, to: parsed.value("output")) ? WaarborgCLI.ExitCode.clean : WaarborgCLI.ExitCode.inputError
    }
}
