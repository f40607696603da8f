import WaarborgModel
import WaarborgSyntax

/// Finds what would improve an activity's verdict.
///
/// Candidate safeguard sets come from the structure of the conditions: for every rule
/// that contributes a verdict worse than allowed with safeguards, the sets of missing
/// safeguards that would make one of its better exceptions hold (and the conditions of
/// rules that would start to apply). Combinations of those are evaluated again with the
/// full engine, so a remedy is only reported when re-evaluation confirms it, and then
/// shrunk until no safeguard can be left out. The search evaluates tens of candidates,
/// not the 2^n subsets of the catalogue.
///
/// Where no safeguard set reaches allowed with safeguards, fact changes are tried: the
/// smallest values of stated facts that make a bad rule's condition fail or a better
/// exception's condition hold, such as "data at least 12 months old".
///
/// Every variant is evaluated with the compiled rules (`WhatIfEvaluator`), and what the
/// search reads of a variant (which rules contribute what, which tests held) comes from
/// that evaluation's state (`LastEvaluation`): no traced evaluation is made.
struct RemedyFinder {
    let evaluator: Evaluator
    let date: DateValue
    /// Evaluates the candidate variants (one set-up for all of them).
    let whatIf: WhatIfEvaluator

    /// Most combinations of options tried per activity; keeps the search linear in practice.
    static let maxCombinations = 256
    /// Most terms kept per condition node (the smallest).
    static let maxTerms = 32

    /// `wide`: search with `MemberSet`s even where one word would do; `walksEverything`:
    /// build the sets of conditions that test no safeguard too (the tests compare both
    /// with the defaults).
    func remedies(for activity: Activity, wide: Bool = false, walksEverything: Bool = false) -> [Remedy] {
        if !wide, NarrowTerm.fits(catalogue: evaluator.ruleSet.vocabulary.safeguards.count) {
            return RemedySearch<NarrowTerm>(evaluator: evaluator, date: date, whatIf: whatIf, walksEverything: walksEverything).remedies(for: activity)
        }
        return RemedySearch<MemberSet>(evaluator: evaluator, date: date, whatIf: whatIf, walksEverything: walksEverything).remedies(for: activity)
    }

    /// The distinct sets, smallest first, then by their members. Which sets survive a cap,
    /// and so which remedies are found, must not depend on the order of a hashed `Set`
    /// (it changes from run to run): the same plan must give the same report.
    static func distinct<Term: SafeguardTerm>(_ sets: [Term]) -> [Term] {
        // Sorted, then equal neighbours dropped: `precedes` orders any two different sets,
        // so equal sets end up side by side (and the lists are short; no set is hashed).
        guard sets.count > 1 else { return sets }
        let sorted = sets.sorted { $0.precedes($1) }
        var result = [sorted[0]]
        result.reserveCapacity(sorted.count)
        for set in sorted.dropFirst() where set != result[result.count - 1] { result.append(set) }
        return result
    }
}

/// `RemedyFinder`'s search, on one representation of safeguard sets.
private struct RemedySearch<Term: SafeguardTerm> {
    let evaluator: Evaluator
    let date: DateValue
    let whatIf: WhatIfEvaluator
    let walksEverything: Bool

    var ruleSet: RuleSet { evaluator.ruleSet }

    func remedies(for activity: Activity) -> [Remedy] {
        // Every variant below is of this activity: only the rules that read what a variant
        // changes are evaluated again (`LeanVariants.swift`).
        let (current, _, base) = whatIf.prepareVariants(of: activity)
        guard current > .allowedWithSafeguards, let state = whatIf.last else { return [] }
        // Read before the search evaluates other variants.
        let changes = factChanges(activity, state)
        var found = safeguardRemedies(base, changes: [], state, current: current)
        if !found.contains(where: { $0.reaches <= .allowedWithSafeguards }) {
            found += factRemedies(base, changes: changes, original: current)
        }
        return order(minimal(found))
    }

    // MARK: Safeguards

    /// `state`: the last evaluation, of the base with `changes` made.
    private func safeguardRemedies(_ base: WhatIfEvaluator.VariantBase, changes: [FactChange], _ state: LastEvaluation, current: Verdict) -> [Remedy] {
        let activity = base.activity
        let program = state.program
        var optionsPerRule: [[Term]] = []
        var helpers: [Term] = []
        for slot in 0..<state.slotCount where state.status(slot) != .notInForce {
            let rule = program.rules[state.rule(slot)]
            if state.contributes(slot), let highest = state.highest(slot), highest > .allowedWithSafeguards {
                var options: [Term] = []
                for offset in 0..<Int(rule.exceptionCount) {
                    let exception = program.exceptions[Int(rule.exceptionStart) + offset]
                    guard exception.conclusion < highest else { continue }
                    options += terms(Int(exception.root), state, activity).filter { !$0.isEmpty }
                }
                if !options.isEmpty { optionsPerRule.append(RemedyFinder.distinct(options)) }
            } else if state.status(slot) == .notApplicable, rule.condition >= 0 {
                // A rule that would start to apply once safeguards are in place (an exemption).
                helpers += terms(Int(rule.condition), state, activity).filter { !$0.isEmpty }
            }
        }
        var candidates: [Term] = []
        // One option per bad rule (or none), as long as the combinations stay few.
        var combinations: [Term] = [Term([Int]())]
        for options in optionsPerRule {
            var next: [Term] = []
            for base in combinations {
                next.append(base)
                for option in options { next.append(union(base, option)) }
                if next.count > RemedyFinder.maxCombinations { break }
            }
            combinations = Array(RemedyFinder.distinct(next).prefix(RemedyFinder.maxCombinations))
        }
        candidates += combinations
        for helper in helpers {
            candidates.append(helper)
            for combination in combinations.prefix(16) { candidates.append(union(helper, combination)) }
        }
        var found: [Remedy] = []
        for candidate in RemedyFinder.distinct(candidates) where !candidate.isEmpty {
            if let remedy = attempt(base, add: candidate, changes: changes, current: current) { found.append(remedy) }
        }
        return found
    }

    /// Evaluates `activity` with safeguards added and facts changed; when that improves the
    /// verdict, drops safeguards one by one while the reached verdict holds.
    private func attempt(_ base: WhatIfEvaluator.VariantBase, add: Term, changes: [FactChange], current: Verdict) -> Remedy? {
        // Changes are of facts: the safeguards in place are the base's.
        var kept = add.members.filter { !base.activity.safeguards.contains($0) }
        var best = whatIf.outcome(of: base, changing: changes, adding: kept).verdict
        guard best < current else { return nil }
        for safeguard in kept {
            let smaller = kept.filter { $0 != safeguard }
            let reached = whatIf.outcome(of: base, changing: changes, adding: smaller).verdict
            if reached <= best {
                kept = smaller
                best = reached
            }
        }
        // What decides the verdict reached, for the remedy's reasons.
        return remedy(adding: kept, changing: changes, reaching: whatIf.evaluate(base.activity.applying(changes, adding: kept)))
    }

    /// A remedy reaching `core`'s verdict. It names the rules and exceptions that decide that
    /// verdict only when they do decide it: where the verdict still depends on unknown facts
    /// (or rules conflict), every contributing rule would be listed, which says nothing about
    /// what the remedy achieves.
    private func remedy(adding safeguards: [Int], changing changes: [FactChange], reaching core: Evaluator.Core) -> Remedy {
        let decided = core.determination == .decided
        return Remedy(
            addSafeguards: safeguards, changeFacts: changes, reaches: core.verdict,
            rules: decided ? core.deciding : [], exceptions: decided ? core.decidingExceptions : [])
    }


    private func union(_ a: Term, _ b: Term) -> Term { a.union(b) }

    /// The smallest sets of missing safeguards that would make the compiled condition at
    /// `node` hold, given the activity's facts: `[]` when no safeguards can, `[∅]` when it
    /// holds already.
    private func terms(_ node: Int, _ state: LastEvaluation, _ activity: Activity) -> [Term] {
        let program = state.program
        // A condition that tests no safeguard holds now or never, whatever is added; what
        // the walk below would find for it, without building its sets.
        if !walksEverything, !program.readsSafeguards(node) { return state.truth(node) == .yes ? [Term([Int]())] : [] }
        let current = program.nodes[node]
        switch current.operation {
        case .safeguards:
            let start = Int(current.payload)
            let list = (start..<start + Int(current.count)).map { Int(program.lists[$0]) }
            return [Term(list.filter { !activity.safeguards.contains($0) })]
        case .holds, .compare, .compareParameter, .member, .kind, .rulesApply:
            return state.truth(node) == .yes ? [Term([Int]())] : []
        case .not:
            // Adding safeguards can only make the inner condition truer, so `not` holds now or never.
            return state.truth(node) == .yes ? [Term([Int]())] : []
        case .any:
            var options: [Term] = []
            var holds = false
            forEachPart(of: node, program) { part in
                guard !holds else { return }
                let found = terms(part, state, activity)
                // A part that holds already: the empty set is the one minimal set (what
                // `prune` would keep of all the parts' sets).
                if found.count == 1 && found[0].isEmpty { holds = true } else { options += found }
            }
            return holds ? [Term([Int]())] : prune(options)
        case .all:
            var result: [Term] = [Term([Int]())]
            var impossible = false
            forEachPart(of: node, program) { part in
                guard !impossible else { return }
                let options = terms(part, state, activity)
                if options.isEmpty {
                    impossible = true
                    return
                }
                // A part that holds already adds nothing to the sets so far (already pruned).
                if options.count == 1 && options[0].isEmpty { return }
                var next: [Term] = []
                for base in result { for option in options { next.append(union(base, option)) } }
                result = prune(next)
            }
            return impossible ? [] : result
        }
    }

    /// Calls `body` with the root of each part of the connective at `node`, in order.
    private func forEachPart(of node: Int, _ program: CompiledRuleSet, _ body: (Int) -> Void) {
        var part = node + 1
        let end = Int(program.nodes[node].end)
        while part < end {
            body(part)
            part = Int(program.nodes[part].end)
        }
    }

    /// Keeps the minimal sets, smallest first, at most `maxTerms`.
    private func prune(_ sets: [Term]) -> [Term] {
        var kept: [Term] = []
        for set in RemedyFinder.distinct(sets) where !kept.contains(where: { $0.isSubset(of: set) }) {
            kept.append(set)
            if kept.count == RemedyFinder.maxTerms { break }
        }
        return kept
    }

    // MARK: Fact changes

    /// The fact changes worth trying, from `state` (the evaluation of `activity` itself): for
    /// every rule that contributes a verdict worse than allowed with safeguards, a change of
    /// each test of its condition that held (so it fails) and of each test of its better
    /// exceptions that did not (so it holds); one per fact and kind of change.
    private func factChanges(_ activity: Activity, _ state: LastEvaluation) -> [FactChange] {
        let program = state.program
        var changes: [FactChange] = []
        for slot in 0..<state.slotCount where state.contributes(slot) && (state.highest(slot) ?? .allowed) > .allowedWithSafeguards {
            let rule = program.rules[state.rule(slot)]
            let highest = state.highest(slot) ?? .prohibited
            if rule.condition >= 0 {
                let root = Int(rule.condition)
                state.record(root)
                forEachFactTest(from: root, program) { node in
                    if state.result(node) == .yes, let change = change(node, program, wanted: false, activity: activity) { changes.append(change) }
                }
            }
            for offset in 0..<Int(rule.exceptionCount) {
                let exception = program.exceptions[Int(rule.exceptionStart) + offset]
                guard exception.conclusion < highest else { continue }
                let root = Int(exception.root)
                state.record(root)
                forEachFactTest(from: root, program) { node in
                    if state.result(node) != .yes, let change = change(node, program, wanted: true, activity: activity) { changes.append(change) }
                }
            }
        }
        var unique: [FactChange] = []
        for change in changes where !unique.contains(change) && !unique.contains(where: { $0.fact == change.fact && $0.kind == change.kind }) {
            unique.append(change)
        }
        return unique
    }

    /// The tests of a fact in the compiled condition at `root`, in the order of a trace.
    private func forEachFactTest(from root: Int, _ program: CompiledRuleSet, _ body: (Int) -> Void) {
        for node in root..<Int(program.nodes[root].end) where program.nodes[node].isTest && program.nodes[node].fact >= 0 {
            body(node)
        }
    }

    private func factRemedies(_ base: WhatIfEvaluator.VariantBase, changes unique: [FactChange], original: Verdict) -> [Remedy] {
        var found: [Remedy] = []
        for change in unique {
            if let best = bestWith([change], base, original: original) { found.append(best) }
        }
        if !found.contains(where: { $0.reaches <= .allowedWithSafeguards }), unique.count > 1 {
            // Two changes together, for rules that need two facts to move (recent and individual data).
            let pairs = unique.indices.flatMap { i in unique.indices.filter { $0 > i }.map { (unique[i], unique[$0]) } }
            for (a, b) in pairs.prefix(10) where a.fact != b.fact {
                if let remedy = bestWith([a, b], base, original: original) { found.append(remedy) }
            }
        }
        return found
    }

    /// The best remedy that makes these changes: the changes alone, or with the smallest set
    /// of safeguards the changed activity's conditions name (found as for safeguards alone,
    /// not by trying the whole catalogue).
    private func bestWith(_ changes: [FactChange], _ base: WhatIfEvaluator.VariantBase, original: Verdict) -> Remedy? {
        let reached = whatIf.outcome(of: base, changing: changes, adding: []).verdict
        var options: [Remedy] = []
        if reached < original {
            options.append(remedy(adding: [], changing: changes, reaching: whatIf.evaluate(base.activity.applying(changes))))
        }
        // Both evaluations leave the session on the changed activity, which the search reads.
        if reached > .allowedWithSafeguards, let state = whatIf.last {
            for remedy in safeguardRemedies(base, changes: changes, state, current: reached) where remedy.reaches < original {
                options.append(Remedy(addSafeguards: remedy.addSafeguards, changeFacts: changes, reaches: remedy.reaches, rules: remedy.rules, exceptions: remedy.exceptions))
            }
        }
        return options.min { ($0.reaches, $0.addSafeguards.count) < ($1.reaches, $1.addSafeguards.count) }
    }

    /// The smallest change of the fact tested at compiled `node` that gives the test the
    /// wanted outcome.
    private func change(_ node: Int, _ program: CompiledRuleSet, wanted: Bool, activity: Activity) -> FactChange? {
        let fact = Int(program.nodes[node].fact)
        guard let observed = activity.facts[fact] else { return nil }
        let definition = ruleSet.vocabulary.facts[fact]
        // A remedy changes only what the parties can change (legal digest §7.4).
        guard case .stated = observed.origin, !definition.isFixed else { return nil }
        guard let kind = testKind(program.nodes[node], program) else { return nil }
        switch kind {
        case .holds:
            return FactChange(fact: fact, kind: .set, to: .boolean(wanted))
        case .compare(let op, let operand):
            guard case .amount(let current) = observed.value else { return nil }
            var threshold: Amount
            switch operand {
            case .value(.amount(let amount)): threshold = amount
            case .parameter(let index):
                guard let version = ruleSet.parameters[index].version(on: date), case .amount(let amount) = version.value else { return nil }
                threshold = amount
            default: return nil
            }
            // The test `fact op threshold` should become `wanted`.
            let effective: ComparisonOperator
            switch (op, wanted) {
            case (_, true): effective = op
            case (.less, false): effective = .greaterOrEqual
            case (.lessOrEqual, false): effective = .greater
            case (.greater, false): effective = .lessOrEqual
            case (.greaterOrEqual, false): effective = .less
            default: return nil
            }
            let step = definition.type.scalar?.step ?? Amount(1)
            switch effective {
            case .greaterOrEqual:
                return current < threshold ? FactChange(fact: fact, kind: .atLeast, to: .amount(threshold)) : nil
            case .greater:
                guard let value = threshold.adding(step) else { return nil }
                return FactChange(fact: fact, kind: .atLeast, to: .amount(value))
            case .lessOrEqual:
                return current > threshold ? FactChange(fact: fact, kind: .atMost, to: .amount(threshold)) : nil
            case .less:
                let value = Amount(scaled: threshold.scaled - step.scaled)
                return value.scaled >= 0 ? FactChange(fact: fact, kind: .atMost, to: .amount(value)) : nil
            default:
                return nil
            }
        case .member(let relation, let set):
            guard case .members(let members) = observed.value else {
                if wanted, relation == .isIn, set.members.count == 1 {
                    return FactChange(fact: fact, kind: .set, to: .member(set.members[0]))
                }
                return nil
            }
            switch (relation, wanted) {
            case (.includesAny, false):
                let removed = MemberSet(members.members.filter { set.contains($0) })
                // Exchanging nothing at all is no way to carry on the activity.
                if removed == members { return nil }
                return FactChange(fact: fact, kind: .remove, to: .members(MemberSet(members.members.filter { !set.contains($0) })), members: removed)
            case (.includesOnly, true):
                let removed = MemberSet(members.members.filter { !set.contains($0) })
                if removed == members { return nil }
                return FactChange(fact: fact, kind: .remove, to: .members(MemberSet(members.members.filter { set.contains($0) })), members: removed)
            case (.includesAll, true):
                let added = MemberSet(set.members.filter { !members.contains($0) })
                return FactChange(fact: fact, kind: .add, to: .members(MemberSet(members.members + set.members)), members: added)
            default:
                return nil
            }
        }
    }

    /// What the compiled test `node` tests of its fact; nil for a test that reads no fact.
    private func testKind(_ node: ConditionNode, _ program: CompiledRuleSet) -> ConditionUses.FactTest.Kind? {
        switch node.operation {
        case .holds: return .holds
        case .compare: return .compare(node.comparison, .value(program.values[Int(node.payload)]))
        case .compareParameter: return .compare(node.comparison, .parameter(Int(node.payload)))
        case .member: return .member(node.relation, program.memberSets[Int(node.payload)])
        case .all, .any, .not, .safeguards, .kind, .rulesApply: return nil
        }
    }


    // MARK: Ordering

    /// Drops a remedy when another with a subset of its safeguards and changes reaches at
    /// least as good a verdict: what remains is minimal.
    private func minimal(_ remedies: [Remedy]) -> [Remedy] {
        var unique: [Remedy] = []
        for remedy in remedies where !unique.contains(where: { $0.addSafeguards == remedy.addSafeguards && $0.changeFacts == remedy.changeFacts }) {
            unique.append(remedy)
        }
        // The cheap tests first; the subsets are of a handful of members, so searched, not hashed.
        return unique.filter { remedy in
            !unique.contains { other in
                (other.addSafeguards.count + other.changeFacts.count) < (remedy.addSafeguards.count + remedy.changeFacts.count)
                    && other.reaches <= remedy.reaches
                    && other.addSafeguards.allSatisfy(remedy.addSafeguards.contains)
                    && other.changeFacts.allSatisfy(remedy.changeFacts.contains)
                    && other != remedy
            }
        }
    }

    /// Safeguard-only remedies first; then by size, by verdict reached, and by ids.
    private func order(_ remedies: [Remedy]) -> [Remedy] {
        let names = ruleSet.vocabulary.safeguards.map(\.id)
        let facts = ruleSet.vocabulary.facts.map(\.id)
        // Each remedy's key is built once, not in every comparison.
        let keyed = remedies.map { remedy in
            (remedy: remedy, size: remedy.addSafeguards.count + remedy.changeFacts.count,
             ids: remedy.changeFacts.map { facts[$0.fact] } + remedy.addSafeguards.map { names[$0] }.sorted())
        }
        return keyed.sorted { a, b in
            if a.remedy.changeFacts.isEmpty != b.remedy.changeFacts.isEmpty { return a.remedy.changeFacts.isEmpty }
            if a.size != b.size { return a.size < b.size }
            if a.remedy.reaches != b.remedy.reaches { return a.remedy.reaches < b.remedy.reaches }
            return a.ids.lexicographicallyPrecedes(b.ids)
        }.map(\.remedy)
    }
}
