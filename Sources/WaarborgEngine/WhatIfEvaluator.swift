import WaarborgModel
import WaarborgSyntax

/// Evaluates variants of one activity ("what if this safeguard were added, this fact
/// answered") for the remedy search and the question outcomes of `Evaluator.detail`.
///
/// One `detail` call evaluates dozens of variants on the same date. Each goes through the
/// compiled rules like `Evaluator.evaluateCore(_:on:traced: false)`, with the same results,
/// but the parameter values in force and the session's buffers are set up once for all
/// variants rather than once per variant. A reference type, so the structs that hold it
/// can evaluate from non-mutating methods; used by one thread at a time.
///
/// After `evaluate` (or `outcome`), the variant's rule drafts and the truth of any compiled condition can
/// be read (`LastEvaluation`): the remedy search reads what it needs of a variant there,
/// rather than in a traced evaluation on the condition trees (once most of its time).
final class WhatIfEvaluator {
    let evaluator: Evaluator
    let date: DateValue
    private var session: LeanSession?

    init(evaluator: Evaluator, date: DateValue) {
        self.evaluator = evaluator
        self.date = date
        if evaluator.program.isUsable {
            session = LeanSession(context: LeanContext(evaluator: evaluator, date: date))
        }
    }

    func evaluate(_ activity: Activity) -> Evaluator.Core {
        // Optional chaining mutates the session in place (no copy of its buffers).
        session?.evaluate(activity) ?? evaluator.evaluateCore(activity, on: date, traced: false)
    }

    /// The candidates' drafts of `activity` from the compiled rules (`LeanSession.drafts`);
    /// nil when the rule set has no compiled form.
    func drafts(_ activity: Activity) -> [Evaluator.Draft]? { session?.drafts(activity) }

    /// The verdict of a variant and the lowering routes still open in it: `evaluate`'s
    /// `verdict` and `routes`, with nothing else computed.
    func outcome(_ activity: Activity) -> (verdict: Verdict, routes: [Int]) {
        if let outcome = session?.outcome(activity) { return (outcome.verdict, outcome.routes) }
        let core = evaluator.evaluateCore(activity, on: date, traced: false)
        return (core.verdict, core.routes)
    }

    /// An activity whose variants `outcome(of:changing:adding:)` evaluates.
    struct VariantBase {
        let activity: Activity
        /// The session's mark for it; 0 when there is no compiled form.
        fileprivate let generation: Int
    }

    /// Evaluates `activity` as `outcome` does and makes it the base of the variants that
    /// `outcome(of:changing:adding:)` evaluates next.
    func prepareVariants(of activity: Activity) -> (verdict: Verdict, routes: [Int], base: VariantBase) {
        if let (outcome, generation) = session?.prepareVariants(of: activity) {
            return (outcome.verdict, outcome.routes, VariantBase(activity: activity, generation: generation))
        }
        let (verdict, routes) = outcome(activity)
        return (verdict, routes, VariantBase(activity: activity, generation: 0))
    }

    /// The outcome of the base with `changes` made and `safeguards` added, as `outcome` of
    /// that changed activity: only the rules that read something changed are evaluated again.
    func outcome(of base: VariantBase, changing changes: [FactChange], adding safeguards: [Int]) -> (verdict: Verdict, routes: [Int]) {
        let values = changes.map { (fact: $0.fact, value: $0.to) }
        if let outcome = session?.variantOutcome(changing: values, adding: safeguards, generation: base.generation) {
            return (outcome.verdict, outcome.routes)
        }
        return outcome(base.activity.applying(changes, adding: safeguards))
    }

    /// The state of the last `evaluate` or `outcome`, until the next one; nil when the rule set has no
    /// compiled form (`CompiledRuleSet.isUsable`; the checker refuses such rule sets).
    var last: LastEvaluation? {
        guard let scratch = session?.scratch, let program = session?.program else { return nil }
        return LastEvaluation(owner: self, program: program, scratch: scratch)
    }

    // What `LastEvaluation` reads of the session, in place: through mutating accessors, as a
    // non-mutating call on `session!` would copy the session (retaining and releasing every
    // buffer it holds) on each read.
    fileprivate func lastRule(_ slot: Int) -> Int { session!.candidate(slot) }
    fileprivate func lastSlotCount() -> Int { session!.candidateCount() }
    fileprivate func lastTruth(_ node: Int, recording: Bool) -> Truth { session!.truthInPlace(node, recording: recording) }
}

extension LeanSession {
    fileprivate mutating func candidate(_ slot: Int) -> Int { candidates[slot] }
    fileprivate mutating func candidateCount() -> Int { candidates.count }
    fileprivate mutating func truthInPlace(_ node: Int, recording: Bool) -> Truth { truth(node, recording: recording) }
}

/// What one evaluated variant's compiled evaluation holds: per candidate rule (by slot) its
/// status and contribution after overrides, and the truth of the conditions' nodes.
/// Valid until its session evaluates the next activity.
struct LastEvaluation {
    fileprivate let owner: WhatIfEvaluator
    let program: CompiledRuleSet
    fileprivate let scratch: LeanScratch

    var slotCount: Int { owner.lastSlotCount() }
    /// The rule index of the candidate in `slot`.
    func rule(_ slot: Int) -> Int { owner.lastRule(slot) }
    func status(_ slot: Int) -> RuleStatus { scratch.status[slot] }
    /// The worst verdict the rule may contribute, after the combination (as `RuleTrace.highest`).
    func highest(_ slot: Int) -> Verdict? { scratch.highest[slot] }
    /// As `RuleTrace.contributes`: applies or may apply, and not overridden.
    func contributes(_ slot: Int) -> Bool { scratch.contributes(slot) }
    /// The truth of the condition rooted at `node`, on the evaluated variant.
    func truth(_ node: Int) -> Truth { owner.lastTruth(node, recording: false) }
    /// Evaluates the condition at `root` keeping every node's result (`result(_:)`), every
    /// test evaluated, as a trace records them.
    func record(_ root: Int) { _ = owner.lastTruth(root, recording: true) }
    /// A node's result from the last `record` of a condition that contains it.
    func result(_ node: Int) -> Truth { scratch.results[node] }
}

extension Activity {
    /// The activity with `changes` made (each an assumption, `.supposed`) and `safeguards`
    /// added: a variant the remedy search tries.
    func applying(_ changes: [FactChange], adding safeguards: [Int] = []) -> Activity {
        var changed = self
        for change in changes { changed.facts[change.fact] = FactValue(value: change.to, origin: .supposed) }
        for safeguard in safeguards { changed.safeguards.insert(safeguard) }
        return changed
    }
}
