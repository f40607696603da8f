import WaarborgModel
import WaarborgSyntax

/// The lean evaluation of activities with the compiled rules, one activity at a time.
///
/// A session belongs to one thread and is reused for every activity it evaluates: its
/// memory (`LeanScratch`) is allocated once and only reset between activities, the
/// activity's facts are spread into a dense array of `ScalarValue`s indexed by fact, and
/// conditions are interpreted from `CompiledRuleSet.nodes`. Nothing here counts
/// references, hashes or allocates in the inner loops, which is what made the
/// tree-walking evaluator slow on large plans.
///
/// The semantics are those of `Evaluator.draft` and `ConditionEvaluator`, test for test;
/// `Tests/WaarborgEngineTests/LeanEvaluationTests.swift` compares both on every example
/// and on perturbed activities.
struct LeanSession {
    let context: LeanContext
    let program: CompiledRuleSet
    let nodes: [ConditionNode]
    let scratch: LeanScratch

    // The activity under evaluation (set by `begin`).
    private(set) var kind = 0
    private(set) var candidates: [Int] = []
    /// By rule index: the rule's slot among the candidates, -1 when it is not one.
    private(set) var position: [Int] = []
    /// The activity's facts and safeguards themselves, for texts and wide sets.
    private(set) var factTable = FactTable()
    /// The safeguards in place (a variant's: `LeanVariants.swift`).
    var safeguards = MemberSet()
    /// The first word of the activity's safeguards.
    var safeguardWord: UInt64 = 0
    /// How many of `scratch.written` are in use.
    private var writtenCount = 0

    // Variants of one activity (`LeanVariants.swift`).
    /// The activity whose variants `variantOutcome` evaluates, and which `prepareVariants`
    /// call made it the base (a variant of an older base is never evaluated against it).
    var variantBase: Activity?
    var variantGeneration = 0
    /// Whether `scratch.facts` hold the base's facts (with `delta` changed), not another activity's.
    var onBase = false
    /// The facts the last variant changed, each with the base's value, to put back.
    var delta: [(fact: Int, original: ScalarValue)] = []

    enum DraftState: UInt8 {
        case pending, inProgress, done
    }

    init(context: LeanContext) {
        self.context = context
        self.program = context.program
        self.nodes = context.program.nodes
        let ruleSet = context.ruleSet
        self.scratch = LeanScratch(
            factCount: ruleSet.vocabulary.facts.count, nodeCount: context.program.nodes.count,
            slotCount: ruleSet.rulesByKind.map(\.count).max() ?? 0)
    }

    /// Makes the session ready for `activity`: its candidates, facts and safeguards.
    mutating func begin(_ activity: Activity) {
        // A variant's changed facts go back first: `written` lists only the base's own.
        for (fact, original) in delta.reversed() { scratch.facts[fact] = original }
        delta.removeAll(keepingCapacity: true)
        onBase = false
        kind = activity.kind
        candidates = context.ruleSet.rulesByKind[kind]
        position = context.ruleSet.positionInKind[kind]
        for slot in 0..<candidates.count { scratch.state[slot] = .pending }
        let facts = scratch.facts
        let written = scratch.written
        for offset in 0..<writtenCount { facts[written[offset]] = .unknown }
        var count = 0
        factTable = activity.facts
        // Facts beyond the vocabulary cannot be tested by any condition.
        factTable.forEachScalar { fact, value in
            guard fact >= 0 && fact < facts.count else { return }
            facts[fact] = value
            written[count] = fact
            count += 1
        }
        writtenCount = count
        safeguards = activity.safeguards
        safeguardWord = safeguards.words.first ?? 0
    }

    // MARK: Drafts

    /// What the candidate in `slot` contributes (`scratch.status` … `held`), computed once
    /// per activity, as `Evaluator.draft` computes it.
    func draft(_ slot: Int) {
        guard scratch.state[slot] == .pending else { return }
        scratch.state[slot] = .inProgress
        let rule = program.rules[candidates[slot]]
        var status = RuleStatus.notInForce
        var lowest: Verdict?
        var highest: Verdict?
        var heldMask: UInt64 = 0
        if rule.isInForce(onOrdinal: context.day) {
            switch rule.condition >= 0 ? truth(Int(rule.condition), recording: false) : .yes {
            case .yes: status = .applies
            case .no: status = .notApplicable
            case .unknown: status = .mayApply
            }
        }
        var lowering: UInt64 = 0
        if status == .applies || status == .mayApply {
            var maybeMask: UInt64 = 0
            let start = Int(rule.exceptionStart)
            for offset in 0..<Int(rule.exceptionCount) {
                switch truth(Int(program.exceptions[start + offset].root), recording: false) {
                case .yes: heldMask |= 1 << UInt64(offset)
                case .unknown: maybeMask |= 1 << UInt64(offset)
                case .no: break
                }
            }
            let contribution = rule.nested
                ? Combination.nestedContribution(
                    of: rule.conclusion, count: Int(rule.exceptionCount), held: heldMask, maybe: maybeMask,
                    parent: { Int(program.exceptions[start + $0].parent) }, exception: { program.exceptions[start + $0].conclusion })
                : Combination.contribution(of: rule.conclusion, held: heldMask, maybe: maybeMask) {
                    program.exceptions[start + $0].conclusion
                }
            lowest = contribution.lowest
            highest = contribution.highest
            lowering = contribution.lowering
            heldMask = contribution.held
        }
        scratch.status[slot] = status
        scratch.lowest[slot] = lowest
        scratch.highest[slot] = highest
        scratch.held[slot] = heldMask
        scratch.lowering[slot] = lowering
        scratch.state[slot] = .done
    }

    /// Whether rule `index` applies to the activity (for `rule X applies`), as the session
    /// of `Evaluator.treeCore` answers it: a rule that is not a candidate, or whose draft
    /// is being computed, does not.
    func ruleStatus(_ index: Int) -> Truth {
        let slot = index < position.count ? position[index] : -1
        guard slot >= 0, scratch.state[slot] != .inProgress else { return .no }
        draft(slot)
        switch scratch.status[slot] {
        case .applies: return .yes
        case .mayApply: return .unknown
        default: return .no
        }
    }

    // MARK: Conditions

    /// The truth of the condition rooted at node `index`. With `recording`, every node's
    /// result is kept in `scratch.results` (and no part is skipped), as a trace would show
    /// it; without, `all` and `any` stop at the first part that settles them.
    func truth(_ index: Int, recording: Bool) -> Truth {
        let node = nodes[index]
        let result: Truth
        switch node.operation {
        case .all:
            result = combine(index, end: Int(node.end), dominant: .no, identity: .yes, recording: recording)
        case .any:
            result = combine(index, end: Int(node.end), dominant: .yes, identity: .no, recording: recording)
        case .not:
            result = !truth(index + 1, recording: recording)
        case .holds, .compare, .compareParameter, .member, .safeguards, .kind, .rulesApply:
            return test(node, at: index, recording: recording)
        }
        if recording { scratch.results[index] = result }
        return result
    }

    /// Kleene's `all` (a `.no` part dominates, the empty `all` is `.yes`) and `any` (a
    /// `.yes` part dominates, the empty `any` is `.no`) over the parts of node `index`,
    /// which end at `end`. An unknown part makes the result unknown unless a part dominates.
    @inline(__always)
    private func combine(_ index: Int, end: Int, dominant: Truth, identity: Truth, recording: Bool) -> Truth {
        var combined = identity
        var part = index + 1
        while part < end {
            let child = nodes[part]
            let outcome = child.isTest ? test(child, at: part, recording: recording) : truth(part, recording: recording)
            if outcome == dominant {
                combined = dominant
                if !recording { return dominant }
            } else if outcome == .unknown && combined == identity {
                combined = .unknown
            }
            part = Int(child.end)
        }
        return combined
    }

    /// The result of one test (a leaf node).
    @inline(__always)
    private func test(_ node: ConditionNode, at index: Int, recording: Bool) -> Truth {
        let result: Truth
        switch node.operation {
        case .all, .any, .not:
            // Not a test: `truth` handles connectives (and never sends them here).
            return .unknown
        case .holds:
            let value = scratch.facts[Int(node.fact)]
            result = value.tag == .boolean ? Truth(value.bits != 0) : .unknown
        case .compare:
            let value = scratch.facts[Int(node.fact)]
            if value.tag == .unknown {
                result = .unknown
            } else if value.tag == .other || !node.narrow {
                result = compareValues(node.fact, node.comparison, program.values[Int(node.payload)])
            } else {
                result = Self.compare(value, node.comparison, node.constant)
            }
        case .compareParameter:
            let value = scratch.facts[Int(node.fact)]
            let parameter = Int(node.payload)
            let right = context.parameterValue[parameter]
            if value.tag == .unknown || right.tag == .unknown {
                result = .unknown
            } else if value.tag == .other || right.tag == .other {
                let version = Int(context.parameterVersion[parameter])
                result = compareValues(node.fact, node.comparison, context.ruleSet.parameters[parameter].versions[version].value)
            } else {
                result = Self.compare(value, node.comparison, right)
            }
        case .member:
            result = member(node)
        case .safeguards:
            if node.narrow {
                result = Truth(safeguardWord & node.constant.word == node.constant.word)
            } else {
                var present = true
                let start = Int(node.payload)
                for offset in 0..<Int(node.count) where !safeguards.contains(Int(program.lists[start + offset])) { present = false }
                result = Truth(present)
            }
        case .kind:
            if node.narrow {
                result = Truth(kind < 64 && node.constant.word & (1 << UInt64(kind)) != 0)
            } else {
                result = Truth(program.memberSets[Int(node.payload)].contains(kind))
            }
        case .rulesApply:
            var combined = Truth.no
            let start = Int(node.payload)
            for offset in 0..<Int(node.count) {
                switch ruleStatus(Int(program.lists[start + offset])) {
                case .yes: combined = .yes
                case .unknown where combined == .no: combined = .unknown
                default: break
                }
            }
            result = combined
        }
        if recording { scratch.results[index] = result }
        return result
    }

    /// `fact relation set`, as `ConditionEvaluator` decides it.
    private func member(_ node: ConditionNode) -> Truth {
        let value = scratch.facts[Int(node.fact)]
        switch (node.relation, value.tag) {
        case (.isIn, .member):
            if node.narrow { return Truth(value.bits < 64 && node.constant.word & (1 << UInt64(value.bits)) != 0) }
            return Truth(program.memberSets[Int(node.payload)].contains(Int(value.bits)))
        case (.isIn, _), (_, .unknown), (_, .boolean), (_, .amount), (_, .date), (_, .member):
            return .unknown
        case (_, .members) where node.narrow:
            let set = node.constant.word
            let members = value.word
            switch node.relation {
            case .includesAny: return Truth(members & set != 0)
            case .includesAll: return Truth(set & ~members == 0)
            case .includesOnly: return Truth(members & ~set == 0)
            case .isIn: return .unknown
            }
        default:
            // A wide set (or a text): the `MemberSet`s themselves.
            guard case .members(let members)? = factTable[Int(node.fact)]?.value else { return .unknown }
            let set = program.memberSets[Int(node.payload)]
            switch node.relation {
            case .includesAny: return Truth(members.intersects(set))
            case .includesAll: return Truth(set.isSubset(of: members))
            case .includesOnly: return Truth(members.isSubset(of: set))
            case .isIn: return .unknown
            }
        }
    }

    /// A comparison of two values that fit a word, as `ConditionEvaluator.compare`.
    @inline(__always)
    static func compare(_ left: ScalarValue, _ op: ComparisonOperator, _ right: ScalarValue) -> Truth {
        if left.tag == right.tag {
            if left.tag == .amount || left.tag == .date {
                let a = left.bits
                let b = right.bits
                switch op {
                case .equal: return Truth(a == b)
                case .notEqual: return Truth(a != b)
                case .less: return Truth(a < b)
                case .lessOrEqual: return Truth(a <= b)
                case .greater: return Truth(a > b)
                case .greaterOrEqual: return Truth(a >= b)
                }
            }
            switch op {
            case .equal: return Truth(left.bits == right.bits)
            case .notEqual: return Truth(left.bits != right.bits)
            default: return .unknown
            }
        }
        // Values of different kinds are never equal, and have no order.
        switch op {
        case .equal: return .no
        case .notEqual: return .yes
        default: return .unknown
        }
    }

    /// The comparison on the `Value`s, for texts and wide sets.
    private func compareValues(_ fact: Int32, _ op: ComparisonOperator, _ right: Value) -> Truth {
        guard let left = factTable[Int(fact)]?.value else { return .unknown }
        return ConditionEvaluator.compare(left, op, right)
    }
}
