/// A parameter whose dated values differ between two rule sets (an earlier commit's and
/// the working tree's): what `waarborg test` names when an example fails because a value
/// was raised or lowered.
public struct ParameterChange: Sendable {
    /// The parameter's index in the newer rule set.
    public let parameter: Int
    /// The values before the change, in the order of the file.
    public let oldVersions: [ParameterVersion]

    /// The parameters of `newer` whose values or dates differ from those of the parameter
    /// with the same id in `older`, sorted by id.
    public static func between(older: RuleSet, newer: RuleSet) -> [ParameterChange] {
        newer.parameters.compactMap { parameter -> ParameterChange? in
            guard let index = older.parameterIndex[parameter.id] else { return nil }
            let old = older.parameters[index]
            guard old.type == parameter.type, !ParameterChange.same(old.versions, parameter.versions) else { return nil }
            return ParameterChange(parameter: parameter.index, oldVersions: old.versions)
        }.sorted { newer.parameters[$0.parameter].id < newer.parameters[$1.parameter].id }
    }

    static func same(_ a: [ParameterVersion], _ b: [ParameterVersion]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.value == $1.value && $0.from == $1.from && $0.until == $1.until }
    }
}

extension RuleSet {
    /// The same rule set with one parameter's dated values replaced: to evaluate an
    /// example with the value a parameter had before a change.
    public func replacingVersions(ofParameter index: Int, with versions: [ParameterVersion]) -> RuleSet {
        var parameters = self.parameters
        let old = parameters[index]
        parameters[index] = Parameter(id: old.id, index: old.index, title: old.title, type: old.type, versions: versions, range: old.range)
        return RuleSet(
            info: info, vocabulary: vocabulary, sources: sources, sourceIndex: sourceIndex, parameters: parameters,
            parameterIndex: parameterIndex, rules: rules, ruleIndex: ruleIndex, rulesByKind: rulesByKind, notesByKind: notesByKind,
            overriddenBy: overriddenBy, conditions: conditions, annexPhrases: annexPhrases, annexRange: annexRange,
            precedences: precedences, digest: digest)
    }
}
