import WaarborgModel
import WaarborgSyntax

/// The verdict of one activity from its drafts: overrides, conflicts, combination, and
/// what the verdict rests on (questions, safeguards, parameters), as in
/// `Evaluator.treeCore`, without building traces.
///
/// Where the tree path evaluates the deciding and uncertain rules again with their tests,
/// this one evaluates them again with `recording` (every node's result kept in
/// `scratch.results`) and reads the tests from the compiled nodes: the n-th test node of
/// a condition is the n-th test of its trace.
extension LeanSession {
    /// The combination of the activity's drafts alone: its verdict and the lowering routes
    /// still open, what a variant of the remedy search or of a question's answer is asked,
    /// without the rest of `evaluate` (questions, safeguards, parameters, notes, rule lists).
    /// The scratch then holds the drafts and the combination (`LastEvaluation`).
    mutating func outcome(_ activity: Activity) -> Combination.Outcome {
        begin(activity)
        for slot in 0..<candidates.count { draft(slot) }
        return Combination.combine(scratch, count: candidates.count, candidates: candidates, position: position, program: program)
    }

    /// Every candidate's draft before the combination, as `Evaluator.draft` gives it
    /// without a trace: the first pass of `Evaluator.treeCore`, which then traces only the
    /// rules the verdict rests on.
    mutating func drafts(_ activity: Activity) -> [Evaluator.Draft] {
        begin(activity)
        // A loop, not `map`: the closure would capture a copy of the session.
        var drafts: [Evaluator.Draft] = []
        drafts.reserveCapacity(candidates.count)
        for slot in 0..<candidates.count {
            draft(slot)
            var draft = Evaluator.Draft(
                rule: candidates[slot], status: scratch.status[slot], held: scratch.held[slot].setBits, lowest: scratch.lowest[slot],
                highest: scratch.highest[slot])
            draft.lowering = scratch.lowering[slot]
            drafts.append(draft)
        }
        return drafts
    }

    mutating func evaluate(_ activity: Activity) -> Evaluator.Core {
        let outcome = outcome(activity)
        let count = candidates.count
        let status = scratch.status
        let held = scratch.held
        let focus = scratch.focus

        // Notes inform; they never reach or change a verdict.
        var notes: [NoteOutcome] = []
        for index in context.ruleSet.notesByKind[kind] where program.rules[index].isInForce(onOrdinal: context.day) {
            let root = Int(program.rules[index].condition)
            let result = root >= 0 ? truth(root, recording: false) : .yes
            if result != .no { notes.append(NoteOutcome(rule: index, applies: result)) }
        }

        let verdict = outcome.verdict
        let determination = outcome.determination
        let conflicts = outcome.conflicts
        let deciding = UnsafeBufferPointer(rebasing: scratch.deciding[0..<outcome.decidingCount])

        // Their tests, where the outcome needs them: the questions of an open verdict, the
        // safeguards of allowed with safeguards, parameters without a value in force.
        for slot in 0..<count where focus[slot] {
            let rule = program.rules[candidates[slot]]
            if outcome.asks || (verdict == .allowedWithSafeguards && deciding.contains(slot))
                || (context.someParameterMissing && rule.usesParameters) {
                record(rule, status: status[slot])
            }
        }

        var questions: [Question] = []
        if outcome.asks {
            var pairs: [Int] = []
            for slot in 0..<count where focus[slot] {
                let rule = program.rules[candidates[slot]]
                if rule.condition >= 0 { unknownFacts(Int(rule.condition), rule: candidates[slot], into: &pairs) }
                guard status[slot] == .applies || status[slot] == .mayApply else { continue }
                for offset in 0..<Int(rule.exceptionCount) {
                    unknownFacts(exceptionRoot(rule, offset), rule: candidates[slot], into: &pairs)
                }
            }
            questions = questionsByFact(pairs)
        }

        var required: [Int] = []
        var recommended: [Int] = []
        for slot in deciding {
            if verdict == .allowedWithSafeguards {
                let rule = program.rules[candidates[slot]]
                if rule.condition >= 0 { presentSafeguards(Int(rule.condition), into: &required) }
                for offset in 0..<Int(rule.exceptionCount) where held[slot] & (1 << UInt64(offset)) != 0 {
                    presentSafeguards(exceptionRoot(rule, offset), into: &required)
                }
            }
            if verdict != .prohibited {
                for safeguard in context.ruleSet.rules[candidates[slot]].recommends where !recommended.contains(safeguard) {
                    recommended.append(safeguard)
                }
            }
        }
        if !required.isEmpty { recommended.removeAll { required.contains($0) } }

        var uses: [ParameterUse] = []
        var missing: [Int] = []
        for slot in 0..<count where focus[slot] && program.rules[candidates[slot]].usesParameters {
            let rule = program.rules[candidates[slot]]
            let start = Int(rule.parameterStart)
            for offset in 0..<Int(rule.parameterCount) {
                let parameter = Int(program.parameterTests[start + offset])
                let version = Int(context.parameterVersion[parameter])
                let use = ParameterUse(parameter: parameter, version: version >= 0 ? version : nil)
                if !uses.contains(use) { uses.append(use) }
            }
            // A parameter with no value in force matters only where it leaves a condition
            // undecided; a condition already failed on other facts does not need it.
            guard context.someParameterMissing else { continue }
            if rule.condition >= 0, scratch.results[Int(rule.condition)] == .unknown {
                missingParameters(Int(rule.condition), into: &missing)
            }
            guard scratch.contributes(slot) else { continue }
            for offset in 0..<Int(rule.exceptionCount) where scratch.results[exceptionRoot(rule, offset)] == .unknown {
                missingParameters(exceptionRoot(rule, offset), into: &missing)
            }
        }

        let decidingRules = Self.rules(deciding, of: candidates)
        var decidingExceptions: [ExceptionReference] = []
        for slot in deciding {
            var mask = held[slot]
            while mask != 0 {
                decidingExceptions.append(ExceptionReference(rule: candidates[slot], exception: mask.trailingZeroBitCount))
                mask &= mask - 1
            }
        }
        var applyingCount = 0
        for slot in 0..<count where status[slot] == .applies || status[slot] == .mayApply {
            scratch.applying[applyingCount] = slot
            applyingCount += 1
        }
        let applying = Self.rules(UnsafeBufferPointer(rebasing: scratch.applying[0..<applyingCount]), of: candidates)
        var firedCount = 0
        for slot in 0..<count where scratch.certain(slot) {
            scratch.applying[firedCount] = slot
            firedCount += 1
        }
        let fired = Self.rules(UnsafeBufferPointer(rebasing: scratch.applying[0..<firedCount]), of: candidates)
        return Evaluator.Core(
            verdict: verdict, determination: determination, lowest: outcome.lowest, highest: outcome.highest,
            deciding: sortedByID(decidingRules), fired: sortedByID(fired), applying: applying, traces: [],
            questions: questions, required: required, recommended: recommended, parameterUses: uses, missingParameters: missing,
            conflicts: conflicts, notes: notes, decidingExceptions: decidingExceptions, routes: outcome.routes)
    }

    // MARK: Tests of the focus rules

    private func exceptionRoot(_ rule: CompiledRule, _ offset: Int) -> Int {
        Int(program.exceptions[Int(rule.exceptionStart) + offset].root)
    }

    /// Evaluates a rule's condition and (when it applies or may) its exceptions again,
    /// keeping every node's result, as `Evaluator.draft` with `traced` would.
    private func record(_ rule: CompiledRule, status: RuleStatus) {
        if rule.condition >= 0 { _ = truth(Int(rule.condition), recording: true) }
        guard status == .applies || status == .mayApply else { return }
        for offset in 0..<Int(rule.exceptionCount) { _ = truth(exceptionRoot(rule, offset), recording: true) }
    }

    /// `ConditionTrace.unknownFacts` of the recorded condition at `root`, each with `rule`
    /// as one number that sorts by fact and then by rule id: `fact << 32 | idRank[rule]`.
    private func unknownFacts(_ root: Int, rule: Int, into pairs: inout [Int]) {
        guard scratch.results[root] == .unknown else { return }
        let rank = context.ruleSet.idRank[rule]
        for index in root..<Int(nodes[root].end) where nodes[index].isTest && nodes[index].fact >= 0 && scratch.results[index] == .unknown {
            pairs.append(Int(nodes[index].fact) << 32 | rank)
        }
    }

    /// The safeguards of the recorded condition's safeguard tests that held, in order.
    private func presentSafeguards(_ root: Int, into list: inout [Int]) {
        for index in root..<Int(nodes[root].end) where nodes[index].operation == .safeguards && scratch.results[index] == .yes {
            let start = Int(nodes[index].payload)
            for offset in 0..<Int(nodes[index].count) {
                let safeguard = Int(program.lists[start + offset])
                if !list.contains(safeguard) { list.append(safeguard) }
            }
        }
    }

    /// The parameters without a value in force that the condition compares with.
    private func missingParameters(_ root: Int, into missing: inout [Int]) {
        for index in root..<Int(nodes[root].end) where nodes[index].operation == .compareParameter {
            let parameter = Int(nodes[index].payload)
            if context.parameterVersion[parameter] < 0, !missing.contains(parameter) { missing.append(parameter) }
        }
    }

    /// Questions by fact, each with its rules in id order (`Evaluator.sortByID`), from the
    /// pairs of `unknownFacts`.
    private func questionsByFact(_ pairs: [Int]) -> [Question] {
        guard !pairs.isEmpty else { return [] }
        let sorted = pairs.sorted()
        var questions: [Question] = []
        var rules: [Int] = []
        for (offset, pair) in sorted.enumerated() {
            let fact = pair >> 32
            let rule = context.ruleByRank[pair & 0xFFFF_FFFF]
            if rules.last != rule { rules.append(rule) }
            if offset + 1 == sorted.count || sorted[offset + 1] >> 32 != fact {
                questions.append(Question(fact: fact, rules: rules))
                rules.removeAll(keepingCapacity: true)
            }
        }
        return questions
    }

    /// The rules of `slots`. (Appending to an empty array is the cheapest way to make a
    /// small one: reserving or filling a given count calls the runtime's generic code.)
    private static func rules(_ slots: UnsafeBufferPointer<Int>, of candidates: [Int]) -> [Int] {
        var rules: [Int] = []
        for slot in slots { rules.append(candidates[slot]) }
        return rules
    }

    /// Rule indices in id order (`Evaluator.sortByID`); candidates usually come sorted already.
    private func sortedByID(_ rules: [Int]) -> [Int] {
        let rank = context.ruleSet.idRank
        var isSorted = true
        for index in rules.indices.dropFirst() where rank[rules[index - 1]] >= rank[rules[index]] { isSorted = false }
        if isSorted { return rules }
        var unique = rules
        unique.sort { rank[$0] < rank[$1] }
        var result: [Int] = []
        for rule in unique where result.last != rule { result.append(rule) }
        return result
    }
}
