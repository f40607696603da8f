import WaarborgModel

/// The working memory of one `LeanSession`, allocated once and reused for every activity.
///
/// Plain buffers rather than arrays: the evaluation writes a few bytes per rule and per
/// test, and an array in a struct checks on every write whether it must be copied first
/// (and an array in a class checks exclusive access). These buffers are owned by this
/// object, used by one thread at a time, and sized for the largest activity kind, so
/// nothing is checked, copied or allocated per activity.
final class LeanScratch {
    /// By fact index: the activity's value, `.unknown` when it states none.
    let facts: UnsafeMutableBufferPointer<ScalarValue>
    /// By node index: the node's result when last evaluated with `recording`.
    let results: UnsafeMutableBufferPointer<Truth>

    // By candidate slot: the rule's draft (see `Evaluator.Draft`) and its place in the verdict.
    let state: UnsafeMutableBufferPointer<LeanSession.DraftState>
    let status: UnsafeMutableBufferPointer<RuleStatus>
    let lowest: UnsafeMutableBufferPointer<Verdict?>
    let highest: UnsafeMutableBufferPointer<Verdict?>
    /// Bit n: exception n holds.
    let held: UnsafeMutableBufferPointer<UInt64>
    /// Bit n: exception n is unknown and would lower the contribution (`Combination`).
    let lowering: UnsafeMutableBufferPointer<UInt64>
    let overridden: UnsafeMutableBufferPointer<Truth>
    let conflicted: UnsafeMutableBufferPointer<Bool>
    let focus: UnsafeMutableBufferPointer<Bool>
    /// The deciding slots, ascending (`decidingCount` of them are in use).
    let deciding: UnsafeMutableBufferPointer<Int>
    /// Slots that apply or may apply, while their rules are collected.
    let applying: UnsafeMutableBufferPointer<Int>
    /// The facts of the current activity written into `facts`, to reset them afterwards.
    let written: UnsafeMutableBufferPointer<Int>

    /// One slot's draft as the combination reads it, kept for the variants of an activity.
    struct Draft {
        var status: RuleStatus
        var lowest: Verdict?
        var highest: Verdict?
        var held: UInt64
        var lowering: UInt64
    }
    /// By slot: the drafts of the activity whose variants are evaluated
    /// (`LeanSession.prepareVariants`), before the combination.
    let baseDrafts: UnsafeMutableBufferPointer<Draft>
    /// By slot: whether the variant under evaluation must draft the rule again.
    let dirty: UnsafeMutableBufferPointer<Bool>
    /// By fact index: whether the variant under evaluation changes the fact.
    let changed: UnsafeMutableBufferPointer<Bool>

    init(factCount: Int, nodeCount: Int, slotCount: Int) {
        facts = .filled(factCount, with: .unknown)
        results = .filled(nodeCount, with: .unknown)
        state = .filled(slotCount, with: .pending)
        status = .filled(slotCount, with: .notInForce)
        lowest = .filled(slotCount, with: nil)
        highest = .filled(slotCount, with: nil)
        held = .filled(slotCount, with: 0)
        lowering = .filled(slotCount, with: 0)
        overridden = .filled(slotCount, with: .no)
        conflicted = .filled(slotCount, with: false)
        focus = .filled(slotCount, with: false)
        deciding = .filled(slotCount, with: 0)
        applying = .filled(slotCount, with: 0)
        written = .filled(factCount, with: 0)
        baseDrafts = .filled(slotCount, with: Draft(status: .notInForce, lowest: nil, highest: nil, held: 0, lowering: 0))
        dirty = .filled(slotCount, with: false)
        changed = .filled(factCount, with: false)
    }

    deinit {
        // Every element type is trivial: deallocating is all there is to do.
        facts.deallocate()
        results.deallocate()
        state.deallocate()
        status.deallocate()
        lowest.deallocate()
        highest.deallocate()
        held.deallocate()
        lowering.deallocate()
        overridden.deallocate()
        conflicted.deallocate()
        focus.deallocate()
        deciding.deallocate()
        applying.deallocate()
        written.deallocate()
        baseDrafts.deallocate()
        dirty.deallocate()
        changed.deallocate()
    }
}

extension LeanScratch {
    /// The draft in `slot`.
    func draft(_ slot: Int) -> Draft {
        Draft(status: status[slot], lowest: lowest[slot], highest: highest[slot], held: held[slot], lowering: lowering[slot])
    }

    /// Puts `draft` in `slot`.
    func setDraft(_ draft: Draft, _ slot: Int) {
        status[slot] = draft.status
        lowest[slot] = draft.lowest
        highest[slot] = draft.highest
        held[slot] = draft.held
        lowering[slot] = draft.lowering
    }
}

private extension UnsafeMutableBufferPointer {
    /// A new buffer of `count` elements, each `value`.
    static func filled(_ count: Int, with value: Element) -> Self {
        let buffer = allocate(capacity: count)
        buffer.initialize(repeating: value)
        return buffer
    }
}
