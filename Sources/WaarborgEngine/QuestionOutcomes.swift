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

    /// How much answering a question helps.
    enum Progress: Comparable {
        /// No answer changes what the verdict can be.
        case none
        /// Some answer narrows the range of possible verdicts, but every answer alone leads
        /// to the same verdict (another unknown still decides).
        case narrows
        /// The answers lead to different verdicts, or open or close a lowering route.
        case decides
    }

    /// The outcome of every answer and how much asking helps (`current`: the verdicts that
    /// are still possible).
    /// `rules`: the rules whose thresholds on the fact split a number into ranges (by default
    /// every rule of the activity's kind).
    /// An answer also helps when it opens or closes a lowering route (`routes`): stating
    /// one of several conditions of an exemption does not change the verdict yet.
    func outcomes(
        for fact: Int, activity: Activity, current: (lowest: Verdict, highest: Verdict), routes: [Int] = [], rules: [Int]? = nil
    ) -> (answers: [AnswerOutcome], progress: Progress) {
        var narrows = false
        var changesRoutes = false
        let ruleSet = evaluator.ruleSet
        let definition = ruleSet.vocabulary.facts[fact]
        func verdict(_ value: Value) -> Verdict {
            var answered = activity
            answered.facts[fact] = FactValue(value: value, origin: .supposed)
            let core = whatIf.evaluate(answered)
            if core.lowest != current.lowest || core.highest != current.highest { narrows = true }
            if core.routes != routes { changesRoutes = true }
            return core.verdict
        }
        let found = answers(definition, fact: fact, activity: activity, rules: rules, verdict: verdict)
        guard !found.isEmpty else { return (found, .narrows) }
        if Set(found.map(\.verdict)).count > 1 || changesRoutes { return (found, .decides) }
        return (found, narrows ? .narrows : .none)
    }

    private func answers(_ definition: FactDefinition, fact: Int, activity: Activity, rules: [Int]?, verdict: (Value) -> Verdict) -> [AnswerOutcome] {
        let ruleSet = evaluator.ruleSet
        switch definition.type {
        case .boolean:
            return [true, false].map { AnswerOutcome(answer: .value(.boolean($0)), verdict: verdict(.boolean($0))) }
        case .oneOf(let enumeration):
            let members = ruleSet.vocabulary.enumerations[enumeration].members.indices.prefix(QuestionOutcomes.maxValues)
            return members.map { AnswerOutcome(answer: .value(.member($0)), verdict: verdict(.member($0))) }
        case .setOf(let enumeration):
            let members = ruleSet.vocabulary.enumerations[enumeration].members.indices.prefix(QuestionOutcomes.maxValues)
            return members.map { member in
                let value = Value.members(MemberSet([member]))
                return AnswerOutcome(answer: .value(value), verdict: verdict(value))
            }
        case .number, .money, .percentage:
            return numericOutcomes(fact, type: definition.type, activity: activity, rules: rules, verdict: verdict)
        case .date, .text:
            return []
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
        // The smallest step the type is written in: whole numbers and euros, tenths of a percent.
        let step = type == .percentage ? Amount(scaled: Amount.scale / 10) : Amount(1)
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
