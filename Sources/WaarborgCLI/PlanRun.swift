import Foundation
import WaarborgEngine
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// The inputs every plan command shares: the evaluation context (rule set, date, language),
/// the plans with optional answers applied, and their evaluations. Loading prints
/// diagnostics; any error means exit code 2 and no output.
struct PlanRun {
    /// One checked plan (answers applied), its evaluation, and the warnings found on the
    /// way, those of its evaluation included.
    typealias Entry = (plan: Plan, evaluation: PlanEvaluation, diagnostics: [Diagnostic])

    /// Built once from the command's options and passed whole to the engine and reports.
    let context: EvaluationContext
    /// Every plan, in the order named: loaded, checked and evaluated before anything is
    /// written (so an error in the last plan still means no output at all). The details a
    /// report needs are assessed per plan as it is reported.
    let checked: Plans

    var ruleSet: RuleSet { context.ruleSet }

    /// The first plan's evaluation with its diagnostics (the commands that take one plan).
    var first: (evaluation: PlanEvaluation, diagnostics: [Diagnostic])? {
        // A single plan is always kept (`load`).
        guard checked.count > 0, case .success(let entry) = checked.entry(0) else { return nil }
        return (entry.evaluation, entry.diagnostics)
    }

    /// A plan's evaluation with the details of its activities, for the reports.
    func assess(_ evaluation: PlanEvaluation) -> PlanAssessment { context.assess(evaluation) }

    static let options: [OptionSpec] = [
        .value(
            "rules", "DIR", "Folder of .wbr rule files (default: the project's rules/).",
            nl: "Map met .wbr-regelbestanden (standaard: de map rules/ van het project)."),
        .value(
            "as-of", "YYYY-MM-DD", "Evaluate the law in force on this date (default: the plan's date).",
            nl: "Pas het recht toe dat op deze datum geldt (standaard: de datum van het plan)."),
        .value(
            "answers", "FILE", "Answers to open questions (.wba, or .json) for the plan, without editing it.",
            nl: "Antwoorden op open vragen (.wba of .json) voor het plan, zonder het plan te bewerken."),
    ]

    /// Plans are kept from loading to reporting while they hold at most this many activities
    /// together; later ones are read again when their turn comes. Checking an umbrella
    /// organisation's every consortium (10 plans of 10,000 activities) then needs the memory
    /// of one plan and its report, not of all of them (issue 15: under 500 MB), at the cost
    /// of reading those plans twice; runs of a few ordinary plans read each once.
    /// `WAARBORG_KEPT_ACTIVITIES` sets another number (0: read every plan of several again).
    static let keptActivities = 5_000

    /// `WAARBORG_KEPT_ACTIVITIES`, or the default; nil after printing why the setting is wrong.
    private static func keptActivities(_ context: CommandContext) -> Int? {
        guard let setting = context.environment["WAARBORG_KEPT_ACTIVITIES"] else { return keptActivities }
        if let number = Int(setting.trimmingCharacters(in: .whitespaces)), number >= 0 { return number }
        context.printDiagnostics([
            .error(
                "WB615", "WAARBORG_KEPT_ACTIVITIES is `\(setting)`: it takes a whole number of activities, such as 5000 (0: keep none); unset it for the default, \(keptActivities)",
                nl: "WAARBORG_KEPT_ACTIVITIES is `\(setting)`: de variabele neemt een geheel getal activiteiten, zoals 5000 (0: geen bewaren); verwijder haar voor de standaardwaarde, \(keptActivities)",
                at: nil)
        ])
        return nil
    }

    /// Loads and evaluates; returns nil after printing the errors that stand in the way.
    /// The language is the command's `--lang` (default Dutch); `keepsTraces` is for the
    /// commands that print every rule's trace.
    static func load(_ parsed: ParsedArguments, context: CommandContext, asOf: DateValue?, keepsTraces: Bool = false) -> PlanRun? {
        guard let keptActivities = keptActivities(context) else { return nil }
        let loader = context.loader
        let (loaded, ruleDiagnostics) = loader.loadRuleSet(loader.rulesDirectory(parsed.value("rules")))
        context.printDiagnostics(ruleDiagnostics)
        guard let ruleSet = loaded else { return nil }
        let evaluation = EvaluationContext(
            ruleSet: ruleSet, asOf: asOf, language: Language(rawValue: parsed.value("lang") ?? "nl") ?? .nl, keepsTraces: keepsTraces)
        let reader = PlanReader(loader: loader, answers: parsed.value("answers"), context: evaluation)
        var plans: [Plans.Slot] = []
        var failed = false
        var kept = 0
        // Plans are read a few at a time, one per core: a run over many large plans reads
        // them in parallel, yet holds no more than a batch beyond those it keeps.
        let paths = parsed.positionals
        let batch = max(1, ProcessInfo.processInfo.activeProcessorCount)
        for start in stride(from: 0, to: paths.count, by: batch) {
            let chunk = Array(paths[start..<min(start + batch, paths.count)])
            let alone = chunk.count == 1
            for (path, (entry, diagnostics)) in zip(chunk, ParallelMap.map(chunk) { reader.read($0, alone: alone) }) {
                context.printDiagnostics(diagnostics)
                guard let entry else {
                    failed = true
                    continue
                }
                kept += entry.plan.activities.count
                // Standard input cannot be read twice; a single plan is reported once anyway.
                if kept <= keptActivities || paths.count == 1 || FileAccess.isStandardInput(path) {
                    plans.append(.kept(entry))
                } else {
                    plans.append(.again(path: path, bytes: PlanReader.Fingerprint(entry.plan.file.bytes)))
                }
            }
        }
        return failed ? nil : PlanRun(context: evaluation, checked: Plans(slots: plans, reader: reader))
    }

    /// The checked plans in order; those not kept are read, checked and evaluated again as
    /// they are reached, with the same result (the same bytes give the same plan).
    struct Plans {
        enum Slot {
            case kept(Entry)
            case again(path: String, bytes: PlanReader.Fingerprint)
        }

        let slots: [Slot]
        fileprivate let reader: PlanReader

        var count: Int { slots.count }

        /// The plan at `index`, or the error that a plan read again no longer reads as it
        /// did when it was checked (its file changed while the run went on).
        func entry(_ index: Int) -> Result<Entry, Diagnostic> {
            switch slots[index] {
            case .kept(let entry): return .success(entry)
            case .again(let path, let bytes):
                let (entry, diagnostics) = reader.read(path)
                guard let entry, !diagnostics.hasErrors, PlanReader.Fingerprint(entry.plan.file.bytes) == bytes else {
                    return .failure(
                        .error(
                            "WB614", "this plan changed while waarborg was checking it; nothing more is written: run the check again",
                            nl: "dit plan is gewijzigd terwijl waarborg het controleerde; er wordt niets meer geschreven: voer de controle opnieuw uit", file: path))
                }
                return .success(entry)
            }
        }

        /// Calls `body` with every plan in order, until it returns false; a plan read again
        /// is held only while `body` reports it. (Reading the next one on another thread
        /// while one is reported took the 10 plans of 10,000 from 38 s to 33 s, but held
        /// two plans and a report at once: 625 MB, over issue 15's 500.)
        func forEach(_ body: (Result<Entry, Diagnostic>) -> Bool) {
            for index in slots.indices {
                guard body(entry(index)) else { return }
            }
        }

        /// Every plan in order (holding all of them at once), or the first failure.
        func all() -> Result<[Entry], Diagnostic> {
            var entries: [Entry] = []
            for index in slots.indices {
                switch entry(index) {
                case .success(let entry): entries.append(entry)
                case .failure(let failure): return .failure(failure)
                }
            }
            return .success(entries)
        }
    }
}

/// Reads one plan as every plan command does: the file (`.wbp`, JSON or a Markdown draft),
/// the answers file when given, and the evaluation, with every diagnostic on the way.
struct PlanReader {
    let loader: Loader
    let answers: String?
    let context: EvaluationContext

    /// `alone`: no other plan is read meanwhile (see `Loader.loadPlan`).
    func read(_ path: String, alone: Bool = true) -> (PlanRun.Entry?, [Diagnostic]) {
        let ruleSet = context.ruleSet
        let (loaded, planDiagnostics) = loader.loadPlan(path, ruleSet: ruleSet, alone: alone)
        guard var plan = loaded else { return (nil, planDiagnostics) }
        var diagnostics = planDiagnostics
        if let answers {
            let (answered, answerDiagnostics) = loader.applyAnswers(answers, to: plan, ruleSet: ruleSet)
            diagnostics += answerDiagnostics
            guard let answered else { return (nil, diagnostics) }
            plan = answered
        }
        let evaluated = context.evaluate(plan)
        diagnostics += evaluated.diagnostics
        return diagnostics.hasErrors ? (nil, diagnostics) : ((plan, evaluated, diagnostics), diagnostics)
    }

    /// What is compared of a plan's bytes when it is read again: its length and a 64-bit
    /// digest (FNV-1a, `Fingerprint.value`), enough to notice a file replaced while the run
    /// goes on.
    struct Fingerprint: Equatable {
        let length: Int
        let digest: UInt64

        init(_ bytes: [UInt8]) { (length, digest) = (bytes.count, WaarborgReport.Fingerprint.value(bytes)) }
    }
}
