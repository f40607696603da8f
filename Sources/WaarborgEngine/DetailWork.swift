import Foundation
import WaarborgModel
import WaarborgSyntax

/// Computes the detail of evaluated activities on one date: the traces, the questions that
/// matter with where each answer leads, and the remedies.
///
/// The questions' outcomes and the remedies are most of a report's work (dozens of
/// variants of the activity evaluated each), and they depend only on what the rules read:
/// the activity's kind, the values of the facts its kind's rules test (and whether each was
/// stated or derived) and its safeguards, never on its id, the lines it stands on or a fact
/// no rule of its kind tests. Plans repeat activities (the same exchange under every
/// partner, a bench plan made of one example's activities, generated plans that draw from
/// the values the rules name), so the detail is kept per such content and reused: the same
/// input gives the same result, so the report's bytes are those of computing each afresh.
/// The traces name plan lines, so a reused one is given the activity's own facts. One
/// `DetailWork` serves one thread (`ChunkedMap`).
struct DetailWork {
    let evaluator: Evaluator
    let date: DateValue
    /// False: only the deciding rules' traces are kept (what a report's reasons, facts and
    /// parameters are made of); true: every rule's, for `explain` and `--trace`.
    let keepsTraces: Bool
    private let whatIf: WhatIfEvaluator
    /// What was found per content, shared by every chunk of one plan's assessment.
    private let known: Known

    /// `known`: the details found so far for this plan and date, shared by the `DetailWork`s
    /// of every chunk (`EvaluationContext.assess`); by default this work's own.
    init(evaluator: Evaluator, date: DateValue, keepsTraces: Bool, known: Known = Known()) {
        self.evaluator = evaluator
        self.date = date
        self.keepsTraces = keepsTraces
        self.whatIf = WhatIfEvaluator(evaluator: evaluator, date: date)
        self.known = known
    }

    /// The details found per content, for one evaluator, date and trace scope; read and
    /// written by several threads. Two threads may both compute a content they both lack
    /// (the same input gives the same result, so either may be kept).
    final class Known: @unchecked Sendable {
        private let lock = NSLock()
        private var found: [Content: Found] = [:]

        init() {}

        fileprivate subscript(content: Content) -> Found? {
            get { lock.withLock { found[content] } }
            set { lock.withLock { found[content] = newValue } }
        }
    }

    fileprivate typealias Found = (core: Evaluator.Core, questions: [Question], remedies: [Remedy])

    func detail(_ evaluation: ActivityEvaluation) -> ActivityDetail {
        let activity = evaluation.activity
        let content = Content(activity, reads: evaluator.reads)
        let core: Evaluator.Core
        let found: (questions: [Question], remedies: [Remedy])
        if let reused = known[content] {
            // The same content gives the same evaluation; only the plan lines of the facts
            // the traces show are this activity's own.
            core = reused.core.reading(activity.facts)
            found = (reused.questions, reused.remedies)
        } else {
            // The compiled rules give every rule's draft; only the deciding rules are traced.
            core = evaluator.treeCore(
                activity, on: date, scope: keepsTraces ? .all : .deciding, firstPass: keepsTraces ? nil : whatIf.drafts(activity))
            // The search itself looks for remedies only where the verdict is worse than
            // allowed with safeguards.
            found = (questions(core, activity), RemedyFinder(evaluator: evaluator, date: date, whatIf: whatIf).remedies(for: activity))
            known[content] = (core, found.questions, found.remedies)
        }
        // The traced evaluation holds a trace for each deciding rule (and, keeping traces,
        // for every other rule of the kind).
        let traced = Dictionary(uniqueKeysWithValues: core.traces.map { ($0.rule, $0) })
        let deciding = core.deciding.map { traced[$0]! }
        let traces = keepsTraces ? core.traces : deciding
        // Which party attributes would answer a derived fact is the activity's own.
        let questions = found.questions.map { question in
            Question(
                fact: question.fact, rules: question.rules, outcomes: question.outcomes,
                unknownAttributes: activity.unknownDerivations[question.fact] ?? [], routes: question.routes,
                routeVerdict: question.routeVerdict)
        }
        return ActivityDetail(traces: traces, deciding: deciding, questions: questions, remedies: found.remedies)
    }

    /// A question is asked only when its answers lead to different verdicts or open or
    /// close a lowering route; one whose every answer gives the same verdict and changes
    /// no route is of no consequence. Questions whose answers cannot be listed stay only
    /// where no other question brings progress, so an open verdict says what it waits for.
    private func questions(_ core: Evaluator.Core, _ activity: Activity) -> [Question] {
        let outcomes = QuestionOutcomes(evaluator: evaluator, date: date, whatIf: whatIf)
        let answered = core.questions.map { question in
            // Numbers split at the thresholds of the rules that need the fact.
            let (answers, progress) = outcomes.outcomes(
                for: question.fact, activity: activity, current: core.verdict, routes: core.routes, rules: question.rules)
            return (question, answers, progress)
        }
        let progressing = answered.contains { if case .verdict = $0.2 { true } else if case .route = $0.2 { true } else { false } }
        return answered.compactMap { question, answers, progress -> Question? in
            var routes: [Int] = []
            var routeVerdict: Verdict?
            switch progress {
            case .none: return nil
            case .unlisted: if progressing { return nil }
            case .route(let changed, let verdict): (routes, routeVerdict) = (changed, verdict)
            case .verdict: break
            }
            return Question(fact: question.fact, rules: question.rules, outcomes: answers, routes: routes, routeVerdict: routeVerdict)
        }
    }

    /// What the rules read of an activity: its kind, its safeguards and the facts some rule
    /// of its kind tests, with the kind of origin of each (a remedy changes only a stated
    /// fact). Not its id, title, clause, lines or parties, nor a fact no rule of its kind
    /// tests, nor how a derived fact was derived: the evaluation, its questions and its
    /// remedies do not depend on them (only the traces show a fact's origin, and they are
    /// given the activity's own facts: `Evaluator.Core.reading`).
    fileprivate struct Content: Hashable {
        let kind: Int
        let safeguards: MemberSet
        let facts: [Entry]

        struct Entry: Hashable {
            let fact: Int
            let value: Value
            let origin: Origin
        }

        enum Origin: Hashable {
            case stated, derived, supposed
        }

        init(_ activity: Activity, reads: (Int, Int) -> Bool) {
            kind = activity.kind
            safeguards = activity.safeguards
            facts = activity.facts.entries.compactMap { entry in
                guard reads(entry.fact, activity.kind) else { return nil }
                let origin: Origin
                switch entry.value.origin {
                case .stated: origin = .stated
                case .derived: origin = .derived
                case .supposed: origin = .supposed
                }
                return Entry(fact: entry.fact, value: entry.value.value, origin: origin)
            }
        }
    }
}

extension Evaluator.Core {
    /// This evaluation with the facts its traces show read from `facts`: those of another
    /// activity of the same content (`DetailWork.Content`), which differ at most in the plan
    /// lines of stated values.
    func reading(_ facts: FactTable) -> Evaluator.Core {
        var core = self
        func read(_ condition: inout ConditionTrace) {
            for index in condition.tests.indices {
                if let fact = condition.tests[index].fact { condition.tests[index].observed = facts[fact] }
            }
        }
        for index in core.traces.indices {
            if core.traces[index].condition != nil { read(&core.traces[index].condition!) }
            for exception in core.traces[index].exceptions.indices { read(&core.traces[index].exceptions[exception].condition) }
        }
        return core
    }
}
