import Foundation
import WaarborgEngine
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// `waarborg impact PLANS… --base REV|DIR`: what a rule change does to real plans. Each
/// plan is evaluated under the base rules (a git revision of the rules folder, or another
/// folder) and under the head rules (`--rules`, default the working tree's rules/); the
/// activities whose verdict or deciding rules differ are listed.
struct ImpactCommand {
    let context: CommandContext

    static let options: [OptionSpec] = [
        .value(
            "base", "REV|DIR", "The rules before the change: a git revision (HEAD, main, origin/main, a commit) of the rules folder, or a folder.",
            nl: "De regels vóór de wijziging: een git-revisie (HEAD, main, origin/main, een commit) van de regelmap, of een map."),
        .value(
            "rules", "DIR", "The rules after the change (default: the project's rules/, as in the working tree).",
            nl: "De regels na de wijziging (standaard: de map rules/ van het project, zoals in de werkmap)."),
        .value(
            "format", "FORMAT", allowed: ["text", "json", "github"], "text (default), json, or github (workflow annotations).",
            nl: "text (standaard), json of github (workflow-annotaties)."),
        .value("lang", "nl|en", allowed: ["nl", "en"], "Language of the report (default: nl).", nl: "Taal van het rapport (standaard: nl)."),
        .value(
            "output", "FILE", "Write the report to FILE (atomically) instead of standard output.",
            nl: "Schrijf het rapport (atomair) naar FILE in plaats van naar de standaarduitvoer."),
        CommandContext.helpOption,
    ]

    static func help(_ language: Language) -> String {
        ArgumentParser.help(
            usage: "waarborg impact PLAN|DIR… --base REV|DIR [--rules DIR] [--format text|json|github] [options]",
            summary: Bilingual(
                """
                Shows which activities of the plans change verdict, from what to what and by which rules, between
                the base rules and the rules now: `waarborg impact examples --base main` before a pull request.
                A folder stands for its .wbp plans and Markdown drafts.
                """,
                nl: """
                Toont welke activiteiten van de plannen een ander oordeel krijgen, van wat naar wat en door welke
                regels, tussen de basisregels en de huidige regels: `waarborg impact examples --base main` vóór een
                pull request. Een map staat voor de .wbp-plannen en Markdown-concepten erin.
                """),
            options: options,
            extra: Bilingual(
                "EXIT CODES: 0 the report is written (whether or not verdicts change); 2 an input or usage error.",
                nl: "EXITCODES: 0 het rapport is geschreven (of er nu oordelen veranderen of niet); 2 een invoer- of gebruiksfout."),
            language: language)
    }

    func run(_ arguments: [String]) -> Int32 {
        let parsed: ParsedArguments
        let base: String
        do throws(UsageError) {
            parsed = try ArgumentParser.parse(arguments, options: ImpactCommand.options, command: "impact")
            if parsed.has("help") {
                context.console.out(ImpactCommand.help(context.language))
                return WaarborgCLI.ExitCode.clean
            }
            guard let given = parsed.value("base") else {
                throw UsageError(
                    "`waarborg impact` needs the rules to compare with: `--base main` (a git revision) or `--base OLD-RULES-DIR`",
                    nl: "`waarborg impact` heeft de regels nodig om mee te vergelijken: `--base main` (een git-revisie) of `--base OLD-RULES-DIR`")
            }
            base = given
            if parsed.positionals.isEmpty {
                throw UsageError(
                    "`waarborg impact` needs plans or a folder of plans, for example `waarborg impact examples --base main`",
                    nl: "`waarborg impact` heeft plannen of een map met plannen nodig, bijvoorbeeld `waarborg impact examples --base main`")
            }
        } catch {
            return context.usageError(error, command: "impact")
        }
        let language = Language(rawValue: parsed.value("lang") ?? "nl") ?? .nl
        let loader = context.loader
        let head = loader.rulesDirectory(parsed.value("rules"))
        let (headRules, headDiagnostics) = loader.loadRuleSet(head)
        context.printDiagnostics(headDiagnostics)
        // A rule set loaded, so there was a folder to load it from.
        guard let headRules, let head else { return WaarborgCLI.ExitCode.inputError }

        var isFolder: ObjCBool = false
        let baseIsFolder = FileManager.default.fileExists(atPath: base, isDirectory: &isFolder) && isFolder.boolValue
        let baseRules: RuleSet?
        let baseDiagnostics: [Diagnostic]
        if baseIsFolder {
            (baseRules, baseDiagnostics) = loader.loadRuleSet(base)
        } else {
            switch GitRevision.ruleFiles(in: head, at: base) {
            case .success(let files): (baseRules, baseDiagnostics) = loader.loadRuleSet(files: files, folder: GitRevision.shownFolder(head, at: base))
            case .failure(let diagnostic): (baseRules, baseDiagnostics) = (nil, [diagnostic])
            }
        }
        context.printDiagnostics(baseDiagnostics)
        guard let baseRules else { return WaarborgCLI.ExitCode.inputError }

        let plans: [String]
        switch FileAccess.expand(parsed.positionals, recursive: false, matches: { $0.hasSuffix(".wbp") || MarkdownDraft.isDraft($0) }) {
        case .success(let found): plans = found
        case .failure(let diagnostic):
            context.printDiagnostics([diagnostic])
            return WaarborgCLI.ExitCode.inputError
        }
        var impacts: [ImpactReport.PlanImpact] = []
        let (headEvaluator, baseEvaluator) = (Evaluator(ruleSet: headRules), Evaluator(ruleSet: baseRules))
        for path in plans {
            let (plan, diagnostics) = loader.loadPlan(path, ruleSet: headRules)
            guard let plan, !diagnostics.hasErrors else {
                context.printDiagnostics(diagnostics)
                return WaarborgCLI.ExitCode.inputError
            }
            let after = headEvaluator.evaluate(plan)
            // A plan written for the new rules may use a fact the base rules do not know.
            let (oldPlan, oldDiagnostics) = loader.loadPlan(path, ruleSet: baseRules)
            let firstError = oldDiagnostics.sortedForOutput().first { $0.severity == .error }
            let before = oldPlan.flatMap { plan in firstError == nil ? (baseEvaluator.evaluate(plan), baseRules) : nil }
            impacts.append(ImpactReport.plan(
                file: path, before: before, baseError: before == nil ? (firstError.map { $0.text[language] } ?? "?") : nil, after: after, ruleSet: headRules))
        }
        let report = ImpactReport(base: baseIsFolder ? base : "\(base):\(head)", head: head, headIsWorkingTree: !baseIsFolder, plans: impacts,
            baseRules: RulesUsed(baseRules), headRules: RulesUsed(headRules))
        let renderer = ImpactRenderer(language: language)
        let text: String = switch parsed.value("format") ?? "text" {
        case "json": renderer.json(report)
        case "github": renderer.github(report)
        default: renderer.text(report)
        }
        return context.emit(text, to: parsed.value("output")) ? WaarborgCLI.ExitCode.clean : WaarborgCLI.ExitCode.inputError
    }
}
