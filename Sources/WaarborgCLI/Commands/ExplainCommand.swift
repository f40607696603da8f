import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// `waarborg explain PLAN [ACTIVITY]`: the full trace of the evaluation.
struct ExplainCommand {
    let context: CommandContext

    static let options: [OptionSpec] = [
        .value("lang", "nl|en", allowed: ["nl", "en"], "Language of the explanation (default: nl).", nl: "Taal van de uitleg (standaard: nl)."),
        .value("format", "text|json", allowed: ["text", "json"], "Output format (default: text).", nl: "Uitvoerformaat (standaard: text)."),
    ] + PlanRun.options + [
        .value(
            "output", "FILE", "Write the explanation to FILE (atomically) instead of standard output.",
            nl: "Schrijf de uitleg (atomair) naar FILE in plaats van naar de standaarduitvoer."),
        CommandContext.plainOption,
        CommandContext.helpOption,
    ]

    static func help(_ language: Language) -> String {
        ArgumentParser.help(
            usage: "waarborg explain PLAN [ACTIVITY] [options]",
            summary: Bilingual(
                "Shows, for one activity or all, every rule considered, every condition and the facts it tested\n(with the plan's line and column), the exceptions, the parameter versions, and how the verdicts combine.",
                nl: "Toont voor één activiteit of voor alle: elke beschouwde regel, elke voorwaarde en de feiten die zij toetste\n(met regelnummer en kolom in het plan), de uitzonderingen, de parameterversies en hoe de oordelen samenkomen."),
            options: options,
            extra: Bilingual(
                "EXIT CODES: 0 explained; 2 an input or usage error (such as an unknown activity).",
                nl: "EXITCODES: 0 uitgelegd; 2 een invoer- of gebruiksfout (zoals een onbekende activiteit)."),
            language: language)
    }

    func run(_ arguments: [String]) -> Int32 {
        let parsed: ParsedArguments
        let asOf: DateValue?
        var activity: String?
        do throws(UsageError) {
            parsed = try ArgumentParser.parse(arguments, options: ExplainCommand.options, command: "explain")
            asOf = try context.parseDate(parsed.value("as-of"), option: "as-of")
            if !parsed.has("help") {
                guard (1...2).contains(parsed.positionals.count) else {
                    throw UsageError(
                        "`waarborg explain` takes a plan and optionally one activity id, for example `waarborg explain examples/zorghub-noord.wbp kostenbenchmark`",
                        nl: "`waarborg explain` neemt een plan en eventueel één activiteit-id, bijvoorbeeld `waarborg explain examples/zorghub-noord.wbp kostenbenchmark`")
                }
                activity = parsed.positionals.count == 2 ? parsed.positionals[1] : nil
            }
        } catch {
            return context.usageError(error, command: "explain")
        }
        if parsed.has("help") {
            context.console.out(ExplainCommand.help(context.language))
            return WaarborgCLI.ExitCode.clean
        }
        var planOnly = parsed
        planOnly.positionals = [parsed.positionals[0]]
        guard let run = PlanRun.load(planOnly, context: context, asOf: asOf, keepsTraces: true), let plan = run.first else {
            return WaarborgCLI.ExitCode.inputError
        }
        if let activity, !plan.evaluation.activities.contains(where: { $0.activity.id == activity }) {
            let ids = plan.evaluation.activities.map(\.activity.id)
            let suggestion = Suggestions.closest(to: activity, in: ids)
            let message = context.language == .nl
                ? "het plan heeft geen activiteit `\(activity)`" + (suggestion.map { "; bedoelde je `\($0)`?" } ?? "; de activiteiten zijn: \(ids.joined(separator: ", "))")
                : "the plan has no activity `\(activity)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "; its activities are: \(ids.joined(separator: ", "))")
            context.console.err(context.terminal.text("error: " + message) + "\n")
            return WaarborgCLI.ExitCode.inputError
        }
        let renderer = ExplainRenderer(ruleSet: run.ruleSet, language: run.context.language)
        let assessment = run.assess(plan.evaluation)
        let text = parsed.value("format") == "json"
            ? renderer.json(assessment, only: activity, toolVersion: WaarborgCLI.version)
            : context.terminal.text(renderer.text(assessment, only: activity))
        return context.emit(text, to: parsed.value("output")) ? WaarborgCLI.ExitCode.clean : WaarborgCLI.ExitCode.inputError
    }
}
