import Foundation
import WaarborgEngine
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// `waarborg check PLAN…`: evaluate plans and print verdicts.
struct CheckCommand {
    let context: CommandContext

    static let options: [OptionSpec] = [
        .value("lang", "nl|en", allowed: ["nl", "en"], "Language of the verdicts and texts (default: nl)."),
        .value(
            "format", "FORMAT", allowed: ["text", "json", "sarif", "github", "junit"],
            "text, json, sarif (code scanning), github (workflow annotations) or junit (default: text)."),
        .flag("plain", "No colour and no box drawing (for screen readers, logs and memos)."),
        .flag("trace", "With --format json: add every activity's full trace (every rule and test; large)."),
    ] + PlanRun.options + [
        .value(
            "fail-level", "LEVEL", allowed: ["allowed_with_safeguards", "needs_assessment", "prohibited"],
            "Exit with 1 when the plan's verdict is at least this (default: prohibited)."),
        .value("output", "FILE", "Write the report to FILE (atomically) instead of standard output."),
        .value("baseline", "FILE", "A previous --format json report: show only new or changed findings, and fail on those only."),
        .flag("help", "Show this help."),
    ]

    static var help: String {
        ArgumentParser.help(
            usage: "waarborg check PLAN [PLAN...] [options]",
            summary: "Checks consortium plans (.wbp) against the rules and prints, for every activity, the verdict,\nthe reason, the deciding rules and their sources, and what would make it compliant.",
            options: options,
            extra: "EXIT CODES: 0 below the fail level; 1 a plan at or above --fail-level; 2 an input or usage error.")
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
                throw UsageError(message: "`--trace` adds the trace to the JSON report; use it with `--format json`, or see the trace as text with `waarborg explain PLAN [ACTIVITY]`")
            }
        } catch {
            return context.usageError(error, command: "check")
        }
        if parsed.has("help") {
            context.console.out(CheckCommand.help)
            return WaarborgCLI.ExitCode.clean
        }
        let language = Language(rawValue: parsed.value("lang") ?? "nl") ?? .nl
        let failLevel = Verdict(id: parsed.value("fail-level") ?? "prohibited") ?? .prohibited
        guard let run = PlanRun.load(parsed, context: context, asOf: asOf) else { return WaarborgCLI.ExitCode.inputError }

        var baseline: Baseline?
        if let path = parsed.value("baseline") {
            guard let loaded = loadBaseline(path) else { return WaarborgCLI.ExitCode.inputError }
            baseline = loaded
        }
        let reports = run.plans.map { CheckReport(evaluation: $0.evaluation, ruleSet: run.ruleSet, language: language, diagnostics: $0.diagnostics, keepsTraces: parsed.has("trace")) }
        var statuses: [String: BaselineStatus] = [:]
        for report in reports { statuses.merge(baseline?.statuses(report) ?? [:]) { $1 } }
        // The exit code considers findings that are not waived and, with a baseline, new or changed.
        var worst = Verdict.allowed
        for report in reports {
            for activity in report.activities where activity.waivers.isEmpty && statuses[activity.fingerprint] != .unchanged {
                worst = max(worst, activity.verdict)
            }
        }
        let rendered: String
        switch parsed.value("format") ?? "text" {
        case "json":
            rendered = JSONRenderer(toolVersion: WaarborgCLI.version, includesTrace: parsed.has("trace")).render(reports, baseline: baseline)
        case "sarif":
            rendered = SARIFRenderer(toolVersion: WaarborgCLI.version).render(reports, baseline: statuses, language: language)
        case "github":
            rendered = GitHubRenderer().annotations(reports, baseline: statuses)
            if let summary = context.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
                FileAccess.append(GitHubRenderer().summary(reports, baseline: statuses), to: summary)
            }
        case "junit":
            rendered = JUnitRenderer(failLevel: failLevel).render(reports, baseline: statuses)
        default:
            let renderer = TextRenderer(style: context.textStyle(parsed))
            rendered = reports.map { renderer.render($0, baseline: baseline) }.joined(separator: "\n")
        }
        guard context.emit(rendered, to: parsed.value("output")) else { return WaarborgCLI.ExitCode.inputError }
        return worst >= failLevel ? WaarborgCLI.ExitCode.findings : WaarborgCLI.ExitCode.clean
    }

    private func loadBaseline(_ path: String) -> Baseline? {
        switch FileAccess.read(path, what: "baseline") {
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
