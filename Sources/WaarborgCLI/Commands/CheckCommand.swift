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
        .value("format", "text|json", allowed: ["text", "json"], "Output format (default: text)."),
        .flag("plain", "No colour and no box drawing (for screen readers, logs and memos)."),
    ] + PlanRun.options + [
        .value(
            "fail-level", "LEVEL", allowed: ["allowed_with_safeguards", "needs_assessment", "prohibited"],
            "Exit with 1 when the plan's verdict is at least this (default: prohibited)."),
        .value("output", "FILE", "Write the report to FILE (atomically) instead of standard output."),
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
                try context.requirePlans(parsed, command: "check", allowMany: parsed.value("format") != "json")
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

        var rendered = ""
        var worst = Verdict.allowed
        for (evaluation, diagnostics) in run.plans {
            let report = CheckReport(evaluation: evaluation, ruleSet: run.ruleSet, language: language, diagnostics: diagnostics)
            worst = max(worst, report.verdict)
            switch parsed.value("format") ?? "text" {
            case "json":
                rendered += JSONRenderer(toolVersion: WaarborgCLI.version).render(report)
            default:
                if !rendered.isEmpty { rendered += "\n" }
                rendered += TextRenderer(style: context.textStyle(parsed)).render(report)
            }
        }
        guard context.emit(rendered, to: parsed.value("output")) else { return WaarborgCLI.ExitCode.inputError }
        return worst >= failLevel ? WaarborgCLI.ExitCode.findings : WaarborgCLI.ExitCode.clean
    }
}
