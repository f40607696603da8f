import Foundation
import WaarborgEngine
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// `waarborg test --plans DIR [--update]`: every plan in DIR (`.wbp`, and Markdown drafts)
/// against the expected verdicts in `PLAN.verdicts` beside it, and each draft's annex
/// section against the annex its blocks generate. `--update` writes them instead.
struct PlanVerdicts {
    let context: CommandContext
    let ruleSet: RuleSet
    let rulesDirectory: String
    let language: Language

    private func pick(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    static func written(_ path: String, _ language: Language) -> String {
        (language == .nl ? "\(path): bijgewerkt" : "\(path): updated") + "\n"
    }

    func run(folder: String, update: Bool) -> Int32 {
        let root = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root) else {
            context.printDiagnostics([.error("WB601", "no such folder of plans", nl: "map met plannen bestaat niet", file: folder)])
            return WaarborgCLI.ExitCode.inputError
        }
        let plans = names.filter { $0.hasSuffix(".wbp") || MarkdownDraft.isDraft($0) }.sorted()
        let updateCommand = "waarborg test \(rulesDirectory) --plans \(folder) --update"
        var status = WaarborgCLI.ExitCode.clean
        var expected = Set<String>()
        let evaluator = Evaluator(ruleSet: ruleSet)
        for name in plans {
            let path = root + "/" + name
            let verdictsPath = root + "/" + PlanVerdicts.stem(name) + "." + ExpectedVerdicts.fileExtension
            guard expected.insert(verdictsPath).inserted else {
                context.printDiagnostics([.error(
                    "WB622",
                    "another plan in \(folder) has the same name without its extension; rename one (each plan has its own \(PlanVerdicts.stem(name)).verdicts)",
                    nl: "een ander plan in \(folder) heeft dezelfde naam zonder extensie; hernoem er een (elk plan heeft een eigen \(PlanVerdicts.stem(name)).verdicts)",
                    file: path)])
                status = WaarborgCLI.ExitCode.inputError
                continue
            }
            let (plan, diagnostics) = context.loader.loadPlan(path, ruleSet: ruleSet)
            guard let plan, !diagnostics.hasErrors else {
                context.printDiagnostics(diagnostics)
                status = WaarborgCLI.ExitCode.inputError
                continue
            }
            let evaluation = evaluator.evaluate(plan)
            let text = ExpectedVerdicts.render(evaluation, ruleSet: ruleSet, planFile: name)
            let current = (try? FileAccess.read(verdictsPath, what: FileAccess.What.expectedVerdicts).get()).map { String(decoding: $0.bytes, as: UTF8.self) }
            if current != text {
                if update {
                    if let failure = FileAccess.writeAtomically(text, to: verdictsPath) {
                        context.printDiagnostics([failure])
                        status = WaarborgCLI.ExitCode.inputError
                    } else {
                        context.console.err(PlanVerdicts.written(verdictsPath, language))
                    }
                } else {
                    status = max(status, report(verdictsPath, current: current, now: text, updateCommand: updateCommand))
                }
            }
            if MarkdownDraft.isDraft(name) {
                // The annex section of the draft follows from its blocks and the rules.
                let annex = AnnexCommand(context: context).run([path, update ? "--update" : "--check", "--rules", rulesDirectory])
                status = max(status, annex)
            }
        }
        // Expected verdicts of a plan that is gone would be reviewed as if they were checked.
        for name in names.sorted() where name.hasSuffix("." + ExpectedVerdicts.fileExtension) && !expected.contains(root + "/" + name) {
            let path = root + "/" + name
            if update {
                try? FileManager.default.removeItem(atPath: path)
                context.console.err(pick("\(path): verwijderd (geen plan met die naam)", "\(path): removed (no plan of that name)") + "\n")
            } else {
                context.printDiagnostics([.error(
                    "WB623", "no plan of this name in \(folder); remove the file or run `\(updateCommand)`",
                    nl: "geen plan met deze naam in \(folder); verwijder het bestand of voer `\(updateCommand)` uit", file: path)])
                status = max(status, WaarborgCLI.ExitCode.findings)
            }
        }
        if status == WaarborgCLI.ExitCode.clean, !update {
            context.console.out(pick("\(plans.count) plannen krijgen hun verwachte uitkomsten (\(folder))", "\(plans.count) plans get their expected verdicts (\(folder))") + "\n")
        }
        return status
    }

    /// A difference between the file and the verdicts now: the diff, and an error at the
    /// file's first differing line.
    func report(_ path: String, current: String?, now: String, updateCommand: String) -> Int32 {
        guard let current else {
            context.printDiagnostics([.error(
                "WB624", "the expected verdicts of this plan are missing; run `\(updateCommand)` and review the new file",
                nl: "de verwachte uitkomsten van dit plan ontbreken; voer `\(updateCommand)` uit en lees het nieuwe bestand na", file: path)])
            return WaarborgCLI.ExitCode.findings
        }
        let difference = LineDiff(old: current, new: now)
        context.console.out(difference.unified(
            oldName: pick("\(path) (verwacht)", "\(path) (expected)"), newName: pick("\(path) (volgens de regels nu)", "\(path) (under the rules now)")))
        let file = SourceFile(path: path, text: current)
        let line = difference.lines.firstIndex { if case .same = $0 { false } else { true } } ?? 0
        let offset = file.lineStarts[min(line, max(0, file.lineStarts.count - 1))]
        context.printDiagnostics([.error(
            "WB625",
            "the plan's verdicts under the rules differ from its expected verdicts; review the difference above: if the rules are right, run `\(updateCommand)`",
            nl: "de uitkomsten van het plan volgens de regels wijken af van de verwachte uitkomsten; lees het verschil hierboven na: zijn de regels juist, voer dan `\(updateCommand)` uit",
            at: SourceRange(file: file, start: offset, end: offset))])
        return WaarborgCLI.ExitCode.findings
    }

    /// `zorghub-noord.wbp` → `zorghub-noord`.
    static func stem(_ name: String) -> String {
        String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)])
    }
}
