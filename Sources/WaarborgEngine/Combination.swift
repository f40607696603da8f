import WaarborgModel

/// The semantics of a verdict, written once (docs/language.md, "Evaluation"): what one rule
/// contributes from its conclusion and exceptions, and how the contributions of an
/// activity's candidate rules combine into its verdict (overrides, conflicts, the worst
/// verdict, uncertainty, what decided it, which rules the questions come from).
///
/// Conditions are evaluated in two ways: walked as trees with a trace (`ConditionEvaluator`,
/// for explanations) and interpreted from compiled nodes (`LeanSession`, for speed). Both
/// only fill the slots of a `LeanScratch` with each candidate's status and exception
/// outcomes and then call these functions, so they can differ in nothing but a condition's
/// truth, which `LeanEvaluationTests` compares test for test.
///
/// Burden of proof (legal digest §7.6): an exception or an override that would *lower* a
/// verdict counts only when its condition holds. While it is unknown the higher verdict
/// stands, and the facts it needs become questions whose answers show the lower verdict.
/// An exception or override that would raise a verdict, and a rule whose own condition is
/// unknown, still leave the outcome open (needs assessment), as any unknown element of a
/// prohibition must.
enum Combination {
    /// What a rule that applies or may apply contributes.
    struct Contribution: Equatable {
        var lowest: Verdict
        var highest: Verdict
        /// Bit n: exception n is unknown and would lower the contribution; it does not count
        /// until stated, and its facts are questions.
        var lowering: UInt64
        /// Bit n: exception n holds and so do all the exceptions it is nested in; these
        /// decide the contribution, and their safeguards are the ones it depends on.
        var held: UInt64
    }

    /// A rule's contribution from its conclusion and its exceptions: `held` (bit n: exception
    /// n holds) and `maybe` (bit n: its condition is unknown); `conclusion(n)` is exception
    /// n's verdict. Two held exceptions that disagree are a conflict inside the rule.
    @inline(__always)
    static func contribution(of conclusion: Verdict, held: UInt64, maybe: UInt64, exception: (Int) -> Verdict) -> Contribution {
        var base = conclusion
        if held != 0 {
            let first = exception(held.trailingZeroBitCount)
            base = first
            var others = held & (held - 1)
            while others != 0 {
                if exception(others.trailingZeroBitCount) != first {
                    base = .needsAssessment
                    break
                }
                others &= others - 1
            }
        }
        var result = Contribution(lowest: base, highest: base, lowering: 0, held: held)
        var open = maybe
        while open != 0 {
            let offset = open.trailingZeroBitCount
            // Were it to hold: its own verdict, or a conflict with the exceptions that hold.
            let verdict = exception(offset)
            let outcome = held == 0 || verdict == base ? verdict : .needsAssessment
            if outcome < base {
                result.lowering |= 1 << UInt64(offset)
            } else {
                result.highest = max(result.highest, outcome)
            }
            open &= open - 1
        }
        return result
    }

    /// The same for a rule whose exceptions nest (`parent(n)`: the exception that exception n
    /// is an exception to, -1 for the rule; a parent comes before its exceptions), read as
    /// defaults: the innermost exception that holds wins over the one it is nested in.
    /// At every level, under the exception (or rule) whose exceptions are weighed:
    /// - the exceptions that hold replace its verdict, with their own outcome (which their
    ///   own exceptions decide); two that hold with different outcomes are a conflict;
    /// - an exception whose condition is unknown and whose outcome would be lower does not
    ///   count (burden of proof: bit n of `lowering`); one whose outcome would be higher
    ///   leaves the outcome open (`highest`), as a rule that may apply does;
    /// - the exceptions of an exception that does not hold do not matter.
    /// For a rule without nesting this is `contribution(of:held:maybe:exception:)`, which
    /// `CombinationTests` checks.
    static func nestedContribution(
        of conclusion: Verdict, count: Int, held: UInt64, maybe: UInt64, parent: (Int) -> Int, exception: (Int) -> Verdict
    ) -> Contribution {
        // Node `count` is the rule itself.
        var lowest = [Verdict](repeating: .allowed, count: count + 1)
        var highest = [Verdict](repeating: .allowed, count: count + 1)
        var lowering = [UInt64](repeating: 0, count: count + 1)
        var decided = [UInt64](repeating: 0, count: count + 1)
        // Nested exceptions come after their parent, so from the last one back to the rule.
        for node in Array(stride(from: count - 1, through: 0, by: -1)) + [count] {
            let own = node == count ? conclusion : exception(node)
            var children: [Int] = []
            for child in (node == count ? 0 : node + 1)..<count where parent(child) == (node == count ? -1 : node) {
                children.append(child)
            }
            let heldChildren = children.filter { held & (1 << UInt64($0)) != 0 }
            var base = heldChildren.isEmpty ? (own, own) : agreement(heldChildren.map { (lowest[$0], highest[$0]) })
            var mask: UInt64 = 0
            var chosen: UInt64 = 0
            for child in heldChildren {
                mask |= lowering[child]
                chosen |= 1 << UInt64(child) | decided[child]
            }
            var high = base.1
            for child in children where maybe & (1 << UInt64(child)) != 0 {
                let outcome = heldChildren.isEmpty
                    ? (lowest[child], highest[child])
                    : agreement(heldChildren.map { (lowest[$0], highest[$0]) } + [(lowest[child], highest[child])])
                if outcome.0 < base.0 { mask |= 1 << UInt64(child) }
                high = max(high, outcome.1)
                mask |= lowering[child]
            }
            base.1 = high
            lowest[node] = base.0
            highest[node] = base.1
            lowering[node] = mask
            decided[node] = chosen
        }
        return Contribution(lowest: lowest[count], highest: highest[count], lowering: lowering[count], held: decided[count])
    }

    /// The outcome of several exceptions that all hold, each with its range of outcomes:
    /// their common verdict when they agree, a conflict (needs assessment) when they differ.
    private static func agreement(_ ranges: [(Verdict, Verdict)]) -> (Verdict, Verdict) {
        guard let first = ranges.first else { return (.needsAssessment, .needsAssessment) }
        if ranges.allSatisfy({ $0.0 == first.0 && $0.1 == first.0 }) { return first }
        if ranges.count == 1 { return first }
        let floor = ranges.map(\.0).max()!
        let ceiling = ranges.map(\.1).min()!
        // They can only agree on a verdict inside every range.
        if floor > ceiling { return (.needsAssessment, .needsAssessment) }
        return (min(.needsAssessment, floor), max(.needsAssessment, ceiling))
    }

    /// The combination of one activity's candidates.
    struct Outcome {
        var lowest: Verdict
        var highest: Verdict
        var verdict: Verdict
        var determination: Determination
        /// How many of `scratch.deciding` hold the deciding slots, ascending.
        var decidingCount: Int
        /// Pairs of rules (by index) of one group whose definite contributions conflict.
        var conflicts: [[Int]]
        /// Per slot, the overriders (rule indices) that apply or may apply; empty when no
        /// slot has any.
        var overriddenBy: [[Int]]
        /// Whether the focus rules' unknown facts are questions: the verdict is open, or an
        /// exception or override that would lower it is unknown.
        var asks: Bool
        /// The lowering routes still open: deciding rules with an unknown lowering exception
        /// and overriders of deciding rules that may apply, by rule index, ascending. An
        /// answer that opens or closes one is progress even when the verdict stays.
        var routes: [Int]
    }

    /// Combines the drafts in `scratch` (`status`, `lowest`, `highest`, `held`, `lowering`
    /// for the first `count` slots) and writes `overridden`, `conflicted`, `focus` and
    /// `deciding`. `position` gives each rule's slot (-1: not a candidate).
    static func combine(_ scratch: LeanScratch, count: Int, candidates: [Int], position: [Int], program: CompiledRuleSet) -> Outcome {
        let status = scratch.status
        let lowest = scratch.lowest
        let highest = scratch.highest
        let overridden = scratch.overridden
        let conflicted = scratch.conflicted
        let focus = scratch.focus
        for slot in 0..<count {
            overridden[slot] = .no
            conflicted[slot] = false
            focus[slot] = false
        }
        @inline(__always) func live(_ slot: Int) -> Bool { status[slot] == .applies || status[slot] == .mayApply }

        // Overrides: a rule is removed when an in-force overrider applies (yes) or may apply
        // (unknown), and the overrider's `if` verdicts (if any) cover the rule's contribution.
        // An overrider that may apply and would bring a lower verdict does not count until
        // its facts are stated (burden of proof); it stays in `overriddenBy` for its questions.
        var overriddenBy: [[Int]] = []
        for slot in 0..<count where live(slot) {
            let rule = program.rules[candidates[slot]]
            let start = Int(rule.overrideStart)
            for offset in 0..<Int(rule.overrideCount) {
                let entry = program.overrides[start + offset]
                let other = position[Int(entry.rule)]
                guard other >= 0 else { continue }
                if let low = lowest[slot], let high = highest[slot], !entry.covers(lowest: low, highest: high) { continue }
                switch status[other] {
                case .applies:
                    overridden[slot] = .yes
                case .mayApply:
                    let lowers = (highest[other] ?? .needsAssessment) < (highest[slot] ?? .needsAssessment)
                    if !lowers && overridden[slot] == .no { overridden[slot] = .unknown }
                case .notApplicable, .notInForce:
                    continue
                }
                if overriddenBy.isEmpty { overriddenBy = [[Int]](repeating: [], count: count) }
                overriddenBy[slot].append(Int(entry.rule))
            }
        }
        @inline(__always) func contributes(_ slot: Int) -> Bool { scratch.contributes(slot) }
        @inline(__always) func certain(_ slot: Int) -> Bool { scratch.certain(slot) }
        @inline(__always) func isDefinite(_ slot: Int) -> Bool { scratch.isDefinite(slot) }

        // Conflicts: definite contributions of one group that permit and prohibit.
        var conflicts: [[Int]] = []
        for a in 0..<count where isDefinite(a) {
            guard let va = lowest[a] else { continue }
            let group = program.rules[candidates[a]].group
            for b in (a + 1)..<max(a + 1, count) where isDefinite(b) {
                guard program.rules[candidates[b]].group == group, let vb = lowest[b] else { continue }
                if (va.permits && vb == .prohibited) || (vb.permits && va == .prohibited) {
                    conflicted[a] = true
                    conflicted[b] = true
                    conflicts.append([candidates[a], candidates[b]])
                }
            }
        }
        for slot in 0..<count where conflicted[slot] {
            lowest[slot] = .needsAssessment
            highest[slot] = .needsAssessment
        }

        // Combination: the worst verdict wins; uncertainty widens the range of outcomes.
        var anyContributing = false
        var anyCertain = false
        var certainLowest: Verdict?
        var maybeLowest: Verdict?
        var maybeHighest: Verdict?
        var contributingHighest: Verdict?
        for slot in 0..<count where contributes(slot) {
            anyContributing = true
            if let high = highest[slot] { contributingHighest = max(contributingHighest ?? high, high) }
            if certain(slot) {
                anyCertain = true
                if let low = lowest[slot] { certainLowest = max(certainLowest ?? low, low) }
            } else {
                if let low = lowest[slot] { maybeLowest = min(maybeLowest ?? low, low) }
                if let high = highest[slot] { maybeHighest = max(maybeHighest ?? high, high) }
            }
        }
        let low: Verdict
        let high: Verdict
        if !anyContributing {
            low = .needsAssessment
            high = .needsAssessment
        } else if !anyCertain {
            // Possibly no rule applies at all, which is needs assessment.
            low = min(.needsAssessment, maybeLowest ?? .needsAssessment)
            high = max(.needsAssessment, maybeHighest ?? .needsAssessment)
        } else {
            low = certainLowest ?? .needsAssessment
            high = contributingHighest ?? .needsAssessment
        }
        let verdict = low == high ? low : .needsAssessment

        // The deciding slots, ascending.
        let determination: Determination
        var decidingCount = 0
        func decide(_ slot: Int) {
            scratch.deciding[decidingCount] = slot
            decidingCount += 1
        }
        if !anyContributing {
            determination = .uncovered
        } else if low != high || !anyCertain {
            // Either the outcome depends on unknown facts, or only rules that may apply remain.
            determination = .undetermined
            for slot in 0..<count where contributes(slot) && (!isDefinite(slot) || lowest[slot] == verdict) { decide(slot) }
        } else {
            var conflict = false
            for slot in 0..<count where certain(slot) && conflicted[slot] && lowest[slot] == verdict { conflict = true }
            determination = conflict ? .conflict : .decided
            for slot in 0..<count where certain(slot) && (!conflict || conflicted[slot]) && lowest[slot] == verdict { decide(slot) }
        }

        // The rules the verdict rests on, and those whose outcome is open.
        var asks = determination == .undetermined
        var routes: [Int] = []
        func focusOverriders(of slot: Int, routes: inout [Int]?) {
            guard !overriddenBy.isEmpty else { return }
            for rule in overriddenBy[slot] where position[rule] >= 0 && status[position[rule]] == .mayApply {
                focus[position[rule]] = true
                // A route is an overrider that would bring a lower verdict.
                if (highest[position[rule]] ?? .needsAssessment) < (highest[slot] ?? .needsAssessment) { routes?.append(rule) }
            }
        }
        for offset in 0..<decidingCount {
            let slot = scratch.deciding[offset]
            focus[slot] = true
            // A lowering exception or overrider of a deciding rule that may apply is a
            // question whose answer could lower the verdict.
            if scratch.lowering[slot] != 0 { routes.append(candidates[slot]) }
            var found: [Int]? = []
            focusOverriders(of: slot, routes: &found)
            routes += found ?? []
        }
        if !routes.isEmpty {
            asks = true
            routes.sort()
            var unique: [Int] = []
            for rule in routes where unique.last != rule { unique.append(rule) }
            routes = unique
        }
        for slot in 0..<count where contributes(slot) {
            if determination == .undetermined && !isDefinite(slot) {
                focus[slot] = true
                // An overrider that may apply leaves the outcome open too.
                var none: [Int]? = nil
                focusOverriders(of: slot, routes: &none)
            }
            if status[slot] == .mayApply { focus[slot] = true }
        }
        return Outcome(
            lowest: low, highest: high, verdict: verdict, determination: determination, decidingCount: decidingCount,
            conflicts: conflicts, overriddenBy: overriddenBy, asks: asks, routes: routes)
    }
}

/// The place of a slot in the verdict, once overrides are known (`RuleTrace` has the same
/// three for a trace).
extension LeanScratch {
    /// Counts towards the verdict at all.
    @inline(__always) func contributes(_ slot: Int) -> Bool {
        (status[slot] == .applies || status[slot] == .mayApply) && overridden[slot] != .yes
    }

    /// Applies and is not overridden.
    @inline(__always) func certain(_ slot: Int) -> Bool { status[slot] == .applies && overridden[slot] == .no }

    /// Certain, and contributes one verdict.
    @inline(__always) func isDefinite(_ slot: Int) -> Bool { certain(slot) && lowest[slot] == highest[slot] }
}
