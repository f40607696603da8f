import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// `waarborg questions PLAN`: the open questions as a checklist, most decisive first.
struct QuestionsCommand {
    let context: CommandContext

    static let options: [OptionSpec] = [
        .value("lang", "nl|en", allowed: ["nl", "en"], "Language of the questions (default: nl).", nl: "Taal van de vragen (standaard: nl)."),
        .value("format", "text|json", allowed: ["text", "json"], "Output format (default: text).", nl: "Uitvoerformaat (standaard: text)."),
    ] + PlanRun.options + [
        .value(
            "output", "FILE", "Write the checklist to FILE (atomically) instead of standard output.",
            nl: "Schrijf de checklist (atomair) naar FILE in plaats van naar de standaarduitvoer."),
        CommandContext.plainOption,
        CommandContext.helpOption,
    ]

    static func help(_ language: Language) -> String {
        ArgumentParser.help(
            usage: "waarborg questions PLAN [options]",
            summary: Bilingual(
                "Lists the facts a plan does not state but whose answers decide verdicts, most decisive first,\nwith the verdict each answer leads to and an answers file to fill in (pass it back with --answers).",
                nl: "Zet de feiten op een rij die een plan niet vermeldt maar waarvan de antwoorden de oordelen bepalen, de meest\nbeslissende eerst, met het oordeel waartoe elk antwoord leidt en een antwoordbestand om in te vullen\n(geef het mee met --answers)."),
            options: options,
            extra: Bilingual(
                "EXIT CODES: 0 no open questions; 1 open questions remain; 2 an input or usage error.",
                nl: "EXITCODES: 0 geen open vragen; 1 er staan nog vragen open; 2 een invoer- of gebruiksfout."),
            language: language)
    }

    func run(_ arguments: [String]) -> Int32 {
        let parsed: ParsedArguments
        let asOf: DateValue?
        do throws(UsageError) {
            parsed = try ArgumentParser.parse(arguments, options: QuestionsCommand.options, command: "questions")
            asOf = try context.parseDate(parsed.value("as-of"), option: "as-of")
            if !parsed.has("help") { try context.requirePlans(parsed, command: "questions", allowMany: false) }
        } catch {
            return context.usageError(error, command: "questions")
        }
        if parsed.has("help") {
            context.console.out(QuestionsCommand.help(context.language))
            return WaarborgCLI.ExitCode.clean
        }
        guard let run = PlanRun.load(parsed, context: context, asOf: asOf), let plan = run.first else {
            return WaarborgCLI.ExitCode.inputError
        }
        let report = QuestionsReport(run.assess(plan.evaluation))
        let text = parsed.value("format") == "json" ? report.json(toolVersion: WaarborgCLI.version) : context.terminal.text(report.text())
        guard context.emit(text, to: parsed.value("output")) else { return WaarborgCLI.ExitCode.inputError }
        return report.items.isEmpty ? WaarborgCLI.ExitCode.clean : WaarborgCLI.ExitCode.findings
    }
}
