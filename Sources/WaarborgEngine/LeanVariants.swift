import WaarborgModel

/// Variants of one activity, evaluated by drafting again only what a variant changes.
///
/// The remedy search and the question outcomes evaluate an activity dozens of times with a
/// fact changed or a few safeguards added. A rule's draft depends on the date, on the facts
/// and safeguards its conditions test, and on the drafts of the rules whose applicability
/// they test (`rule X applies`; the checker refuses circles, WB338). So a variant keeps the
/// base activity's draft of every rule that reads none of what changed, drafts the others
/// again, and combines them as `outcome` does: the same outcome as evaluating the changed
/// activity itself (`LeanVariantTests` compares both on generated rule sets and variants).
extension LeanSession {
    /// Evaluates `activity` as `outcome` does, and keeps its drafts as the base of the
    /// variants `variantOutcome` evaluates next.
    mutating func prepareVariants(of activity: Activity) -> (outcome: Combination.Outcome, generation: Int) {
        begin(activity)
        let count = candidates.count
        for slot in 0..<count { draft(slot) }
        for slot in 0..<count { scratch.baseDrafts[slot] = scratch.draft(slot) }
        variantBase = activity
        variantGeneration += 1
        onBase = true
        return (Combination.combine(scratch, count: count, candidates: candidates, position: position, program: program), variantGeneration)
    }

    /// The outcome of the base activity with `changes` made (each fact set to its value) and
    /// `added` safeguards in place; `generation` is what `prepareVariants` returned for it.
    /// Nil when that base is no longer the session's, or when a changed value does not fit a
    /// word or is read as a whole `Value` (a text, a wide set: those tests read the
    /// activity's own table): the caller then evaluates the changed activity itself.
    mutating func variantOutcome(changing changes: [(fact: Int, value: Value)], adding added: [Int], generation: Int) -> Combination.Outcome? {
        guard let base = variantBase, generation == variantGeneration else { return nil }
        let factCount = scratch.facts.count
        for change in changes {
            guard change.fact >= 0 && change.fact < factCount, ScalarValue(change.value).tag != .other,
                !program.readsValueItself[change.fact]
            else { return nil }
        }
        if onBase {
            // Backwards: a fact changed twice gets the base's value last.
            for (fact, original) in delta.reversed() { scratch.facts[fact] = original }
            delta.removeAll(keepingCapacity: true)
        } else {
            begin(base)
            onBase = true
        }
        for change in changes {
            delta.append((change.fact, scratch.facts[change.fact]))
            scratch.facts[change.fact] = ScalarValue(change.value)
            scratch.changed[change.fact] = true
        }
        var safeguardsChanged = false
        safeguards = base.safeguards
        for safeguard in added where !safeguards.contains(safeguard) {
            safeguards.insert(safeguard)
            safeguardsChanged = true
        }
        safeguardWord = safeguards.words.first ?? 0

        let count = candidates.count
        for slot in 0..<count {
            let rule = program.rules[candidates[slot]]
            var dirty = safeguardsChanged && rule.readsSafeguards
            if !dirty {
                let start = Int(rule.readFactStart)
                for offset in 0..<Int(rule.readFactCount) where scratch.changed[Int(program.readFacts[start + offset])] {
                    dirty = true
                    break
                }
            }
            scratch.dirty[slot] = dirty
        }
        // A rule that tests whether a redrafted rule applies is redrafted too.
        var spreading = true
        while spreading {
            spreading = false
            for slot in 0..<count where !scratch.dirty[slot] {
                let rule = program.rules[candidates[slot]]
                let start = Int(rule.referenceStart)
                for offset in 0..<Int(rule.referenceCount) {
                    let referenced = Int(program.references[start + offset])
                    let other = referenced < position.count ? position[referenced] : -1
                    if other >= 0 && scratch.dirty[other] {
                        scratch.dirty[slot] = true
                        spreading = true
                        break
                    }
                }
            }
        }
        for slot in 0..<count {
            if scratch.dirty[slot] {
                scratch.state[slot] = .pending
            } else {
                scratch.setDraft(scratch.baseDrafts[slot], slot)
                scratch.state[slot] = .done
            }
        }
        for slot in 0..<count { draft(slot) }
        for (fact, _) in delta { scratch.changed[fact] = false }
        return Combination.combine(scratch, count: count, candidates: candidates, position: position, program: program)
    }
}
