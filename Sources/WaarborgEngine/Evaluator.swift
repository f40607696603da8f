import WaarborgModel
import WaarborgSyntax

/// Evaluates a checked rule set on activities. Pure: no I/O, same input, same result.
///
/// The semantics (docs/language.md, "Evaluation"): three-valued conditions; exceptions
/// replace a rule's conclusion; overriding rules remove the rules they override; the worst
/// verdict wins; a permit and a prohibition in one group conflict; a verdict that depends
/// on unknown facts, a conflict, or an activity no rule covers is needs assessment.
public struct Evaluator: Sendable {
    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    /// Evaluates every activity of a plan on a date (by default the plan's own).
    public func evaluate(_ plan: Plan, asOf: DateValue? = nil) -> PlanEvaluation {
        let date = asOf ?? plan.date
        var activities = plan.activities.map { evaluate($0, on: date) }
        var waiverDiagnostics: [Diagnostic] = []
        for index in activities.indices {
            waiverDiagnostics += applyWaivers(&activities[index], on: date)
        }
        let verdict = activities.map(\.verdict).max() ?? .needsAssessment
        return PlanEvaluation(
            plan: plan, asOf: date, verdict: verdict, activities: activities,
            diagnostics: missingParameterDiagnostics(activities, date: date, plan: plan) + expiryDiagnostics(activities, date: date)
                + waiverDiagnostics)
    }

    /// Evaluates one activity, with remedies.
    public func evaluate(_ activity: Activity, on date: DateValue) -> ActivityEvaluation {
        let core = evaluateCore(activity, on: date)
        let remedies = core.verdict > .allowedWithSafeguards
            ? RemedyFinder(evaluator: self, date: date).remedies(for: activity, current: core) : []
        let outcomes = QuestionOutcomes(evaluator: self, date: date)
        // A question stays only when some answer narrows what the verdict can be.
        let questions = core.questions.compactMap { question -> Question? in
            guard let answers = outcomes.outcomes(for: question.fact, activity: activity, current: (core.lowest, core.highest)) else { return nil }
            return Question(
                fact: question.fact, rules: question.rules, outcomes: answers,
                unknownAttributes: activity.unknownDerivations[question.fact] ?? [])
        }
        return ActivityEvaluation(
            activity: activity, verdict: core.verdict, determination: core.determination, lowest: core.lowest,
            highest: core.highest, deciding: core.deciding,
            fired: core.fired, traces: core.traces, questions: questions, requiredSafeguards: core.required,
            recommendedSafeguards: core.recommended, remedies: remedies, parameterUses: core.parameterUses,
            missingParameters: core.missingParameters, conflicts: core.conflicts, notes: core.notes)
    }

    struct Core {
        var verdict: Verdict
        var determination: Determination
        var lowest: Verdict
        var highest: Verdict
        var deciding: [Int]
        var fired: [Int]
        var traces: [RuleTrace]
        var questions: [Question]
        var required: [Int]
        var recommended: [Int]
        var parameterUses: [ParameterUse]
        var missingParameters: [Int]
        var conflicts: [[Int]]
        var notes: [NoteOutcome]
    }

    /// What one rule can contribute before overrides and conflicts are considered.
    private struct Draft {
        let rule: Int
        let status: RuleStatus
        let condition: ConditionTrace?
        let exceptions: [ExceptionTrace]
        let held: [Int]
        var lowest: Verdict?
        var highest: Verdict?
    }

    /// Drafts computed on demand, so a rule testing `rule X applies` finds X's status
    /// whatever the order (the checker refuses circles).
    private final class Drafts {
        var drafts: [Int: Draft] = [:]
        var inProgress = Set<Int>()
        var conditions: ConditionEvaluator!
    }

    func evaluateCore(_ activity: Activity, on date: DateValue) -> Core {
        let candidates = ruleSet.rulesByKind[activity.kind]
        let candidateSet = Set(candidates)
        let cache = Drafts()
        let ruleSet = self.ruleSet
        // The condition evaluator asks for other rules' status through the cache; `unowned`
        // keeps the evaluator and the cache from holding each other alive.
        func compute(_ index: Int) -> Draft {
            cache.inProgress.insert(index)
            let result = Evaluator.draft(ruleSet.rules[index], conditions: cache.conditions, date: date)
            cache.inProgress.remove(index)
            cache.drafts[index] = result
            return result
        }
        var conditions = ConditionEvaluator(ruleSet: ruleSet, activity: activity, date: date)
        conditions.ruleStatus = { [unowned cache] index in
            guard candidateSet.contains(index), !cache.inProgress.contains(index) else { return .no }
            let draft: Draft
            if let known = cache.drafts[index] {
                draft = known
            } else {
                cache.inProgress.insert(index)
                draft = Evaluator.draft(ruleSet.rules[index], conditions: cache.conditions, date: date)
                cache.inProgress.remove(index)
                cache.drafts[index] = draft
            }
            switch draft.status {
            case .applies: return .yes
            case .mayApply: return .unknown
            default: return .no
            }
        }
        cache.conditions = conditions
        for index in candidates where cache.drafts[index] == nil { _ = compute(index) }
        var drafts = cache.drafts

        // Overrides: a rule is removed when an in-force overrider applies (yes) or may apply
        // (unknown), and the overrider's `if` verdicts (if any) cover the rule's contribution.
        var traces: [RuleTrace] = []
        var overriddenState: [Int: (Truth, [Int])] = [:]
        for index in candidates {
            var state = Truth.no
            var by: [Int] = []
            let target = drafts[index]!
            for entry in ruleSet.overriddenBy[index] {
                guard let other = drafts[entry.rule] else { continue }
                if let lowest = target.lowest, let highest = target.highest, !entry.covers(lowest: lowest, highest: highest) { continue }
                switch other.status {
                case .applies:
                    state = .yes
                    by.append(entry.rule)
                case .mayApply:
                    if state == .no { state = .unknown }
                    by.append(entry.rule)
                default:
                    break
                }
            }
            overriddenState[index] = (state, by)
        }

        // Notes inform; they never reach or change a verdict.
        var notes: [NoteOutcome] = []
        for index in ruleSet.notesByKind[activity.kind] where ruleSet.rules[index].isInForce(on: date) {
            let result = ruleSet.rules[index].condition.map { conditions.evaluate($0).result } ?? .yes
            if result != .no { notes.append(NoteOutcome(rule: index, applies: result)) }
        }

        // Conflicts: definite contributions of one group that permit and prohibit.
        var conflictsWith: [Int: [Int]] = [:]
        var conflicts: [[Int]] = []
        let definite = candidates.filter { index in
            let draft = drafts[index]!
            return draft.status == .applies && overriddenState[index]!.0 == .no && draft.lowest == draft.highest
        }
        for (position, a) in definite.enumerated() {
            for b in definite[(position + 1)...] {
                let ruleA = ruleSet.rules[a]
                let ruleB = ruleSet.rules[b]
                guard ruleA.group == ruleB.group, let va = drafts[a]!.lowest, let vb = drafts[b]!.lowest else { continue }
                if (va.permits && vb == .prohibited) || (vb.permits && va == .prohibited) {
                    conflictsWith[a, default: []].append(b)
                    conflictsWith[b, default: []].append(a)
                    conflicts.append([a, b])
                }
            }
        }
        for index in conflictsWith.keys {
            drafts[index]!.lowest = .needsAssessment
            drafts[index]!.highest = .needsAssessment
        }

        for index in candidates {
            let draft = drafts[index]!
            let (overridden, by) = overriddenState[index]!
            traces.append(RuleTrace(
                rule: index, status: draft.status, condition: draft.condition, exceptions: draft.exceptions,
                heldExceptions: draft.held, lowest: draft.lowest, highest: draft.highest, overridden: overridden,
                overriddenBy: by, conflictsWith: conflictsWith[index] ?? []))
        }

        // Combination: the worst verdict wins; uncertainty widens the range of outcomes.
        let contributing = traces.filter(\.contributes)
        let definiteTraces = contributing.filter { $0.status == .applies && $0.overridden == .no }
        let maybeTraces = contributing.filter { !($0.status == .applies && $0.overridden == .no) }
        var lowest: Verdict
        var highest: Verdict
        if contributing.isEmpty {
            lowest = .needsAssessment
            highest = .needsAssessment
        } else if definiteTraces.isEmpty {
            // Possibly no rule applies at all, which is needs assessment.
            lowest = min(Verdict.needsAssessment, maybeTraces.compactMap(\.lowest).min() ?? .needsAssessment)
            highest = max(Verdict.needsAssessment, maybeTraces.compactMap(\.highest).max() ?? .needsAssessment)
        } else {
            lowest = definiteTraces.compactMap(\.lowest).max()!
            highest = contributing.compactMap(\.highest).max()!
        }
        let verdict = lowest == highest ? lowest : .needsAssessment

        var determination: Determination
        var deciding: [Int]
        if contributing.isEmpty {
            determination = .uncovered
            deciding = []
        } else if lowest != highest || definiteTraces.isEmpty {
            // Either the outcome depends on unknown facts, or only rules that may apply remain.
            determination = .undetermined
            deciding = contributing.filter { !$0.isDefinite || $0.lowest == verdict }.map(\.rule)
        } else if definiteTraces.contains(where: { !$0.conflictsWith.isEmpty && $0.lowest == verdict }) {
            determination = .conflict
            deciding = definiteTraces.filter { !$0.conflictsWith.isEmpty && $0.lowest == verdict }.map(\.rule)
        } else {
            determination = .decided
            deciding = definiteTraces.filter { $0.lowest == verdict }.map(\.rule)
        }

        let fired = definiteTraces.map(\.rule)
        let questions = determination == .undetermined ? collectQuestions(contributing, drafts: drafts) : []
        var required: [Int] = []
        var recommended: [Int] = []
        if verdict == .allowedWithSafeguards {
            for trace in traces where deciding.contains(trace.rule) {
                var held: [TestTrace] = trace.condition?.tests ?? []
                for exception in trace.exceptions where trace.heldExceptions.contains(exception.exception) {
                    held += exception.condition.tests
                }
                for test in held where test.result == .yes {
                    for safeguard in test.safeguards where !required.contains(safeguard) { required.append(safeguard) }
                }
                for safeguard in ruleSet.rules[trace.rule].recommends where !recommended.contains(safeguard) {
                    recommended.append(safeguard)
                }
            }
            recommended.removeAll { required.contains($0) }
        } else if verdict == .allowed || verdict == .needsAssessment {
            for trace in traces where deciding.contains(trace.rule) {
                for safeguard in ruleSet.rules[trace.rule].recommends where !recommended.contains(safeguard) {
                    recommended.append(safeguard)
                }
            }
        }
        var uses: [ParameterUse] = []
        var missing: [Int] = []
        for trace in traces where trace.status != .notInForce {
            var tests = trace.condition?.tests ?? []
            for exception in trace.exceptions { tests += exception.condition.tests }
            for test in tests {
                if let use = test.parameter, !uses.contains(use) { uses.append(use) }
            }
            // A parameter with no value in force matters only where it leaves a condition
            // undecided; a condition already failed on other facts does not need it.
            var undecided: [TestTrace] = []
            if trace.condition?.result == .unknown { undecided += trace.condition!.tests }
            if trace.contributes {
                for exception in trace.exceptions where exception.condition.result == .unknown { undecided += exception.condition.tests }
            }
            for test in undecided {
                if let use = test.parameter, use.version == nil, !missing.contains(use.parameter) { missing.append(use.parameter) }
            }
        }
        return Core(
            verdict: verdict, determination: determination, lowest: lowest, highest: highest,
            deciding: sortByID(deciding), fired: sortByID(fired),
            traces: traces, questions: questions, required: required, recommended: recommended, parameterUses: uses,
            missingParameters: missing, conflicts: conflicts, notes: notes)
    }

    private static func draft(_ rule: Rule, conditions: ConditionEvaluator, date: DateValue) -> Draft {
        guard rule.isInForce(on: date) else {
            return Draft(rule: rule.index, status: .notInForce, condition: nil, exceptions: [], held: [])
        }
        let condition = rule.condition.map { conditions.evaluate($0) }
        let status: RuleStatus
        switch condition?.result ?? .yes {
        case .yes: status = .applies
        case .no: status = .notApplicable
        case .unknown: status = .mayApply
        }
        guard status != .notApplicable else {
            return Draft(rule: rule.index, status: status, condition: condition, exceptions: [], held: [])
        }
        let exceptions = rule.exceptions.map { ExceptionTrace(exception: $0.index, condition: conditions.evaluate($0.condition)) }
        let held = exceptions.filter { $0.condition.result == .yes }.map(\.exception)
        let maybe = exceptions.filter { $0.condition.result == .unknown }.map(\.exception)
        var base = rule.conclusion
        var possible: [Verdict] = []
        if !held.isEmpty {
            let verdicts = Set(held.map { rule.exceptions[$0].conclusion })
            // Two exceptions that both hold and disagree: a conflict inside the rule.
            base = verdicts.count == 1 ? verdicts.first! : .needsAssessment
        }
        possible.append(base)
        for index in maybe {
            let verdict = rule.exceptions[index].conclusion
            possible.append(verdict)
            if !held.isEmpty, verdict != base { possible.append(.needsAssessment) }
        }
        return Draft(
            rule: rule.index, status: status, condition: condition, exceptions: exceptions, held: held,
            lowest: possible.min(), highest: possible.max())
    }

    private func collectQuestions(_ contributing: [RuleTrace], drafts: [Int: Draft]) -> [Question] {
        var rulesByFact: [Int: [Int]] = [:]
        func add(_ facts: [Int], _ rule: Int) {
            for fact in facts where !(rulesByFact[fact]?.contains(rule) ?? false) { rulesByFact[fact, default: []].append(rule) }
        }
        for trace in contributing {
            if let condition = trace.condition { add(condition.unknownFacts, trace.rule) }
            if trace.status == .applies || trace.status == .mayApply {
                for exception in trace.exceptions { add(exception.condition.unknownFacts, trace.rule) }
            }
            for overrider in trace.overriddenBy where drafts[overrider]?.status == .mayApply {
                if let condition = drafts[overrider]?.condition { add(condition.unknownFacts, overrider) }
            }
        }
        return rulesByFact.keys.sorted().map { Question(fact: $0, rules: sortByID(rulesByFact[$0]!)) }
    }

    func sortByID(_ rules: [Int]) -> [Int] {
        Array(Set(rules)).sorted { ruleSet.rules[$0].id < ruleSet.rules[$1].id }
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
                    at: waiver.range))
                continue
            }
            if !evaluation.deciding.contains(waiver.rule) || evaluation.verdict == .allowed {
                diagnostics.append(.warning(
                    "WB511", "the waiver of \(rule.id) waives nothing: \(rule.id) does not decide activity `\(activity.id)` as of \(date)",
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
        var reportedRules = Set<Int>()
        var reportedVersions = Set<[Int]>()
        func soon(_ day: DateValue) -> Int? {
            let days = day.ordinal - date.ordinal
            return days > 0 && days <= Evaluator.expiryWarningDays ? days : nil
        }
        for evaluation in activities {
            for trace in evaluation.traces where trace.status == .applies || trace.status == .mayApply {
                let rule = ruleSet.rules[trace.rule]
                if let until = rule.validUntil, let days = soon(until), !reportedRules.contains(rule.index) {
                    reportedRules.insert(rule.index)
                    diagnostics.append(.warning(
                        "WB502", "rule \(rule.id), which activity `\(evaluation.activity.id)` relies on, lapses on \(until) (in \(days) days); check what applies after that date with --as-of \(until)",
                        at: evaluation.activity.range, notes: [DiagnosticNote("the rule is here", at: rule.range)]))
                }
                var tests = trace.condition?.tests ?? []
                for exception in trace.exceptions { tests += exception.condition.tests }
                for test in tests {
                    guard let use = test.parameter, let version = use.version else { continue }
                    let value = ruleSet.parameters[use.parameter].versions[version]
                    guard let until = value.until, let days = soon(until), !reportedVersions.contains([use.parameter, version]) else { continue }
                    reportedVersions.insert([use.parameter, version])
                    diagnostics.append(.warning(
                        "WB502", "parameter \(ruleSet.parameters[use.parameter].id), which activity `\(evaluation.activity.id)` relies on, changes on \(until) (in \(days) days); check the verdict with --as-of \(until)",
                        at: evaluation.activity.range, notes: [DiagnosticNote("the value is here", at: value.range)]))
                }
            }
            for index in ruleSet.rulesByKind[evaluation.activity.kind] where !reportedRules.contains(index) {
                let rule = ruleSet.rules[index]
                guard let from = rule.validFrom, let days = soon(from) else { continue }
                reportedRules.insert(index)
                diagnostics.append(.warning(
                    "WB503", "rule \(rule.id) about activities like `\(evaluation.activity.id)` takes effect on \(from) (in \(days) days); check the verdict with --as-of \(from)",
                    at: evaluation.activity.range, notes: [DiagnosticNote("the rule is here", at: rule.range)]))
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
                    at: evaluation.activity.range,
                    notes: [DiagnosticNote("the parameter is declared here", at: parameter.range)]))
            }
        }
        return diagnostics
    }
}
