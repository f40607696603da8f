import WaarborgModel
import WaarborgSyntax

/// Works out, for a question, which verdict each answer leads to, by evaluating the
/// activity again with the fact answered (other unknown facts stay unknown).
///
/// Numbers are answered in ranges split at the thresholds the rules compare them with
/// (literals and parameter values in force), so "data_age_months < 12 → prohibited;
/// ≥ 12 → allowed with safeguards" comes straight from the rule text.
struct QuestionOutcomes {
    let evaluator: Evaluator
    let date: DateValue
    /// Evaluates the answered variants (one set-up for all of them).
    let whatIf: WhatIfEvaluator

    static let maxValues = 24

    /// What answering a question can bring.
    enum Progress: Sendable, Equatable {
        /// Every answer leads to the same verdict and opens or closes no lowering route: the
        /// question is of no consequence and is not asked (even where it narrows the range of
        /// verdicts still possible: another fact decides).
        case none
        /// The answers cannot be listed (a date, or a number no rule compares with a value):
        /// asked, without outcomes, only where no other question brings progress.
        case unlisted
        /// Every answer leads to the same verdict, but an answer opens or closes a lowering
        /// route (these rules, by index): stating one of several conditions of an exemption
        /// does not change the verdict yet. Asked, and the reader is told so; `verdict` is the
        /// verdict every answer leads to.
        case route([Int], verdict: Verdict)
        /// The answers lead to different verdicts, or every answer to a verdict other than the
        /// current one (stating the fact at all changes it: an exception whose facts must be
        /// stated, burden of proof).
        case verdict
    }

    /// The outcome of every answer and what asking brings.
    /// `rules`: the rules whose thresholds on the fact split a number into ranges (by default
    /// every rule of the activity's kind). `current` and `routes`: the verdict and the
    /// lowering routes open now.
    func outcomes(
        for fact: Int, activity: Activity, current: Verdict, routes: [Int] = [], rules: [Int]? = nil
    ) -> (answers: [AnswerOutcome], progress: Progress) {
        var changedRoutes = Set<Int>()
        var verdicts = Set<Verdict>()
        let definition = evaluator.ruleSet.vocabulary.facts[fact]
        func verdict(_ value: Value) -> Verdict {
            var answered = activity
            answered.facts[fact] = FactValue(value: value, origin: .supposed)
            let outcome = whatIf.outcome(answered)
            changedRoutes.formUnion(Set(outcome.routes).symmetricDifference(routes))
            verdicts.insert(outcome.verdict)
            return outcome.verdict
        }
        var found = answers(definition, fact: fact, activity: activity, rules: rules, verdict: verdict)
        if definition.type.scalar?.storage == .text {
            // A documentary condition (`ref != ""`): stated or not. The answers are not listed
            // (a reference is no choice), but whether they matter is.
            _ = verdict(.text(""))
            _ = verdict(.text("stated"))
            found = []
        } else if found.isEmpty {
            return (found, .unlisted)
        }
        if verdicts.count > 1 || verdicts.first.map({ $0 != current }) == true { return (found, .verdict) }
        if !changedRoutes.isEmpty, let verdict = verdicts.first { return (found, .route(changedRoutes.sorted(), verdict: verdict)) }
        return (found, .none)
    }

    private func answers(_ definition: FactDefinition, fact: Int, activity: Activity, rules: [Int]?, verdict: (Value) -> Verdict) -> [AnswerOutcome] {
        let ruleSet = evaluator.ruleSet
        switch definition.type {
        case .scalar(let scalar):
            switch scalar.storage {
            case .boolean: return [true, false].map { AnswerOutcome(answer: .value(.boolean($0)), verdict: verdict(.boolean($0))) }
            case .amount: return numericOutcomes(fact, type: definition.type, activity: activity, rules: rules, verdict: verdict)
            case .date, .text: return []
            }
        case .oneOf(let enumeration):
            let members = ruleSet.vocabulary.enumerations[enumeration].members.indices.prefix(QuestionOutcomes.maxValues)
            return members.map { AnswerOutcome(answer: .value(.member($0)), verdict: verdict(.member($0))) }
        case .setOf(let enumeration):
            let members = ruleSet.vocabulary.enumerations[enumeration].members.indices.prefix(QuestionOutcomes.maxValues)
            return members.map { member in
                let value = Value.members(MemberSet([member]))
                return AnswerOutcome(answer: .value(value), verdict: verdict(value))
            }
        }
    }

    private func numericOutcomes(_ fact: Int, type: ValueType, activity: Activity, rules: [Int]?, verdict: (Value) -> Verdict) -> [AnswerOutcome] {
        let ruleSet = evaluator.ruleSet
        var thresholds = Set<Amount>()
        func collect(_ condition: Condition) {
            for test in condition.uses.comparisons where test.fact == fact {
                if case .amount(let amount)? = ruleSet.value(of: test.operand, on: date) { thresholds.insert(amount) }
            }
        }
        for index in rules ?? ruleSet.rulesByKind[activity.kind] {
            let rule = ruleSet.rules[index]
            rule.condition.map(collect)
            rule.exceptions.forEach { collect($0.condition) }
        }
        guard !thresholds.isEmpty else { return [] }
        let step = type.scalar?.step ?? Amount(1)
        var candidates = Set<Amount>()
        for threshold in thresholds {
            candidates.insert(threshold)
            if threshold.scaled - step.scaled >= 0 { candidates.insert(Amount(scaled: threshold.scaled - step.scaled)) }
            if let above = threshold.adding(step) { candidates.insert(above) }
        }
        let values = candidates.sorted().prefix(QuestionOutcomes.maxValues * 3)
        let verdicts = values.map { verdict(.amount($0)) }
        // Merge neighbouring candidates with the same verdict into ranges.
        var outcomes: [AnswerOutcome] = []
        var start = 0
        for index in values.indices {
            let last = index == values.indices.last!
            if last || verdicts[index + 1] != verdicts[index] {
                let lower = start == 0 ? nil : values[start]
                let upper = last ? nil : values[index]
                outcomes.append(AnswerOutcome(answer: .range(lower: lower, upper: upper), verdict: verdicts[index]))
                start = index + 1
            }
        }
        return outcomes
    }
}
