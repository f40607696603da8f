import Foundation
import WaarborgEngine
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// `waarborg interview [PLAN]`: builds a plan from a conversation that asks only what
/// decides a verdict (docs/interview.md). The plan file is written once, atomically, at
/// the end: Ctrl-C or a bad answer leaves it as it was.
struct InterviewCommand {
    let context: CommandContext

    static let options: [OptionSpec] = [
        .value("lang", "nl|en", allowed: ["nl", "en"], "Language of the questions (default: nl).", nl: "Taal van de vragen (standaard: nl)."),
        .value(
            "answers", "FILE", "Answers from FILE (`key = value` lines; `-`: standard input) instead of a terminal.",
            nl: "Antwoorden uit FILE (regels `key = value`; `-`: standaardinvoer) in plaats van via een terminal."),
        .value(
            "rules", "DIR", "Folder of .wbr rule files (default: the project's rules/).",
            nl: "Map met .wbr-regelbestanden (standaard: de map rules/ van het project)."),
        .flag("plain", "No box drawing or arrows (for screen readers and logs).", nl: "Geen kaders of pijlen (voor schermlezers en logbestanden)."),
        CommandContext.helpOption,
    ]

    static func help(_ language: Language) -> String {
        ArgumentParser.help(
            usage: "waarborg interview [PLAN.wbp] [options]",
            summary: Bilingual(
                """
                Asks for the plan's header and the parties, one conduct checklist for the whole plan (a `no` is stated
                once in the header), and the activities, then per activity only the unknown facts that decide its
                verdict, most decisive first, and writes PLAN (atomically). With an existing PLAN it asks only what is
                still open. Without PLAN the file is named after the plan, in the current folder.
                """,
                nl: """
                Vraagt naar de kop van het plan en de partijen, één gedragschecklist voor het hele plan (een `no` wordt
                één keer in de kop vastgelegd) en de activiteiten, daarna per activiteit alleen de onbekende feiten die
                het oordeel bepalen, de meest beslissende eerst, en schrijft PLAN (atomair). Bij een bestaand PLAN vraagt
                het alleen wat nog open is. Zonder PLAN krijgt het bestand de naam van het plan, in de huidige map.
                """),
            options: options,
            extra: Bilingual(
                """
                Without a terminal, pass the answers: waarborg interview plan.wbp --answers answers.txt
                (lines such as `plan.name = Zorghub Noord`, `party.1.kind = gp_practice`, `plan.no_hire_clause = no`,
                `activity.1.data_age_months = 18`; see docs/interview.md).

                EXIT CODES: 0 plan written; 2 an input or usage error, or no answers without a terminal;
                130 interrupted (the plan file is unchanged).
                """,
                nl: """
                Geef zonder terminal de antwoorden mee: waarborg interview plan.wbp --answers answers.txt
                (regels zoals `plan.name = Zorghub Noord`, `party.1.kind = gp_practice`, `plan.no_hire_clause = no`,
                `activity.1.data_age_months = 18`; zie docs/interview.md).

                EXITCODES: 0 plan geschreven; 2 een invoer- of gebruiksfout, of geen antwoorden zonder terminal;
                130 onderbroken (het planbestand is ongewijzigd).
                """),
            language: language)
    }

    static let interruptedCode: Int32 = 130

    func run(_ arguments: [String]) -> Int32 {
        let parsed: ParsedArguments
        do throws(UsageError) {
            parsed = try ArgumentParser.parse(arguments, options: InterviewCommand.options, command: "interview")
            if parsed.positionals.count > 1 {
                throw UsageError(
                    "`waarborg interview` takes at most one plan, for example `waarborg interview plan.wbp`",
                    nl: "`waarborg interview` neemt hoogstens één plan, bijvoorbeeld `waarborg interview plan.wbp`")
            }
            if let path = parsed.positionals.first, !path.lowercased().hasSuffix(".wbp") {
                throw UsageError(
                    "`waarborg interview` writes .wbp plans; got `\(path)` (convert a JSON or Markdown plan first: `waarborg convert \(path) --to wbp --output plan.wbp`)",
                    nl: "`waarborg interview` schrijft .wbp-plannen; gegeven: `\(path)` (zet een JSON- of Markdown-plan eerst om: `waarborg convert \(path) --to wbp --output plan.wbp`)")
            }
        } catch {
            return context.usageError(error, command: "interview")
        }
        let console = context.console
        if parsed.has("help") {
            console.out(InterviewCommand.help(context.language))
            return WaarborgCLI.ExitCode.clean
        }
        let language = Language(rawValue: parsed.value("lang") ?? "nl") ?? .nl
        let texts = InterviewTexts(language: language, plain: parsed.has("plain"))
        guard parsed.value("answers") != nil || isatty(0) == 1 else {
            console.err(language == .nl
                ? "error: geen terminal om vragen te stellen; geef de antwoorden mee: `waarborg interview plan.wbp --answers antwoorden.txt` (of `--answers -` voor standaardinvoer), met regels als `plan.name = Zorghub Noord` (zie docs/interview.md)\n"
                : "error: no terminal to ask questions on; pass the answers: `waarborg interview plan.wbp --answers answers.txt` (or `--answers -` for standard input), with lines such as `plan.name = Zorghub Noord` (see docs/interview.md)\n")
            return WaarborgCLI.ExitCode.inputError
        }

        let loader = context.loader
        let (loaded, ruleDiagnostics) = loader.loadRuleSet(loader.rulesDirectory(parsed.value("rules")))
        context.printDiagnostics(ruleDiagnostics)
        guard let ruleSet = loaded else { return WaarborgCLI.ExitCode.inputError }

        var draft = PlanDraft()
        let given = parsed.positionals.first
        if let given, FileManager.default.fileExists(atPath: given) {
            let (plan, diagnostics) = loader.loadPlan(given, ruleSet: ruleSet)
            context.printDiagnostics(diagnostics)
            guard let plan, !diagnostics.hasErrors else { return WaarborgCLI.ExitCode.inputError }
            draft = PlanDraft(plan: plan, ruleSet: ruleSet)
        }

        let io: InterviewIO
        var scripted: ScriptedIO?
        if let source = parsed.value("answers") {
            guard let file = readAnswers(source) else { return WaarborgCLI.ExitCode.inputError }
            let (answers, diagnostics) = InterviewAnswers.parse(file, vocabulary: ruleSet.vocabulary)
            context.printDiagnostics(diagnostics)
            guard let answers else { return WaarborgCLI.ExitCode.inputError }
            scripted = ScriptedIO(console: console, answers: answers)
            io = scripted!
        } else {
            io = TerminalIO(console: console, texts: texts)
        }

        var conversation = InterviewConversation(
            ruleSet: ruleSet, texts: texts, io: io, path: given ?? "plan.wbp", today: InterviewCommand.today(), draft: draft)
        do throws(InterviewStop) {
            try conversation.run()
        } catch {
            return stopped(error, texts: texts)
        }
        let path = given ?? InterviewCommand.freePath(for: conversation.draft)
        let (plan, diagnostics) = conversation.draft.check(ruleSet: ruleSet, path: path)
        guard let plan, !diagnostics.hasErrors else {
            context.printDiagnostics(diagnostics)
            return WaarborgCLI.ExitCode.inputError
        }
        if InterruptFlag.isSet { return stopped(.interrupted, texts: texts) }
        // A resumed plan that gained no answer keeps its own layout and comments.
        if conversation.draft.withoutOpenQuestions == draft.withoutOpenQuestions, given != nil {
            console.out(closing(plan: plan, conversation: conversation, scripted: scripted, path: path, ruleSet: ruleSet, texts: texts, written: false))
            return WaarborgCLI.ExitCode.clean
        }
        if let failure = FileAccess.writeAtomically(conversation.draft.finished(plan, ruleSet: ruleSet, texts: texts), to: path) {
            context.printDiagnostics([failure])
            return WaarborgCLI.ExitCode.inputError
        }
        console.out(closing(plan: plan, conversation: conversation, scripted: scripted, path: path, ruleSet: ruleSet, texts: texts, written: true))
        return WaarborgCLI.ExitCode.clean
    }

    private func stopped(_ stop: InterviewStop, texts: InterviewTexts) -> Int32 {
        switch stop {
        case .interrupted:
            context.console.err("\n" + texts.interrupted + "\n")
            return InterviewCommand.interruptedCode
        case .badAnswers(let diagnostics):
            context.printDiagnostics(diagnostics)
            return WaarborgCLI.ExitCode.inputError
        }
    }

    private func readAnswers(_ source: String) -> SourceFile? {
        guard source == "-" else {
            switch FileAccess.read(source, what: FileAccess.What.answersFile) {
            case .success(let file): return file
            case .failure(let diagnostic):
                context.printDiagnostics([diagnostic])
                return nil
            }
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while bytes.count <= FileAccess.maxInputBytes {
            let count = read(0, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            bytes += buffer[..<count]
        }
        return SourceFile(path: "<stdin>", bytes: bytes)
    }

    private func closing(
        plan: Plan, conversation: InterviewConversation, scripted: ScriptedIO?, path: String, ruleSet: RuleSet, texts: InterviewTexts, written: Bool
    ) -> String {
        let evaluation = Evaluator(ruleSet: ruleSet).evaluate(plan)
        var text = "\n" + texts.summaryTitle + "\n"
        for activity in evaluation.activities {
            text += texts.summaryLine(activity.activity.id, activity.verdict.label(texts.language)) + "\n"
        }
        let open = conversation.draft.open.values.reduce(0) { $0 + $1.count }
        text += InterviewLayout.wrap(texts.closing(asked: conversation.asked, answered: conversation.answered, open: open))
        if let scripted {
            let available = scripted.answers.factKeys
            text += InterviewLayout.wrap(texts.unusedAnswers(available.filter { !scripted.used.contains($0) }.count, available: available.count))
        }
        text += (written ? texts.written(path) : texts.unchanged(path)) + "\n"
        text += texts.nextSteps(path)
        return text
    }

    /// Today in UTC, the default date of a new plan.
    static func today() -> DateValue {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return DateValue(year: parts.year ?? 2026, month: parts.month ?? 1, day: parts.day ?? 1) ?? DateValue(year: 2026, month: 1, day: 1)!
    }

    /// A new plan's file, named after the plan in the current folder, never over another.
    static func freePath(for draft: PlanDraft) -> String {
        let name = draft.header.first.map { String($0.dropFirst("plan ".count)) } ?? "plan"
        let base = PlanDraft.identifier(from: name, taken: [], fallback: "plan").replacingOccurrences(of: "_", with: "-")
        var path = base + ".wbp"
        var number = 2
        while FileManager.default.fileExists(atPath: path) {
            path = "\(base)-\(number).wbp"
            number += 1
        }
        return path
    }
}
