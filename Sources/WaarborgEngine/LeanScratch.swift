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
    let overridden: UnsafeMutableBufferPointer<Truth>
    let conflicted: UnsafeMutableBufferPointer<Bool>
    let focus: UnsafeMutableBufferPointer<Bool>
    /// The deciding slots, ascending (`decidingCount` of them are in use).
    let deciding: UnsafeMutableBufferPointer<Int>
    /// Slots that apply or may apply, while their rules are collected.
    let applying: UnsafeMutableBufferPointer<Int>
    /// The facts of the current activity written into `facts`, to reset them afterwards.
    let written: UnsafeMutableBufferPointer<Int>

    init(factCount: Int, nodeCount: Int, slotCount: Int) {
        facts = .allocate(capacity: factCount)
        facts.initialize(repeating: .unknown)
        results = .allocate(capacity: nodeCount)
        results.initialize(repeating: .unknown)
        state = .allocate(capacity: slotCount)
        state.initialize(repeating: .pending)
        status = .allocate(capacity: slotCount)
        status.initialize(repeating: .notInForce)
        lowest = .allocate(capacity: slotCount)
        lowest.initialize(repeating: nil)
        highest = .allocate(capacity: slotCount)
        highest.initialize(repeating: nil)
        held = .allocate(capacity: slotCount)
        held.initialize(repeating: 0)
        overridden = .allocate(capacity: slotCount)
        overridden.initialize(repeating: .no)
        conflicted = .allocate(capacity: slotCount)
        conflicted.initialize(repeating: false)
        focus = .allocate(capacity: slotCount)
        focus.initialize(repeating: false)
        deciding = .allocate(capacity: slotCount)
        deciding.initialize(repeating: 0)
        applying = .allocate(capacity: slotCount)
        applying.initialize(repeating: 0)
        written = .allocate(capacity: factCount)
        written.initialize(repeating: 0)
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
        overridden.deallocate()
        conflicted.deallocate()
        focus.deallocate()
        deciding.deallocate()
        applying.deallocate()
        written.deallocate()
    }
}
