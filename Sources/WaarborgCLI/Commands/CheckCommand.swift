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
        .value("rules", "DIR", "Folder of .wbr rule files (default: the project's rules/)."),
        .value("as-of", "YYYY-MM-DD", "Evaluate the law in force on this date (default: the plan's date)."),
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
            if parsed.positionals.isEmpty, !parsed.has("help") {
                throw UsageError(message: "`waarborg check` needs a plan file, for example `waarborg check examples/zorghub-noord.wbp`")
            }
            if parsed.value("format") == "json", parsed.positionals.count > 1 {
                throw UsageError(message: "`--format json` checks one plan at a time; run it once per plan")
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
        let loader = context.loader

        let (loaded, ruleDiagnostics) = loader.loadRuleSet(loader.rulesDirectory(parsed.value("rules")))
        guard let ruleSet = loaded else {
            context.printDiagnostics(ruleDiagnostics)
            return WaarborgCLI.ExitCode.inputError
        }
        context.printDiagnostics(ruleDiagnostics)

        let evaluator = Evaluator(ruleSet: ruleSet)
        var rendered = ""
        var worst = Verdict.allowed
        var inputError = false
        for path in parsed.positionals {
            let (plan, planDiagnostics) = loader.loadPlan(path, ruleSet: ruleSet)
            guard let plan else {
                context.printDiagnostics(planDiagnostics)
                inputError = true
                continue
            }
            let evaluation = evaluator.evaluate(plan, asOf: asOf)
            let diagnostics = planDiagnostics + evaluation.diagnostics
            context.printDiagnostics(diagnostics)
            if diagnostics.hasErrors {
                inputError = true
                continue
            }
            let report = CheckReport(evaluation: evaluation, ruleSet: ruleSet, language: language, diagnostics: diagnostics)
            worst = max(worst, report.verdict)
            switch parsed.value("format") ?? "text" {
            case "json":
                rendered += JSONRenderer(toolVersion: WaarborgCLI.version).render(report)
            default:
                let style = TextStyle(
                    plain: parsed.has("plain"),
                    color: context.console.outputIsTerminal && parsed.value("output") == nil && context.environment["NO_COLOR"] == nil)
                if !rendered.isEmpty { rendered += "\n" }
                rendered += TextRenderer(style: style).render(report)
            }
        }
        // Nothing partial: with an input error no report is written at all.
        if inputError { return WaarborgCLI.ExitCode.inputError }
        if let output = parsed.value("output") {
            if let failure = FileAccess.writeAtomically(rendered, to: output) {
                context.printDiagnostics([failure])
                return WaarborgCLI.ExitCode.inputError
            }
        } else {
            context.console.out(rendered)
        }
        return worst >= failLevel ? WaarborgCLI.ExitCode.findings : WaarborgCLI.ExitCode.clean
    }
}
