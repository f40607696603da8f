import WaarborgModel
import WaarborgSyntax

/// What stays the same for every activity evaluated on one date: the compiled rules and
/// the parameter values in force. Built once per `Evaluator.evaluate(_:asOf:)` (and once
/// per single-activity evaluation), so the per-activity work never looks at dates again.
struct LeanContext: Sendable {
    let ruleSet: RuleSet
    let program: CompiledRuleSet
    let date: DateValue
    /// The date as a day ordinal, for `CompiledRule.isInForce(onOrdinal:)`.
    let day: Int
    /// By parameter: the index of the version in force, -1 when none is.
    let parameterVersion: [Int32]
    /// By parameter: the value in force, `.unknown` when none is.
    let parameterValue: [ScalarValue]
    /// Whether some parameter has no value in force (then missing parameters are looked for).
    let someParameterMissing: Bool
    /// The inverse of `RuleSet.idRank`: the rule at each position in id order.
    let ruleByRank: [Int]

    init(evaluator: Evaluator, date: DateValue) {
        let ruleSet = evaluator.ruleSet
        self.ruleSet = ruleSet
        self.program = evaluator.program
        self.date = date
        self.day = date.ordinal
        var versions: [Int32] = []
        var values: [ScalarValue] = []
        versions.reserveCapacity(ruleSet.parameters.count)
        values.reserveCapacity(ruleSet.parameters.count)
        var missing = false
        for parameter in ruleSet.parameters {
            // The same choice as `ConditionEvaluator`: both ask `Parameter.versionIndex(on:)`.
            if let version = parameter.versionIndex(on: date) {
                versions.append(Int32(version))
                values.append(ScalarValue(parameter.versions[version].value))
            } else {
                versions.append(-1)
                values.append(.unknown)
                missing = true
            }
        }
        self.parameterVersion = versions
        self.parameterValue = values
        self.someParameterMissing = missing
        var ruleByRank = [Int](repeating: 0, count: ruleSet.idRank.count)
        for (rule, rank) in ruleSet.idRank.enumerated() { ruleByRank[rank] = rule }
        self.ruleByRank = ruleByRank
    }
}
