import WaarborgModel
import WaarborgSyntax

/// Evaluates a checked rule set on activities. Pure: no I/O, same input, same result.
///
/// The semantics (docs/language.md, "Evaluation"): three-valued conditions; exceptions
/// replace a rule's conclusion; overriding rules remove the rules they override; the worst
/// verdict wins; a permit and a prohibition in one group conflict; a verdict that depends
/// on unknown facts, a conflict, or an activity no rule covers is needs assessment.
///
/// Evaluation is one lean pass that records no tests: only the deciding and uncertain rules
/// are evaluated again with their tests, for the safeguards, questions and parameters the
/// verdict rests on. Full traces, remedies and question outcomes are `detail`.
public struct Evaluator: Sendable {
    public let ruleSet: RuleSet
    /// The rule set compiled for the lean evaluation, once per evaluator.
    public let program: CompiledRuleSet
    /// By activity kind, by fact: whether some rule of the kind (verdict or note) tests it.
    /// What an activity's evaluation can depend on: the warning of a stated fact no rule
    /// reads (`UnreadFacts`), and what `DetailWork` compares to reuse a detail.
    let factsRead: [[Bool]]

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        self.program = CompiledRuleSet(ruleSet)
        let facts = ruleSet.vocabulary.facts.count
        self.factsRead = ruleSet.rulesByKind.indices.map { kind in
            var tested = [Bool](repeating: false, count: facts)
            for index in ruleSet.rulesByKind[kind] + ruleSet.notesByKind[kind] {
                let rule = ruleSet.rules[index]
                for fact in rule.condition?.facts ?? [] { tested[fact] = true }
                for exception in rule.exceptions {
                    for fact in exception.condition.facts { tested[fact] = true }
                }
            }
            return tested
        }
    }

    /// Whether a rule for activities of `kind` tests `fact`.
    func reads(_ fact: Int, kind: Int) -> Bool { kind < factsRead.count && fact < factsRead[kind].count && factsRead[kind][fact] }

    /// Evaluates every activity of a plan on a date (by default the plan's own).
    public func evaluate(_ plan: Plan, asOf: DateValue? = nil) -> PlanEvaluation {
        let date = EvaluationContext.date(of: plan, asOf: asOf)
        var activities = PlanEvaluator(evaluator: self).evaluate(plan.activities, on: date)
        var waiverDiagnostics: [Diagnostic] = []
        var worst: Verdict?
        for index in activities.indices {
            if !activities[index].activity.waivers.isEmpty { waiverDiagnostics += applyWaivers(&activities[index], on: date) }
            worst = max(worst ?? activities[index].verdict, activities[index].verdict)
        }
        let verdict = worst ?? .needsAssessment
        return PlanEvaluation(
            plan: plan, asOf: date, verdict: verdict, activities: activities,
            diagnostics: missingParameterDiagnostics(activities, date: date, plan: plan) + expiryDiagnostics(activities, date: date)
                + waiverDiagnostics + UnreadFacts(evaluator: self).diagnostics(plan.activities))
    }

    /// Evaluates one activity: its verdict and what decided it.
    public func evaluate(_ activity: Activity, on date: DateValue) -> ActivityEvaluation {
        PlanEvaluator.evaluation(activity, evaluateCore(activity, on: date, traced: false))
    }

    /// The full trace, the questions that matter (with where each answer leads) and the
    /// remedies of an evaluated activity.
    public func detail(_ evaluation: ActivityEvaluation, on date: DateValue) -> ActivityDetail {
        let work = DetailWork(evaluator: self, date: date, keepsTraces: true)
        return work.detail(evaluation)
    }

    /// Every rule's trace for an activity, without remedies or question outcomes.
    public func traces(_ activity: Activity, on date: DateValue) -> [RuleTrace] {
        evaluateCore(activity, on: date, traced: true).traces
    }

    /// Evaluation and detail at once (tests, explanations of one activity).
    public func evaluateInDetail(_ activity: Activity, on date: DateValue) -> (ActivityEvaluation, ActivityDetail) {
        let evaluation = evaluate(activity, on: date)
        return (evaluation, detail(evaluation, on: date))
    }

    struct Core {
        var verdict: Verdict
        var determination: Determination
        var lowest: Verdict
        var highest: Verdict
        var deciding: [Int]
        var fired: [Int]
        var applying: [Int]
        /// The candidate rules' traces (`TraceScope`): every one's when traced, only the
        /// deciding rules' for a report, none for the lean evaluation.
        var traces: [RuleTrace]
        var questions: [Question]
        var required: [Int]
        var recommended: [Int]
        var parameterUses: [ParameterUse]
        var missingParameters: [Int]
        var conflicts: [[Int]]
        var notes: [NoteOutcome]
        /// The exceptions of the deciding rules that apply.
        var decidingExceptions: [ExceptionReference]
        /// The lowering routes still open (`Combination.Outcome.routes`).
        var routes: [Int] = []
    }

    /// What one rule can contribute before overrides and conflicts are considered.
    struct Draft {
        let rule: Int
        let status: RuleStatus
        let held: [Int]
        var lowest: Verdict?
        var highest: Verdict?
        /// Bit n: exception n is unknown and would lower the contribution (`Combination`).
        var lowering: UInt64 = 0
        /// With `traced`: the condition's and the exceptions' tests.
        var condition: ConditionTrace?
        var exceptions: [ExceptionTrace] = []
    }

    /// One evaluation's drafts, computed on demand so a rule testing `rule X applies` finds
    /// X's status whatever the order (the checker refuses circles).
    private final class Session {
        let candidates: [Int]
        /// The position of each candidate rule, by rule index (-1: not a candidate).
        let position: [Int]
        var drafts: [Draft?]
        var inProgress: [Bool]
        var conditions: ConditionEvaluator!
        let traced: Bool
        let date: DateValue

        init(candidates: [Int], position: [Int], traced: Bool, date: DateValue) {
            self.candidates = candidates
            self.position = position
            self.drafts = [Draft?](repeating: nil, count: candidates.count)
            self.inProgress = [Bool](repeating: false, count: candidates.count)
            self.traced = traced
            self.date = date
        }

        func draft(_ rule: Rule) -> Draft? {
            let slot = position[rule.index]
            guard slot >= 0, !inProgress[slot] else { return nil }
            if let known = drafts[slot] { return known }
            inProgress[slot] = true
            let result = Evaluator.draft(rule, conditions: conditions, date: date, traced: traced)
            inProgress[slot] = false
            drafts[slot] = result
            return result
        }
    }

    /// One activity's verdict and what decided it; with `traced`, every rule's trace too.
    /// Without, the compiled rules decide (`LeanSession`), with the same results.
    func evaluateCore(_ activity: Activity, on date: DateValue, traced: Bool) -> Core {
        if !traced && program.isUsable {
            var session = LeanSession(context: LeanContext(evaluator: self, date: date))
            return session.evaluate(activity)
        }
        return treeCore(activity, on: date, traced: traced)
    }

    /// Which rules' traces an evaluation on the condition trees makes.
    enum TraceScope {
        /// None (`Core.traces` is empty).
        case none
        /// Only the deciding rules', in the order of the candidates: what a report's
        /// reasons are made of. Every other rule is evaluated without recording its tests.
        case deciding
        /// Every candidate rule's, for `explain` and `--trace`.
        case all
    }

    /// The evaluation on the condition trees, with `ConditionEvaluator`: the traces of
    /// `detail` and `traces`, and the reference the compiled evaluation is tested against.
    func treeCore(_ activity: Activity, on date: DateValue, traced: Bool) -> Core {
        treeCore(activity, on: date, scope: traced ? .all : .none)
    }

    /// `firstPass`: the candidates' untraced drafts when the caller has them from the
    /// compiled rules (`LeanSession.drafts`, the same drafts); ignored when every rule is
    /// traced.
    func treeCore(_ activity: Activity, on date: DateValue, scope: TraceScope, firstPass: [Draft]? = nil) -> Core {
        let traced = scope == .all
        let ruleSet = self.ruleSet
        let candidates = ruleSet.rulesByKind[activity.kind]
        let session = Session(candidates: candidates, position: ruleSet.positionInKind[activity.kind], traced: traced, date: date)
        var conditions = ConditionEvaluator(ruleSet: ruleSet, activity: activity, date: date)
        // `unowned`: the evaluator asks the session, which holds the evaluator; no cycle.
        conditions.ruleStatus = { [unowned session] index in
            guard let draft = session.draft(ruleSet.rules[index]) else { return .no }
            switch draft.status {
            case .applies: return .yes
            case .mayApply: return .unknown
            default: return .no
            }
        }
        session.conditions = conditions
        var drafts: [Draft] = (traced ? nil : firstPass) ?? candidates.map { session.draft(ruleSet.rules[$0])! }

        // Notes inform; they never reach or change a verdict.
        var notes: [NoteOutcome] = []
        for index in ruleSet.notesByKind[activity.kind] where ruleSet.rules[index].isInForce(on: date) {
            let result = ruleSet.rules[index].condition.map { conditions.truth($0) } ?? .yes
            if result != .no { notes.append(NoteOutcome(rule: index, applies: result)) }
        }

        // The combination is `Combination`'s, on the same slots the compiled path fills.
        let scratch = LeanScratch(factCount: 0, nodeCount: 0, slotCount: candidates.count)
        for (slot, draft) in drafts.enumerated() {
            scratch.status[slot] = draft.status
            scratch.lowest[slot] = draft.lowest
            scratch.highest[slot] = draft.highest
            var mask: UInt64 = 0
            for index in draft.held { mask |= 1 << UInt64(index) }
            scratch.held[slot] = mask
            scratch.lowering[slot] = draft.lowering
        }
        let outcome = Combination.combine(
            scratch, count: candidates.count, candidates: candidates, position: session.position, program: program)
        var conflictsWith = [[Int]](repeating: [], count: candidates.count)
        for pair in outcome.conflicts {
            conflictsWith[session.position[pair[0]]].append(pair[1])
            conflictsWith[session.position[pair[1]]].append(pair[0])
        }
        let overridden = candidates.indices.map { scratch.overridden[$0] }
        let overriddenBy = outcome.overriddenBy.isEmpty ? [[Int]](repeating: [], count: candidates.count) : outcome.overriddenBy
        for slot in candidates.indices {
            drafts[slot].lowest = scratch.lowest[slot]
            drafts[slot].highest = scratch.highest[slot]
        }
        let conflicts = outcome.conflicts
        let verdict = outcome.verdict
        let lowest = outcome.lowest
        let highest = outcome.highest
        let determination = outcome.determination
        let decidingSlots = (0..<outcome.decidingCount).map { scratch.deciding[$0] }
        func contributes(_ slot: Int) -> Bool { scratch.contributes(slot) }
        let contributing = candidates.indices.filter(contributes)
        let definiteSlots = contributing.filter { scratch.certain($0) }

        // The rules the verdict rests on, and those whose outcome is open, are evaluated
        // again with their tests: for safeguards, questions and parameters.
        var detailed: [Int: Draft] = [:]
        func tested(_ slot: Int) -> Draft {
            if traced { return drafts[slot] }
            if let known = detailed[slot] { return known }
            var draft = Evaluator.draft(ruleSet.rules[candidates[slot]], conditions: conditions, date: date, traced: true)
            draft.lowest = drafts[slot].lowest
            draft.highest = drafts[slot].highest
            detailed[slot] = draft
            return draft
        }
        let focus = Set(candidates.indices.filter { scratch.focus[$0] })

        var questions: [Question] = []
        if outcome.asks {
            var rulesByFact: [Int: [Int]] = [:]
            func add(_ facts: [Int], _ rule: Int) {
                for fact in facts where !(rulesByFact[fact]?.contains(rule) ?? false) { rulesByFact[fact, default: []].append(rule) }
            }
            for slot in focus.sorted() {
                let draft = tested(slot)
                if let condition = draft.condition { add(condition.unknownFacts, candidates[slot]) }
                if draft.status == .applies || draft.status == .mayApply {
                    for exception in draft.exceptions { add(exception.condition.unknownFacts, candidates[slot]) }
                }
            }
            questions = rulesByFact.keys.sorted().map { Question(fact: $0, rules: sortByID(rulesByFact[$0]!)) }
        }

        var required: [Int] = []
        var recommended: [Int] = []
        for slot in decidingSlots {
            let rule = ruleSet.rules[candidates[slot]]
            if verdict == .allowedWithSafeguards {
                let draft = tested(slot)
                var held: [TestTrace] = draft.condition?.tests ?? []
                for exception in draft.exceptions where draft.held.contains(exception.exception) { held += exception.condition.tests }
                for test in held where test.result == .yes {
                    for safeguard in test.safeguards where !required.contains(safeguard) { required.append(safeguard) }
                }
            }
            if verdict != .prohibited {
                for safeguard in rule.recommends where !recommended.contains(safeguard) { recommended.append(safeguard) }
            }
        }
        recommended.removeAll { required.contains($0) }

        var uses: [ParameterUse] = []
        var missing: [Int] = []
        for slot in focus.sorted() {
            let draft = tested(slot)
            var tests = draft.condition?.tests ?? []
            for exception in draft.exceptions { tests += exception.condition.tests }
            for test in tests { if let use = test.parameter, !uses.contains(use) { uses.append(use) } }
            // A parameter with no value in force matters only where it leaves a condition
            // undecided; a condition already failed on other facts does not need it.
            var undecided: [TestTrace] = []
            if draft.condition?.result == .unknown { undecided += draft.condition!.tests }
            if contributes(slot) {
                for exception in draft.exceptions where exception.condition.result == .unknown { undecided += exception.condition.tests }
            }
            for test in undecided {
                if let use = test.parameter, use.version == nil, !missing.contains(use.parameter) { missing.append(use.parameter) }
            }
        }

        var traces: [RuleTrace] = []
        let tracedSlots: [Int]
        switch scope {
        case .none: tracedSlots = []
        case .deciding: tracedSlots = decidingSlots.sorted()
        case .all: tracedSlots = Array(candidates.indices)
        }
        for slot in tracedSlots {
            let index = candidates[slot]
            // The deciding rules' drafts with their tests (the whole session's, when traced).
            let draft = tested(slot)
            traces.append(RuleTrace(
                rule: index, status: draft.status, condition: draft.condition, exceptions: draft.exceptions,
                heldExceptions: draft.held, lowest: draft.lowest, highest: draft.highest, overridden: overridden[slot],
                overriddenBy: overriddenBy[slot], conflictsWith: conflictsWith[slot]))
        }
        return Core(
            verdict: verdict, determination: determination, lowest: lowest, highest: highest,
            deciding: sortByID(decidingSlots.map { candidates[$0] }), fired: sortByID(definiteSlots.map { candidates[$0] }),
            applying: candidates.indices.filter { drafts[$0].status == .applies || drafts[$0].status == .mayApply }.map { candidates[$0] },
            traces: traces, questions: questions, required: required, recommended: recommended, parameterUses: uses,
            missingParameters: missing, conflicts: conflicts, notes: notes,
            decidingExceptions: decidingSlots.flatMap { slot in drafts[slot].held.map { ExceptionReference(rule: candidates[slot], exception: $0) } },
            routes: outcome.routes)
    }

    static func draft(_ rule: Rule, conditions: ConditionEvaluator, date: DateValue, traced: Bool) -> Draft {
        guard rule.isInForce(on: date) else {
            return Draft(rule: rule.index, status: .notInForce, held: [])
        }
        var conditionTrace: ConditionTrace?
        let truth: Truth
        if let condition = rule.condition {
            if traced {
                conditionTrace = conditions.evaluate(condition)
                truth = conditionTrace!.result
            } else {
                truth = conditions.truth(condition)
            }
        } else {
            truth = .yes
        }
        let status: RuleStatus
        switch truth {
        case .yes: status = .applies
        case .no: status = .notApplicable
        case .unknown: status = .mayApply
        }
        guard status != .notApplicable else {
            var draft = Draft(rule: rule.index, status: status, held: [])
            draft.condition = conditionTrace
            return draft
        }
        var held: [Int] = []
        var maybe: [Int] = []
        var exceptionTraces: [ExceptionTrace] = []
        for exception in rule.exceptions {
            let result: Truth
            if traced {
                let trace = ExceptionTrace(exception: exception.index, condition: conditions.evaluate(exception.condition))
                exceptionTraces.append(trace)
                result = trace.condition.result
            } else {
                result = conditions.truth(exception.condition)
            }
            if result == .yes { held.append(exception.index) } else if result == .unknown { maybe.append(exception.index) }
        }
        var heldMask: UInt64 = 0
        var maybeMask: UInt64 = 0
        for index in held { heldMask |= 1 << UInt64(index) }
        for index in maybe { maybeMask |= 1 << UInt64(index) }
        let contribution = rule.hasNestedExceptions
            ? Combination.nestedContribution(
                of: rule.conclusion, count: rule.exceptions.count, held: heldMask, maybe: maybeMask,
                parent: { rule.exceptions[$0].parent ?? -1 }, exception: { rule.exceptions[$0].conclusion })
            : Combination.contribution(of: rule.conclusion, held: heldMask, maybe: maybeMask) { rule.exceptions[$0].conclusion }
        let lowest = contribution.lowest
        let highest = contribution.highest
        // Only the exceptions that decide: those that hold inside exceptions that hold.
        held = held.filter { contribution.held & (1 << UInt64($0)) != 0 }
        var draft = Draft(rule: rule.index, status: status, held: held, lowest: lowest, highest: highest)
        draft.lowering = contribution.lowering
        draft.condition = conditionTrace
        draft.exceptions = exceptionTraces
        return draft
    }

    /// Rule indices in id order, by a precomputed rank (no string comparisons).
    func sortByID(_ rules: [Int]) -> [Int] {
        var unique = rules
        unique.sort { ruleSet.idRank[$0] < ruleSet.idRank[$1] }
        var result: [Int] = []
        for rule in unique where result.last != rule { result.append(rule) }
        return result
    }

    // MARK: Waivers

    /// A finding is waived when every rule that decides it is waived by a waiver still in
    /// force. An expired waiver is an error; a waiver of a rule that does not decide the
    /// activity is a warning (it waives nothing).
    private func applyWaivers(_ evaluation: inout ActivityEvaluation, on date: DateValue) -> [Diagnostic] {
        let activity = evaluation.activity
        guard !activity.waivers.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        var valid: [Waiver] = []
        for waiver in activity.waivers {
            let rule = ruleSet.rules[waiver.rule]
            if waiver.expires < date {
                diagnostics.append(.error(
                    "WB510", "the waiver of \(rule.id) for activity `\(activity.id)` expired on \(waiver.expires); assess the finding again and renew or remove the waiver",
                    nl: "de waiver van \(rule.id) voor activiteit `\(activity.id)` is verlopen op \(waiver.expires); beoordeel de bevinding opnieuw en verleng of verwijder de waiver",
                    at: waiver.range))
                continue
            }
            if !evaluation.deciding.contains(waiver.rule) || evaluation.verdict == .allowed {
                diagnostics.append(.warning(
                    "WB511", "the waiver of \(rule.id) waives nothing: \(rule.id) does not decide activity `\(activity.id)` as of \(date)",
                    nl: "de waiver van \(rule.id) heeft geen effect: \(rule.id) bepaalt op \(date) het oordeel over activiteit `\(activity.id)` niet",
                    at: waiver.range))
                continue
            }
            valid.append(waiver)
        }
        let waivedRules = Set(valid.map(\.rule))
        if !evaluation.deciding.isEmpty, evaluation.verdict > .allowed, evaluation.deciding.allSatisfy(waivedRules.contains) {
            evaluation.waivedBy = valid.filter { evaluation.deciding.contains($0.rule) }
        }
        return diagnostics
    }

    // MARK: Diagnostics

    /// How far ahead a lapsing rule or parameter value is announced.
    public static let expiryWarningDays = 90

    /// Warns when a rule or parameter value the plan relies on lapses soon after the
    /// evaluation date, or when a rule for an activity's kind takes effect soon.
    private func expiryDiagnostics(_ activities: [ActivityEvaluation], date: DateValue) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // By rule index (a plan has many activities and few rules: no hashing per activity).
        var reportedRules = [Bool](repeating: false, count: ruleSet.rules.count)
        var reportedVersions = Set<[Int]>()
        let today = date.ordinal
        func soon(_ day: DateValue) -> Int? {
            let days = day.ordinal - today
            return days > 0 && days <= Evaluator.expiryWarningDays ? days : nil
        }
        func dutchDays(_ days: Int) -> String { days == 1 ? "1 dag" : "\(days) dagen" }
        func englishDays(_ days: Int) -> String { days == 1 ? "1 day" : "\(days) days" }
        // Only rules that lapse or take effect soon, and parameters with dated values, can
        // be reported; most plans have none, and then the activities need no look.
        let compiled = program.rules
        let window = (today + 1)...(today + Evaluator.expiryWarningDays)
        let someRuleLapses = compiled.contains { window.contains($0.validUntil) }
        let someRuleStarts = compiled.contains { window.contains($0.validFrom) }
        let someParameterChanges = ruleSet.parameters.contains { $0.versions.contains { $0.until.map { window.contains($0.ordinal) } ?? false } }
        guard someRuleLapses || someRuleStarts || someParameterChanges else { return [] }
        for evaluation in activities {
            for index in evaluation.applying where someRuleLapses && window.contains(compiled[index].validUntil) {
                let rule = ruleSet.rules[index]
                if let until = rule.validUntil, let days = soon(until), !reportedRules[rule.index] {
                    reportedRules[rule.index] = true
                    diagnostics.append(.warning(
                        "WB502", "rule \(rule.id), which activity `\(evaluation.activity.id)` relies on, lapses on \(until) (in \(englishDays(days))); check what applies after that date with --as-of \(until)",
                        nl: "regel \(rule.id), waarop activiteit `\(evaluation.activity.id)` steunt, vervalt op \(until) (over \(dutchDays(days))); controleer met --as-of \(until) wat daarna geldt",
                        at: evaluation.activity.range, notes: [DiagnosticNote("the rule is here", nl: "hier staat de regel", at: rule.range)]))
                }
            }
            for use in evaluation.parameterUses where someParameterChanges {
                guard let version = use.version else { continue }
                let versions = ruleSet.parameters[use.parameter].versions
                let value = versions[version]
                guard let until = value.until, let days = soon(until), !reportedVersions.contains([use.parameter, version]) else { continue }
                // A new period with the same value (only its source changes) leaves every
                // verdict as it is: nothing to check, so nothing to say.
                if let next = ParameterVersion.inForce(on: until, among: versions), versions[next].value == value.value { continue }
                reportedVersions.insert([use.parameter, version])
                diagnostics.append(.warning(
                    "WB502", "parameter \(ruleSet.parameters[use.parameter].id), which activity `\(evaluation.activity.id)` relies on, changes on \(until) (in \(englishDays(days))); check the verdict with --as-of \(until)",
                    nl: "parameter \(ruleSet.parameters[use.parameter].id), waarop activiteit `\(evaluation.activity.id)` steunt, verandert op \(until) (over \(dutchDays(days))); controleer het oordeel met --as-of \(until)",
                    at: evaluation.activity.range, notes: [DiagnosticNote("the value is here", nl: "hier staat de waarde", at: value.range)]))
            }
            for index in ruleSet.rulesByKind[evaluation.activity.kind] where someRuleStarts && !reportedRules[index] && window.contains(compiled[index].validFrom) {
                let rule = ruleSet.rules[index]
                guard let from = rule.validFrom, let days = soon(from) else { continue }
                reportedRules[index] = true
                diagnostics.append(.warning(
                    "WB503", "rule \(rule.id) about activities like `\(evaluation.activity.id)` takes effect on \(from) (in \(englishDays(days))); check the verdict with --as-of \(from)",
                    nl: "regel \(rule.id) over activiteiten zoals `\(evaluation.activity.id)` treedt in werking op \(from) (over \(dutchDays(days))); controleer het oordeel met --as-of \(from)",
                    at: evaluation.activity.range, notes: [DiagnosticNote("the rule is here", nl: "hier staat de regel", at: rule.range)]))
            }
        }
        return diagnostics
    }

    private func missingParameterDiagnostics(_ activities: [ActivityEvaluation], date: DateValue, plan: Plan) -> [Diagnostic] {
        var reported = Set<Int>()
        var diagnostics: [Diagnostic] = []
        for evaluation in activities {
            for index in evaluation.missingParameters where !reported.contains(index) {
                reported.insert(index)
                let parameter = ruleSet.parameters[index]
                diagnostics.append(.error(
                    "WB501",
                    "parameter `\(parameter.id)` has no value in force on \(date), which activity `\(evaluation.activity.id)` needs; check the date or add a value for it to the rule set",
                    nl: "parameter `\(parameter.id)` heeft op \(date) geen geldende waarde, terwijl activiteit `\(evaluation.activity.id)` die nodig heeft; controleer de datum of voeg voor die datum een waarde toe aan de regelset",
                    at: evaluation.activity.range,
                    notes: [DiagnosticNote("the parameter is declared here", nl: "hier is de parameter gedeclareerd", at: parameter.range)]))
            }
        }
        return diagnostics
    }
}
