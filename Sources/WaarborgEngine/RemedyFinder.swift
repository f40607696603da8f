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
struct RemedyFinder {
    let evaluator: Evaluator
    let date: DateValue
    /// Evaluates the candidate variants (one set-up for all of them).
    let whatIf: WhatIfEvaluator

    /// Most combinations of options tried per activity; keeps the search linear in practice.
    static let maxCombinations = 256
    /// Most terms kept per condition node (the smallest).
    static let maxTerms = 32

    var ruleSet: RuleSet { evaluator.ruleSet }

    func remedies(for activity: Activity, current: Evaluator.Core) -> [Remedy] {
        var found = safeguardRemedies(activity, current: current)
        if !found.contains(where: { $0.reaches <= .allowedWithSafeguards }) {
            found += factRemedies(activity, current: current)
        }
        return order(minimal(found))
    }

    // MARK: Safeguards

    private func safeguardRemedies(_ activity: Activity, current: Evaluator.Core) -> [Remedy] {
        let conditions = ConditionEvaluator(ruleSet: ruleSet, activity: activity, date: date)
        var optionsPerRule: [[MemberSet]] = []
        var helpers: [MemberSet] = []
        for trace in current.traces where trace.status != .notInForce {
            let rule = ruleSet.rules[trace.rule]
            if trace.contributes, let highest = trace.highest, highest > .allowedWithSafeguards {
                var options: [MemberSet] = []
                for exception in rule.exceptions where exception.conclusion < highest {
                    options += terms(exception.condition, conditions, activity).filter { !$0.isEmpty }
                }
                if !options.isEmpty { optionsPerRule.append(RemedyFinder.distinct(options)) }
            } else if trace.status == .notApplicable, let condition = rule.condition {
                // A rule that would start to apply once safeguards are in place (an exemption).
                helpers += terms(condition, conditions, activity).filter { !$0.isEmpty }
            }
        }
        var candidates: [MemberSet] = []
        // One option per bad rule (or none), as long as the combinations stay few.
        var combinations: [MemberSet] = [MemberSet()]
        for options in optionsPerRule {
            var next: [MemberSet] = []
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
            if let remedy = attempt(activity, add: candidate, changes: [], current: current.verdict) { found.append(remedy) }
        }
        return found
    }

    /// Evaluates `activity` with safeguards added and facts changed; when that improves the
    /// verdict, drops safeguards one by one while the reached verdict holds.
    private func attempt(_ activity: Activity, add: MemberSet, changes: [FactChange], current: Verdict) -> Remedy? {
        let changed = apply(changes, to: activity)
        var kept = add.members.filter { !changed.safeguards.contains($0) }
        guard let first = evaluate(changed, adding: kept), first.verdict < current else { return nil }
        var best = first
        for safeguard in kept {
            let smaller = kept.filter { $0 != safeguard }
            if let result = evaluate(changed, adding: smaller), result.verdict <= best.verdict {
                kept = smaller
                best = result
            }
        }
        return remedy(adding: kept, changing: changes, reaching: best)
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

    private func evaluate(_ activity: Activity, adding safeguards: [Int]) -> Evaluator.Core? {
        var changed = activity
        for safeguard in safeguards { changed.safeguards.insert(safeguard) }
        return whatIf.evaluate(changed)
    }

    private func union(_ a: MemberSet, _ b: MemberSet) -> MemberSet {
        MemberSet(a.members + b.members)
    }

    /// The smallest sets of missing safeguards that would make `condition` hold, given the
    /// activity's facts: `[]` when no safeguards can, `[∅]` when it holds already.
    func terms(_ condition: Condition, _ conditions: ConditionEvaluator, _ activity: Activity) -> [MemberSet] {
        switch condition {
        case .safeguards(let list, _):
            return [MemberSet(list.filter { !activity.safeguards.contains($0) })]
        case .holds, .compare, .member, .kind, .rulesApply:
            return conditions.evaluate(condition).result == .yes ? [MemberSet()] : []
        case .not(let inner):
            // Adding safeguards can only make `inner` truer, so `not inner` holds now or never.
            return conditions.evaluate(.not(inner)).result == .yes ? [MemberSet()] : []
        case .any(let parts):
            return prune(parts.flatMap { terms($0, conditions, activity) })
        case .all(let parts):
            var result: [MemberSet] = [MemberSet()]
            for part in parts {
                let options = terms(part, conditions, activity)
                if options.isEmpty { return [] }
                var next: [MemberSet] = []
                for base in result { for option in options { next.append(union(base, option)) } }
                result = prune(next)
            }
            return result
        }
    }

    /// The distinct sets, smallest first, then by their members. Which sets survive a cap,
    /// and so which remedies are found, must not depend on the order of a hashed `Set`
    /// (it changes from run to run): the same plan must give the same report.
    static func distinct(_ sets: [MemberSet]) -> [MemberSet] {
        Array(Set(sets)).sorted { $0.members.count != $1.members.count ? $0.members.count < $1.members.count : $0.members.lexicographicallyPrecedes($1.members) }
    }

    /// Keeps the minimal sets, smallest first, at most `maxTerms`.
    private func prune(_ sets: [MemberSet]) -> [MemberSet] {
        var kept: [MemberSet] = []
        for set in RemedyFinder.distinct(sets) where !kept.contains(where: { $0.isSubset(of: set) }) {
            kept.append(set)
            if kept.count == RemedyFinder.maxTerms { break }
        }
        return kept
    }

    // MARK: Fact changes

    private func factRemedies(_ activity: Activity, current: Evaluator.Core) -> [Remedy] {
        var changes: [FactChange] = []
        for trace in current.traces where trace.contributes && (trace.highest ?? .allowed) > .allowedWithSafeguards {
            let rule = ruleSet.rules[trace.rule]
            for test in trace.condition?.tests ?? [] where test.result == .yes {
                if let change = change(test, wanted: false, activity: activity) { changes.append(change) }
            }
            for exception in trace.exceptions where rule.exceptions[exception.exception].conclusion < (trace.highest ?? .prohibited) {
                for test in exception.condition.tests where test.result != .yes {
                    if let change = change(test, wanted: true, activity: activity) { changes.append(change) }
                }
            }
        }
        var unique: [FactChange] = []
        for change in changes where !unique.contains(change) && !unique.contains(where: { $0.fact == change.fact && $0.kind == change.kind }) {
            unique.append(change)
        }
        var found: [Remedy] = []
        for change in unique {
            if let best = bestWith([change], activity, original: current.verdict) { found.append(best) }
        }
        if !found.contains(where: { $0.reaches <= .allowedWithSafeguards }), unique.count > 1 {
            // Two changes together, for rules that need two facts to move (recent and individual data).
            let pairs = unique.indices.flatMap { i in unique.indices.filter { $0 > i }.map { (unique[i], unique[$0]) } }
            for (a, b) in pairs.prefix(10) where a.fact != b.fact {
                if let remedy = bestWith([a, b], activity, original: current.verdict) { found.append(remedy) }
            }
        }
        return found
    }

    /// The best remedy that makes these changes: the changes alone, or with the smallest set
    /// of safeguards the changed activity's conditions name (found as for safeguards alone,
    /// not by trying the whole catalogue).
    private func bestWith(_ changes: [FactChange], _ activity: Activity, original: Verdict) -> Remedy? {
        let changed = apply(changes, to: activity)
        // The lean evaluation gives the verdict and what decides it; the traces (a tree
        // evaluation, most of the remedy search's time) only where safeguards must be sought.
        let core = whatIf.evaluate(changed)
        var options: [Remedy] = []
        if core.verdict < original {
            options.append(remedy(adding: [], changing: changes, reaching: core))
        }
        if core.verdict > .allowedWithSafeguards {
            let traced = evaluator.evaluateCore(changed, on: date, traced: true)
            for remedy in safeguardRemedies(changed, current: traced) where remedy.reaches < original {
                options.append(Remedy(addSafeguards: remedy.addSafeguards, changeFacts: changes, reaches: remedy.reaches, rules: remedy.rules, exceptions: remedy.exceptions))
            }
        }
        return options.min { ($0.reaches, $0.addSafeguards.count) < ($1.reaches, $1.addSafeguards.count) }
    }

    /// The smallest change of the tested fact that gives the test the wanted outcome.
    private func change(_ test: TestTrace, wanted: Bool, activity: Activity) -> FactChange? {
        guard let fact = test.fact, let observed = test.observed else { return nil }
        let definition = ruleSet.vocabulary.facts[fact]
        // A remedy changes only what the parties can change (legal digest §7.4).
        guard case .stated = observed.origin, !definition.isFixed else { return nil }
        guard let kind = testKind(at: test.range, fact: fact) else { return nil }
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
            let step = definition.type == .percentage ? Amount(scaled: Amount.scale / 10) : Amount(1)
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

    /// The test of a rule's condition at a source range (traces keep ranges, not nodes).
    private func testKind(at range: SourceRange, fact: Int) -> ConditionUses.FactTest.Kind? {
        func find(_ condition: Condition) -> ConditionUses.FactTest.Kind? {
            condition.uses.factTests.first { $0.fact == fact && $0.range == range }?.kind
        }
        for rule in ruleSet.rules {
            if let found = rule.condition.flatMap(find) { return found }
            for exception in rule.exceptions { if let found = find(exception.condition) { return found } }
        }
        return nil
    }

    private func apply(_ changes: [FactChange], to activity: Activity) -> Activity {
        var changed = activity
        for change in changes {
            changed.facts[change.fact] = FactValue(value: change.to, origin: .supposed)
        }
        return changed
    }

    // MARK: Ordering

    /// Drops a remedy when another with a subset of its safeguards and changes reaches at
    /// least as good a verdict: what remains is minimal.
    private func minimal(_ remedies: [Remedy]) -> [Remedy] {
        var unique: [Remedy] = []
        for remedy in remedies where !unique.contains(where: { $0.addSafeguards == remedy.addSafeguards && $0.changeFacts == remedy.changeFacts }) {
            unique.append(remedy)
        }
        return unique.filter { remedy in
            !unique.contains { other in
                other != remedy && Set(other.addSafeguards).isSubset(of: remedy.addSafeguards)
                    && Set(other.changeFacts).isSubset(of: remedy.changeFacts) && other.reaches <= remedy.reaches
                    && (other.addSafeguards.count + other.changeFacts.count) < (remedy.addSafeguards.count + remedy.changeFacts.count)
            }
        }
    }

    /// Safeguard-only remedies first; then by size, by verdict reached, and by ids.
    private func order(_ remedies: [Remedy]) -> [Remedy] {
        let names = ruleSet.vocabulary.safeguards.map(\.id)
        let facts = ruleSet.vocabulary.facts.map(\.id)
        return remedies.sorted { a, b in
            if a.changeFacts.isEmpty != b.changeFacts.isEmpty { return a.changeFacts.isEmpty }
            let sizeA = a.addSafeguards.count + a.changeFacts.count
            let sizeB = b.addSafeguards.count + b.changeFacts.count
            if sizeA != sizeB { return sizeA < sizeB }
            if a.reaches != b.reaches { return a.reaches < b.reaches }
            let keyA = a.changeFacts.map { facts[$0.fact] } + a.addSafeguards.map { names[$0] }.sorted()
            let keyB = b.changeFacts.map { facts[$0.fact] } + b.addSafeguards.map { names[$0] }.sorted()
            return keyA.lexicographicallyPrecedes(keyB)
        }
    }
}
