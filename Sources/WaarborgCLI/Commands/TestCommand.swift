import Foundation
import WaarborgEngine
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// `waarborg test [DIR]`: run every rule's examples; with `--plans`, compare the example
/// plans' verdicts with the `.verdicts` files beside them; with `--update`, write those
/// files, the catalogue (`--docs`) and the drafts' annex sections from the rules as they
/// are now. The one command a lawyer runs after changing a rule.
struct TestCommand {
    let context: CommandContext

    static let options: [OptionSpec] = [
        .value(
            "as-of", "YYYY-MM-DD", "Evaluate examples that give no date on this date (default: the rule set's date).",
            nl: "Beoordeel voorbeelden zonder eigen datum op deze datum (standaard: de datum van de regelset)."),
        .value("lang", "nl|en", allowed: ["nl", "en"], "Language of the messages (default: nl).", nl: "Taal van de meldingen (standaard: nl)."),
        .value(
            "plans", "DIR", "Also check the example plans in DIR against their expected verdicts (PLAN.verdicts beside each plan).",
            nl: "Toets ook de voorbeeldplannen in DIR aan hun verwachte oordelen (PLAN.verdicts naast elk plan)."),
        .value(
            "docs", "FILE", "Also check that the rule catalogue FILE (docs/rules.md) is up to date.",
            nl: "Controleer ook of de regelcatalogus FILE (docs/rules.md) actueel is."),
        .flag(
            "update", "Write the expected verdicts of --plans, the catalogue of --docs and the annex sections of the drafts in --plans.",
            nl: "Schrijf de verwachte oordelen van --plans, de catalogus van --docs en de bijlagesecties van de concepten in --plans."),
        .value(
            "base", "REV", "When an example fails, compare the parameters with this git revision (default: HEAD).",
            nl: "Vergelijk bij een falend voorbeeld de parameters met deze git-revisie (standaard: HEAD)."),
        .flag("verbose", "List every example, not only the failing ones.", nl: "Toon elk voorbeeld, niet alleen de falende."),
        CommandContext.plainOption,
        CommandContext.helpOption,
    ]

    static func help(_ language: Language) -> String {
        ArgumentParser.help(
            usage: "waarborg test [DIR] [--plans DIR] [--docs FILE] [--update] [options]",
            summary: Bilingual(
                """
                Runs the examples of every rule in DIR (default: the project's rules/) against the whole rule set.
                An example passes when the verdict and the rules that decided it are the ones it expects.
                With --plans, every plan in that folder must get the verdicts its PLAN.verdicts file states;
                `waarborg test rules --plans examples --docs docs/rules.md --update` writes them (and the
                catalogue and the drafts' annex sections) after a rule change: review the diff, then commit.
                """,
                nl: """
                Voert de voorbeelden van elke regel in DIR (standaard: de map rules/ van het project) uit tegen de hele
                regelset. Een voorbeeld slaagt als het oordeel en de regels die het bepaalden de verwachte zijn.
                Met --plans moet elk plan in die map de oordelen krijgen die zijn PLAN.verdicts-bestand noemt;
                `waarborg test rules --plans examples --docs docs/rules.md --update` schrijft ze (en de catalogus
                en de bijlagesecties van de concepten) na een regelwijziging: beoordeel de diff en commit daarna.
                """),
            options: options,
            extra: Bilingual(
                "EXIT CODES: 0 all pass (or updated); 1 an example fails or a file is out of date; 2 an input error.",
                nl: "EXITCODES: 0 alles slaagt (of is bijgewerkt); 1 een voorbeeld faalt of een bestand is verouderd; 2 een invoerfout."),
            language: language)
    }

    func run(_ arguments: [String]) -> Int32 {
        let parsed: ParsedArguments
        let asOf: DateValue?
        do throws(UsageError) {
            parsed = try ArgumentParser.parse(arguments, options: TestCommand.options, command: "test")
            asOf = try context.parseDate(parsed.value("as-of"), option: "as-of")
            if parsed.positionals.count > 1 {
                throw UsageError(
                    "`waarborg test` takes one rules folder; got \(parsed.positionals.count)",
                    nl: "`waarborg test` neemt één regelmap; gegeven: \(parsed.positionals.count)")
            }
            if parsed.has("update"), parsed.value("plans") == nil, parsed.value("docs") == nil {
                throw UsageError(
                    "`--update` writes the files of `--plans DIR` and `--docs FILE`; give at least one, for example `waarborg test rules --plans examples --docs docs/rules.md --update`",
                    nl: "`--update` schrijft de bestanden van `--plans DIR` en `--docs FILE`; geef er ten minste één, bijvoorbeeld `waarborg test rules --plans examples --docs docs/rules.md --update`")
            }
        } catch {
            return context.usageError(error, command: "test")
        }
        if parsed.has("help") {
            context.console.out(TestCommand.help(context.language))
            return WaarborgCLI.ExitCode.clean
        }
        let language = Language(rawValue: parsed.value("lang") ?? "nl") ?? .nl
        let loader = context.loader
        let directory = loader.rulesDirectory(parsed.positionals.first)
        let (loaded, diagnostics) = loader.loadRuleSet(directory)
        context.printDiagnostics(diagnostics)
        // A rule set loaded, so there was a folder to load it from.
        guard let ruleSet = loaded, let directory else { return WaarborgCLI.ExitCode.inputError }

        let report = ExampleReport(ruleSet: ruleSet, language: language)
        let results = ExampleRunner.run(ruleSet, asOf: asOf)
        var failed = 0
        var output = ""
        var base = BaseParameters(directory: directory, revision: parsed.value("base") ?? "HEAD", loader: loader, current: ruleSet)
        for result in results {
            if result.passed {
                if parsed.has("verbose") { output += report.passed(result) }
                continue
            }
            failed += 1
            let traces = Evaluator(ruleSet: ruleSet).traces(result.example.activity, on: result.date)
            output += report.failure(result, traces: traces, parameters: base.effects(on: result, traces: traces))
        }
        let rulesWithoutExamples = ruleSet.rules.filter { $0.examples.isEmpty }.map(\.id)
        if !rulesWithoutExamples.isEmpty { output += report.rulesWithoutExamples(rulesWithoutExamples) }
        output += report.summary(passed: results.count - failed, failed: failed)
        context.console.out(output)

        // The example plans, the catalogue and the drafts' annexes: checked, or written.
        var status = failed == 0 ? WaarborgCLI.ExitCode.clean : WaarborgCLI.ExitCode.findings
        let update = parsed.has("update")
        if let plans = parsed.value("plans") {
            let planStatus = PlanVerdicts(context: context, ruleSet: ruleSet, rulesDirectory: directory, language: language)
                .run(folder: plans, update: update)
            status = max(status, planStatus)
        }
        if let catalogue = parsed.value("docs") {
            let before = update ? try? FileAccess.read(catalogue, what: FileAccess.What.catalogue).get().bytes : nil
            let docsStatus = DocsCommand(context: context).run([directory, "--output", catalogue] + (update ? [] : ["--check"]))
            if update, docsStatus == WaarborgCLI.ExitCode.clean, before != (try? FileAccess.read(catalogue, what: FileAccess.What.catalogue).get().bytes) {
                context.console.err(PlanVerdicts.written(catalogue, language))
            }
            status = max(status, docsStatus)
        }
        return status
    }
}

/// The parameters of the last commit's rules (or `--base`), read from git once and only
/// when an example fails: which parameter changed, and whether the example passes with
/// its old value.
struct BaseParameters {
    let directory: String
    let revision: String
    let loader: Loader
    let current: RuleSet
    private var changes: [ParameterChange]?

    init(directory: String, revision: String, loader: Loader, current: RuleSet) {
        self.directory = directory
        self.revision = revision
        self.loader = loader
        self.current = current
    }

    mutating func effects(on result: ExampleResult, traces: [RuleTrace]) -> [ParameterEffect] {
        if changes == nil { changes = load() }
        guard let changes, !changes.isEmpty else { return [] }
        // The parameters the example's rules read.
        var read = Set<Int>()
        for trace in traces {
            for test in (trace.condition?.tests ?? []) + trace.exceptions.flatMap(\.condition.tests) {
                if let use = test.parameter { read.insert(use.parameter) }
            }
        }
        return changes.compactMap { change -> ParameterEffect? in
            guard read.contains(change.parameter) else { return nil }
            let old = ParameterVersion.inForce(on: result.date, among: change.oldVersions).map { change.oldVersions[$0] }
            let new = current.parameters[change.parameter].version(on: result.date)
            guard old?.value != new?.value else { return nil }
            let before = current.replacingVersions(ofParameter: change.parameter, with: change.oldVersions)
            let rerun = ExampleRunner.result(of: result.example, rule: result.rule, evaluator: Evaluator(ruleSet: before), on: result.date)
            return ParameterEffect(parameter: change.parameter, oldValue: old?.value, newValue: new?.value, passesWithOldValue: rerun.passed, revision: revision)
        }
    }

    private func load() -> [ParameterChange] {
        guard GitRevision.isRepository(directory), case .success(let files) = GitRevision.ruleFiles(in: directory, at: revision),
              let older = loader.loadRuleSet(files: files, folder: GitRevision.shownFolder(directory, at: revision)).0
        else { return [] }
        return ParameterChange.between(older: older, newer: current)
    }
}
