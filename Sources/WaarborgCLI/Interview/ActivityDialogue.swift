import Foundation
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// The interview of one activity: which unknown fact to ask next, the verdict so far, and
/// when it is settled. A value without I/O: the conversation (terminal or answers file)
/// asks what `next` says and passes the reply to `answer`.
///
/// The engine decides what matters. `Evaluator.detail` lists the questions whose answers
/// lead to different verdicts or open or close a lowering route (and only where none does,
/// those that narrow the verdict), each with the verdict every answer leads to; the most
/// decisive is asked first, then, while the verdict is undetermined, the facts that leave
/// a rule undecided but decide only together with others (the one more rules wait for
/// first). What the plan's header states is known and never asked; facts its checklist
/// left open are passed as `settled`. When no fact is left to ask and the verdict is not yet allowed
/// (with safeguards), the safeguards that the applying rules test or the remedies name are
/// asked once, if having them would change the verdict or make facts decisive.
/// "Don't know" keeps the fact unknown: it is never asked again in this interview and
/// stays an open question of the plan.
struct ActivityDialogue {
    enum Step {
        case fact(Question)
        /// Safeguards (by index) that would improve the verdict if in place.
        case safeguards([Int])
        case settled
    }

    /// The activity as the checker and the engine see it now.
    struct State {
        let plan: Plan
        let evaluation: ActivityEvaluation
        let detail: ActivityDetail
        /// The questions still to ask, most decisive first.
        let remaining: [Question]
    }

    let ruleSet: RuleSet
    let activityID: String
    /// The path the plan will have, for the locations in diagnostics.
    let path: String
    private(set) var draft: PlanDraft
    /// Facts asked in this interview (answered or not), by id.
    private(set) var asked: [String] = []
    private(set) var askedSafeguards: Set<Int> = []
    /// Questions about facts and safeguards put to the user, and those answered with a value.
    private(set) var questionsAsked = 0
    private(set) var questionsAnswered = 0

    /// `settled`: facts not to ask (the header's checklist answered them "don't know" for
    /// every activity).
    init(ruleSet: RuleSet, activityID: String, draft: PlanDraft, path: String, settled: [String] = []) {
        self.ruleSet = ruleSet
        self.activityID = activityID
        self.draft = draft
        self.path = path
        self.asked = settled
    }

    /// Evaluates the draft; nil only when the draft does not check (each answer is
    /// checked before it is kept, so that means the plan it started from did not).
    func state() -> State? {
        let (plan, diagnostics) = draft.check(ruleSet: ruleSet, path: path)
        guard let plan, !diagnostics.hasErrors else { return nil }
        let evaluator = Evaluator(ruleSet: ruleSet)
        let evaluation = evaluator.evaluate(plan)
        guard let activity = evaluation.activities.first(where: { $0.activity.id == activityID }) else { return nil }
        let detail = evaluator.detail(activity, on: evaluation.asOf)
        let open = detail.questions.filter { !asked.contains(ruleSet.vocabulary.facts[$0.fact].id) }
        // `detail` keeps the questions that decide, or where none does, those that narrow
        // the verdict. After a "don't know" neither may be left while the verdict is still
        // undetermined: the facts that leave a rule undecided but that no single answer
        // narrows (several must be known together) then come last, so an undetermined
        // verdict is never left without asking what it rests on. A determined verdict does
        // not wait for them.
        let together = activity.determination != .undetermined ? [] : activity.questions.filter { question in
            !asked.contains(ruleSet.vocabulary.facts[question.fact].id) && !detail.questions.contains { $0.fact == question.fact }
        }
        // Among them, the fact more rules wait for first.
        let waitedFor = together.enumerated().sorted { left, right in
            left.element.rules.count != right.element.rules.count ? left.element.rules.count > right.element.rules.count : left.offset < right.offset
        }.map(\.element)
        return State(plan: plan, evaluation: activity, detail: detail, remaining: ActivityDialogue.rank(open) + waitedFor)
    }

    func next(_ state: State) -> Step {
        let evaluation = state.evaluation
        // A verdict above allowed with safeguards is asked on too: it may stand only because
        // what would lower it is not stated (the burden of proof, docs/language.md).
        if evaluation.determination == .undetermined || evaluation.verdict > .allowedWithSafeguards, let question = state.remaining.first {
            return .fact(question)
        }
        if evaluation.determination != .undetermined, evaluation.verdict <= .allowedWithSafeguards { return .settled }
        // The safeguards that the rules which apply or may apply test, and those the
        // remedies name, that are not in place yet: asked when having them all would
        // change what the verdict can be, or would make facts decisive that are not now
        // (a rule or exception that needs both safeguards and facts: with the safeguards,
        // a fact may open the way to a lower verdict).
        let ruleSet = self.ruleSet
        var offered: [Int] = []
        func offer(_ safeguards: [Int]) {
            for safeguard in safeguards where !evaluation.activity.safeguards.contains(safeguard) && !askedSafeguards.contains(safeguard) && !offered.contains(safeguard) {
                offered.append(safeguard)
            }
        }
        for index in evaluation.applying {
            let rule = ruleSet.rules[index]
            offer(rule.condition?.safeguards ?? [])
            for exception in rule.exceptions { offer(exception.condition.safeguards) }
        }
        for remedy in state.detail.remedies { offer(remedy.addSafeguards) }
        guard !offered.isEmpty else { return .settled }
        var supposed = self
        supposed.answer(safeguards: offered, offered: offered)
        guard let supposedState = supposed.state() else { return .settled }
        let after = supposedState.evaluation
        let changes = after.verdict != evaluation.verdict || after.lowest != evaluation.lowest || after.highest != evaluation.highest
        guard changes || !supposedState.remaining.isEmpty else { return .settled }
        return .safeguards(offered)
    }

    /// The verdicts the activity can still reach: the best and the worst the rules allow
    /// given what is known, and where each remaining answer leads.
    static func stillPossible(_ state: State) -> [Verdict] {
        var verdicts: Set<Verdict> = [state.evaluation.verdict, state.evaluation.lowest, state.evaluation.highest]
        for question in state.remaining { for outcome in question.outcomes { verdicts.insert(outcome.verdict) } }
        return verdicts.sorted()
    }

    /// Most decisive first: the questions whose answers lead to the most different
    /// verdicts, then those with the most answers that settle on a verdict other than
    /// needs assessment; ties in the vocabulary's order, so the order is stable.
    static func rank(_ questions: [Question]) -> [Question] {
        func score(_ question: Question) -> (Int, Int) {
            (Set(question.outcomes.map(\.verdict)).count, question.outcomes.filter { $0.verdict != .needsAssessment }.count)
        }
        return questions.enumerated().sorted { left, right in
            let (a, b) = (score(left.element), score(right.element))
            if a.0 != b.0 { return a.0 > b.0 }
            if a.1 != b.1 { return a.1 > b.1 }
            return left.offset < right.offset
        }.map(\.element)
    }

    /// Keeps an answer; returns the checker's errors (and keeps nothing) when the plan
    /// would not check with it.
    mutating func answer(fact: Int, _ reply: InterviewReply) -> [Diagnostic] {
        let id = ruleSet.vocabulary.facts[fact].id
        var changed = draft
        guard let position = changed.activities.firstIndex(where: { $0.id == activityID }) else { return [] }
        switch reply {
        case .value(let text):
            changed.activities[position].set(id, text)
            changed.open[activityID]?.removeAll { $0 == id }
        case .dontKnow:
            if !(changed.open[activityID] ?? []).contains(id) { changed.open[activityID, default: []].append(id) }
        }
        let errors = changed.check(ruleSet: ruleSet, path: path).diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { return errors }
        draft = changed
        asked.append(id)
        questionsAsked += 1
        if case .value = reply { questionsAnswered += 1 }
        return []
    }

    /// Keeps the safeguards said to be in place among those offered (nil: don't know).
    mutating func answer(safeguards chosen: [Int]?, offered: [Int]) {
        askedSafeguards.formUnion(offered)
        questionsAsked += 1
        guard let chosen else { return }
        questionsAnswered += 1
        guard !chosen.isEmpty, let position = draft.activities.firstIndex(where: { $0.id == activityID }) else { return }
        let vocabulary = ruleSet.vocabulary
        var own = (draft.activities[position].value("safeguards") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for safeguard in chosen where !own.contains(vocabulary.safeguards[safeguard].id) { own.append(vocabulary.safeguards[safeguard].id) }
        draft.activities[position].set("safeguards", own.joined(separator: ", "))
    }
}
