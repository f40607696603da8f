import Foundation
import WaarborgEngine
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// `waarborg check PLAN…`: evaluate plans and print verdicts.
struct CheckCommand {
    let context: CommandContext

    static let options: [OptionSpec] = [
        .value(
            "lang", "nl|en", allowed: ["nl", "en"], "Language of the verdicts and texts (default: nl).",
            nl: "Taal van de oordelen en teksten (standaard: nl)."),
        .value(
            "format", "FORMAT", allowed: ["text", "html", "json", "sarif", "github", "junit"],
            "text, html (one page for lawyers), json, sarif (code scanning), github (workflow annotations) or junit (default: text).", nl: "text, html (één pagina voor juristen), json, sarif (code scanning), github (workflow-annotaties) of junit (standaard: text)."),
        CommandContext.plainOption,
        .flag(
            "trace", "With --format json: add every activity's full trace (every rule and test; large).",
            nl: "Met --format json: voeg van elke activiteit de volledige trace (het verloop) toe (elke regel en toets; groot)."),
    ] + PlanRun.options + [
        .value(
            "fail-level", "LEVEL", allowed: ["allowed_with_safeguards", "needs_assessment", "prohibited"],
            "Exit with 1 when the plan's verdict is at least this (default: prohibited).", nl: "Eindig met exitcode 1 als het oordeel over het plan minstens dit is (standaard: prohibited)."),
        .value(
            "output", "FILE", "Write the report to FILE (atomically) instead of standard output.",
            nl: "Schrijf het rapport (atomair) naar FILE in plaats van naar de standaarduitvoer."),
        .value(
            "baseline", "FILE", "A previous --format json report: show only new or changed findings, and fail on those only.",
            nl: "Een eerder rapport van --format json: toon alleen nieuwe of gewijzigde bevindingen en faal alleen daarop."),
        CommandContext.helpOption,
    ]

    static func help(_ language: Language) -> String {
        ArgumentParser.help(
            usage: "waarborg check PLAN [PLAN...] [options]",
            summary: Bilingual(
                "Checks consortium plans (.wbp) against the rules and prints, for every activity, the verdict,\nthe reason, the deciding rules and their sources, and what would make it compliant.",
                nl: "Toetst plannen van samenwerkingsverbanden (.wbp) aan de regels en toont per activiteit het oordeel,\nde reden, de beslissende regels en hun bronnen, en wat nodig is om aan de regels te voldoen."),
            options: options,
            extra: Bilingual(
                "EXIT CODES: 0 below the fail level; 1 a plan at or above --fail-level; 2 an input or usage error.",
                nl: "EXITCODES: 0 onder het faalniveau; 1 een plan op of boven --fail-level; 2 een invoer- of gebruiksfout."),
            language: language)
    }

    func run(_ arguments: [String]) -> Int32 {
        let parsed: ParsedArguments
        let asOf: DateValue?
        do throws(UsageError) {
            parsed = try ArgumentParser.parse(arguments, options: CheckCommand.options, command: "check")
            asOf = try context.parseDate(parsed.value("as-of"), option: "as-of")
            if !parsed.has("help") {
                try context.requirePlans(parsed, command: "check", allowMany: true)
            }
            if parsed.has("trace") && parsed.value("format") != "json" {
                throw UsageError(
                    "`--trace` adds the trace to the JSON report; use it with `--format json`, or see the trace as text with `waarborg explain PLAN [ACTIVITY]`",
                    nl: "`--trace` voegt het spoor toe aan het JSON-rapport; gebruik het met `--format json`, of bekijk het spoor als tekst met `waarborg explain PLAN [ACTIVITY]`")
            }
        } catch {
            return context.usageError(error, command: "check")
        }
        if parsed.has("help") {
            context.console.out(CheckCommand.help(context.language))
            return WaarborgCLI.ExitCode.clean
        }
        let language = Language(rawValue: parsed.value("lang") ?? "nl") ?? .nl
        let failLevel = Verdict(id: parsed.value("fail-level") ?? "prohibited") ?? .prohibited
        guard let run = PlanRun.load(parsed, context: context, asOf: asOf, keepsTraces: parsed.has("trace")) else {
            return WaarborgCLI.ExitCode.inputError
        }

        var baseline: Baseline?
        if let path = parsed.value("baseline") {
            guard let loaded = loadBaseline(path) else { return WaarborgCLI.ExitCode.inputError }
            baseline = loaded
        }
        let format = parsed.value("format") ?? "text"
        func report(_ entry: PlanRun.Entry) -> CheckReport {
            CheckReport(run.assess(entry.evaluation), diagnostics: entry.diagnostics)
        }
        if format == "text" || format == "json" {
            return stream(run, format: format, report: report, baseline: baseline, failLevel: failLevel, parsed)
        }

        let reports: [CheckReport]
        switch run.checked.all() {
        case .success(let entries): reports = entries.map(report)
        case .failure(let failure):
            context.printDiagnostics([failure])
            return WaarborgCLI.ExitCode.inputError
        }
        var statuses: [String: BaselineStatus] = [:]
        for report in reports { statuses.merge(baseline?.statuses(report) ?? [:]) { $1 } }
        let worst = reports.map { CheckCommand.worstFinding($0, statuses: statuses) }.max() ?? .allowed
        let rendered: String
        switch format {
        case "html":
            rendered = HTMLReportRenderer(toolVersion: WaarborgCLI.version).render(reports, language: language)
        case "sarif":
            rendered = SARIFRenderer(toolVersion: WaarborgCLI.version).render(reports, baseline: baseline, language: language)
        case "github":
            var summaryWritten = false
            if let summary = context.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
                let links = GitHubRenderer.Links(environment: context.environment)
                if let failure = FileAccess.append(GitHubRenderer().summary(reports, baseline: statuses, links: links), to: summary) {
                    context.printDiagnostics([failure])
                    return WaarborgCLI.ExitCode.inputError
                }
                summaryWritten = true
            }
            rendered = GitHubRenderer().annotations(reports, baseline: statuses, summaryWritten: summaryWritten)
        default:
            rendered = JUnitRenderer(failLevel: failLevel).render(reports, baseline: statuses)
        }
        guard context.emit(rendered, to: parsed.value("output")) else { return WaarborgCLI.ExitCode.inputError }
        return worst >= failLevel ? WaarborgCLI.ExitCode.findings : WaarborgCLI.ExitCode.clean
    }

    /// The worst verdict among the findings that count for the exit code: not waived and,
    /// with a baseline, new or changed.
    static func worstFinding(_ report: CheckReport, statuses: [String: BaselineStatus]) -> Verdict {
        var worst = Verdict.allowed
        for activity in report.activities where activity.waivers.isEmpty && statuses[activity.fingerprint] != .unchanged {
            worst = max(worst, activity.verdict)
        }
        return worst
    }

    /// The text or JSON report, one plan at a time: each plan is evaluated, reported,
    /// written and let go before the next, so checking many large plans at once (an
    /// umbrella organisation's every consortium) needs the memory of one plan's report, not
    /// of all. Every input was read and checked before anything is written; with `--output`
    /// the pieces go to a temporary file that replaces the target at the end. The bytes are
    /// those of the whole report rendered at once (JSON: an array of the plans' documents).
    private func stream(
        _ run: PlanRun, format: String, report: (PlanRun.Entry) -> CheckReport, baseline: Baseline?,
        failLevel: Verdict, _ parsed: ParsedArguments
    ) -> Int32 {
        var file: AtomicFile?
        if let output = context.outputPath(parsed) {
            switch AtomicFile.create(output, inputs: context.inputs) {
            case .success(let created): file = created
            case .failure(let diagnostic):
                context.printDiagnostics([diagnostic])
                return WaarborgCLI.ExitCode.inputError
            }
        }
        func write(_ text: String) {
            if let file { file.write(text) } else { context.console.out(text) }
        }
        func write(bytes: [UInt8]) {
            if let file { file.write(bytes) } else { context.console.out(bytes: bytes) }
        }
        let text = TextRenderer(style: context.textStyle(parsed))
        let json = JSONRenderer(toolVersion: WaarborgCLI.version, includesTrace: parsed.has("trace"))
        // JSON: an array of the plans' documents, for one plan too.
        let severalDocuments = format == "json"
        if severalDocuments { write("[") }
        var worst = Verdict.allowed
        var summaries: [PlanSummary] = []
        var index = 0
        var failure: Diagnostic?
        run.checked.forEach { read in
            let entry: PlanRun.Entry
            switch read {
            case .success(let found): entry = found
            case .failure(let problem):
                failure = problem
                return false
            }
            defer { index += 1 }
            let planReport = report(entry)
            summaries.append(PlanSummary(planReport))
            worst = max(worst, CheckCommand.worstFinding(planReport, statuses: baseline?.statuses(planReport) ?? [:]))
            if format == "text" {
                // A large plan's text is written as it was rendered, not copied into a string.
                if index > 0 { write("\n") }
                write(bytes: text.renderedBytes(planReport, baseline: baseline))
            } else {
                write((index == 0 ? "" : ",") + "\n  " + json.document(planReport, baseline: baseline).rendered(indent: 2))
            }
            return true
        }
        if let failure {
            // Standard output has what came before; an `--output` file is not replaced.
            file?.abandon()
            context.printDiagnostics([failure])
            return WaarborgCLI.ExitCode.inputError
        }
        if severalDocuments { write("\n]\n") }
        if format == "text", summaries.count > 1 { write("\n" + text.summary(summaries, language: planReportLanguage(parsed))) }
        if let failure = file?.commit() {
            context.printDiagnostics([failure])
            return WaarborgCLI.ExitCode.inputError
        }
        return worst >= failLevel ? WaarborgCLI.ExitCode.findings : WaarborgCLI.ExitCode.clean
    }

    private func planReportLanguage(_ parsed: ParsedArguments) -> Language { Language(rawValue: parsed.value("lang") ?? "nl") ?? .nl }

    private func loadBaseline(_ path: String) -> Baseline? {
        switch FileAccess.read(path, what: FileAccess.What.baseline, inputs: context.inputs) {
        case .failure(let diagnostic):
            context.printDiagnostics([diagnostic])
            return nil
        case .success(let file):
            let (node, diagnostics) = JSONReader.parse(file)
            guard let node else {
                context.printDiagnostics(diagnostics)
                return nil
            }
            let (baseline, problems) = Baseline.read(node, file: path)
            context.printDiagnostics(problems)
            return baseline
        }
    }
}
