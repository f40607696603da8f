import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// Facts, safeguards and a kind under which a set of conditions all hold.
public struct Witness: Sendable {
    public let kind: Int
    public let facts: [Int: Value]
    public let safeguards: [Int]
}

/// Searches for facts under which conditions all hold, without an SMT solver.
///
/// Each fact ranges over a few representative values taken from the conditions
/// themselves: both sides of every threshold a rule compares it with, each value a test
/// names (and one it does not), the empty set and the sets the tests name. The search
/// assigns the kind and the safeguards first, then facts one by one, and prunes as soon
/// as three-valued evaluation says a condition fails. It is exact over that finite
/// abstraction and stops after `nodeLimit` steps ("undecided"), so lint stays fast.
public struct SatisfiabilitySearch {
    public enum Outcome {
        case satisfiable(Witness)
        case impossible
        case undecided
    }

    let ruleSet: RuleSet
    let date: DateValue
    let nodeLimit: Int

    public init(ruleSet: RuleSet, date: DateValue, nodeLimit: Int = 20_000) {
        self.ruleSet = ruleSet
        self.date = date
        self.nodeLimit = nodeLimit
    }

    public func find(_ conditions: [Condition], kinds: [Int]) -> Outcome {
        guard !kinds.isEmpty else { return .impossible }
        // Conditions of rules that a `rule X applies` test refers to take part as well.
        var facts: [Int] = []
        var safeguards: [Int] = []
        var seenRules = Set<Int>()
        func collect(_ condition: Condition) {
            for fact in condition.facts where !facts.contains(fact) { facts.append(fact) }
            for safeguard in condition.safeguards where !safeguards.contains(safeguard) { safeguards.append(safeguard) }
            for rule in condition.rules where !seenRules.contains(rule) {
                seenRules.insert(rule)
                if let inner = ruleSet.rules[rule].condition { collect(inner) }
            }
        }
        conditions.forEach(collect)
        let domains = facts.map { domain(for: $0, in: conditions + seenRules.compactMap { ruleSet.rules[$0].condition }) }
        var nodes = 0

        func activity(kind: Int, present: [Int], assigned: [Int: Value]) -> Activity {
            var values = FactTable()
            for (fact, value) in assigned { values[fact] = FactValue(value: value, origin: .supposed) }
            let file = SourceFile(path: "lint", text: "")
            let range = SourceRange(file: file, start: 0, end: 0)
            return Activity(
                id: "lint", title: nil, kind: kind, parties: [], facts: values, safeguards: MemberSet(present),
                safeguardRanges: [:], range: range, kindRange: nil)
        }

        func truths(_ candidate: Activity) -> [Truth] {
            var evaluator = ConditionEvaluator(ruleSet: ruleSet, activity: candidate, date: date)
            let ruleSet = self.ruleSet
            let date = self.date
            evaluator.ruleStatus = { rule in
                let target = ruleSet.rules[rule]
                guard target.appliesTo.contains(candidate.kind), target.isInForce(on: date) else { return .no }
                guard let condition = target.condition else { return .yes }
                // No circles between rules (the checker refuses them), so this terminates.
                return ConditionEvaluator(ruleSet: ruleSet, activity: candidate, date: date).evaluate(condition).result
            }
            return conditions.map { evaluator.evaluate($0).result }
        }

        var result: Outcome = .impossible
        func assignFacts(kind: Int, present: [Int], assigned: [Int: Value], position: Int) -> Bool {
            nodes += 1
            if nodes > nodeLimit {
                result = .undecided
                return true
            }
            let current = truths(activity(kind: kind, present: present, assigned: assigned))
            if current.contains(.no) { return false }
            if !current.contains(.unknown) {
                result = .satisfiable(Witness(kind: kind, facts: assigned, safeguards: present))
                return true
            }
            guard position < facts.count else { return false }
            for value in domains[position] {
                var next = assigned
                next[facts[position]] = value
                if assignFacts(kind: kind, present: present, assigned: next, position: position + 1) { return true }
            }
            return false
        }

        func assignSafeguards(kind: Int, present: [Int], position: Int) -> Bool {
            if position == safeguards.count {
                return assignFacts(kind: kind, present: present, assigned: [:], position: 0)
            }
            // Present first: conditions mostly ask for safeguards.
            if assignSafeguards(kind: kind, present: present + [safeguards[position]], position: position + 1) { return true }
            return assignSafeguards(kind: kind, present: present, position: position + 1)
        }

        for kind in kinds {
            if assignSafeguards(kind: kind, present: [], position: 0) { return result }
        }
        return result
    }

    /// Representative values of a fact: enough to make every test on it hold or fail.
    func domain(for fact: Int, in conditions: [Condition]) -> [Value] {
        let definition = ruleSet.vocabulary.facts[fact]
        var thresholds = Set<Amount>()
        var dates = Set<DateValue>()
        var named = [MemberSet]()
        var members = Set<Int>()
        var texts = Set<String>()
        func visit(_ condition: Condition) {
            let uses = condition.uses
            for test in uses.comparisons where test.fact == fact {
                switch ruleSet.value(of: test.operand, on: date) {
                case .amount(let amount)?: thresholds.insert(amount)
                case .date(let day)?: dates.insert(day)
                case .member(let member)?: members.insert(member)
                case .text(let text)?: texts.insert(text)
                case .boolean?, .members?, nil: break
                }
            }
            for test in uses.memberTests where test.fact == fact {
                named.append(test.set)
                members.formUnion(test.set.members)
            }
        }
        conditions.forEach(visit)
        switch definition.type {
        case .scalar(let scalar):
            switch scalar.storage {
            case .boolean:
                return [.boolean(true), .boolean(false)]
            case .amount:
                let step = scalar.step
                var values = Set<Amount>([Amount.zero])
                for threshold in thresholds {
                    values.insert(threshold)
                    if threshold.scaled >= step.scaled { values.insert(Amount(scaled: threshold.scaled - step.scaled)) }
                    if let above = threshold.adding(step) { values.insert(above) }
                }
                return values.sorted().map { .amount($0) }
            case .date:
                return dates.sorted().map { .date($0) } + (dates.isEmpty ? [.date(date)] : [])
            case .text:
                // The empty text, every literal the conditions compare with, and one text equal to
                // none of them (a document reference such as `ref != ""` must be satisfiable).
                var other = "x"
                while texts.contains(other) { other += "x" }
                return ([""] + texts.subtracting([""]).sorted() + [other]).map { .text($0) }
            }
        case .oneOf(let enumeration):
            let all = ruleSet.vocabulary.enumerations[enumeration].members.indices
            var values = members.sorted()
            if let other = all.first(where: { !members.contains($0) }) { values.append(other) }
            return values.map { .member($0) }
        case .setOf(let enumeration):
            let all = ruleSet.vocabulary.enumerations[enumeration].members.indices
            var sets: [MemberSet] = [MemberSet()]
            for member in members.sorted() { sets.append(MemberSet([member])) }
            for set in named where !sets.contains(set) { sets.append(set) }
            if let other = all.first(where: { !members.contains($0) }) { sets.append(MemberSet([other])) }
            return sets.map { .members($0) }
        }
    }
}
