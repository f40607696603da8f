import WaarborgSyntax

/// Resolves a written condition against the vocabulary and parameters, checking that
/// every test fits the type of its fact.
struct ConditionChecker {
    let vocabulary: Vocabulary
    let parameters: [Parameter]
    let parameterIndex: [String: Int]

    func check(_ syntax: ExpressionSyntax, diagnostics: inout [Diagnostic]) -> Condition? {
        switch syntax {
        case .all(let parts, _):
            let checked = parts.map { check($0, diagnostics: &diagnostics) }
            return checked.contains { $0 == nil } ? nil : .all(checked.map { $0! })
        case .any(let parts, _):
            let checked = parts.map { check($0, diagnostics: &diagnostics) }
            return checked.contains { $0 == nil } ? nil : .any(checked.map { $0! })
        case .not(let inner, _):
            return check(inner, diagnostics: &diagnostics).map { .not($0) }
        case .safeguards(let names, let range):
            var indices: [Int] = []
            for name in names {
                guard let index = vocabulary.safeguardIndex[name.text] else {
                    let suggestion = Suggestions.closest(to: name.text, in: vocabulary.safeguards.map(\.id))
                    diagnostics.append(.error(
                        "WB320", "unknown safeguard `\(name.text)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
                        at: name.range, suggestion: suggestion))
                    return nil
                }
                indices.append(index)
            }
            return .safeguards(indices, range: range)
        case .holds(let name):
            guard let fact = fact(name, diagnostics: &diagnostics) else { return nil }
            guard fact.type == .boolean else {
                diagnostics.append(.error(
                    "WB321",
                    "`\(name.text)` is \(article(fact.type)) \(vocabulary.typeName(fact.type)), not yes/no; compare it with a value (for example `\(name.text) \(example(fact.type))`)",
                    at: name.range))
                return nil
            }
            return .holds(fact: fact.index, range: name.range)
        case .compare(let name, let op, let value, let range):
            guard let fact = fact(name, diagnostics: &diagnostics) else { return nil }
            let ordered = op != .equal && op != .notEqual
            if ordered, !(fact.type.isQuantity || fact.type == .date) {
                diagnostics.append(.error(
                    "WB322", "`\(op.rawValue)` compares numbers, amounts, percentages or dates; `\(name.text)` is \(vocabulary.typeName(fact.type))",
                    at: range))
                return nil
            }
            if case .setOf = fact.type {
                diagnostics.append(.error(
                    "WB322", "`\(name.text)` is a set; test it with `includes`, `includes any of`, `includes all of` or `includes only`",
                    at: range))
                return nil
            }
            if case .name(let word) = value.kind, let index = parameterIndex[word] {
                let parameter = parameters[index]
                guard parameter.type == fact.type else {
                    diagnostics.append(.error(
                        "WB323",
                        "`\(name.text)` is \(vocabulary.typeName(fact.type)) but parameter `\(word)` is \(vocabulary.typeName(parameter.type))",
                        at: value.range))
                    return nil
                }
                return .compare(fact: fact.index, op, .parameter(index), range: range)
            }
            var local: [Diagnostic] = []
            guard let typed = ValueChecker(vocabulary: vocabulary).check(value, as: fact.type, subject: "`\(name.text)`", diagnostics: &local) else {
                if case .name(let word) = value.kind, fact.type.isQuantity {
                    let suggestion = Suggestions.closest(to: word, in: parameters.map(\.id))
                    diagnostics.append(.error(
                        "WB324",
                        "`\(word)` is not a declared parameter" + (suggestion.map { "; did you mean `\($0)`?" } ?? "; numbers the law sets are declared once with `parameter`"),
                        at: value.range, suggestion: suggestion))
                } else {
                    diagnostics += local
                }
                return nil
            }
            return .compare(fact: fact.index, op, .value(typed), range: range)
        case .member(let name, let relation, let operand, let range):
            guard let fact = fact(name, diagnostics: &diagnostics) else { return nil }
            let enumeration: Int
            switch (relation, fact.type) {
            case (.isIn, .oneOf(let index)): enumeration = index
            case (.includesAny, .setOf(let index)), (.includesAll, .setOf(let index)), (.includesOnly, .setOf(let index)):
                enumeration = index
            case (.isIn, _):
                diagnostics.append(.error(
                    "WB325", "`in` tests a fact that takes one value; `\(name.text)` is \(vocabulary.typeName(fact.type))" + (isSet(fact.type) ? "; use `includes any of`" : ""),
                    at: range))
                return nil
            default:
                diagnostics.append(.error(
                    "WB325", "`includes` tests a set; `\(name.text)` is \(vocabulary.typeName(fact.type))" + (isOneOf(fact.type) ? "; use `in`" : ""),
                    at: range))
                return nil
            }
            guard let set = memberSet(operand, enumeration: enumeration, diagnostics: &diagnostics) else { return nil }
            return .member(fact: fact.index, relation, set, range: range)
        }
    }

    private func isSet(_ type: ValueType) -> Bool {
        if case .setOf = type { return true }
        return false
    }

    private func isOneOf(_ type: ValueType) -> Bool {
        if case .oneOf = type { return true }
        return false
    }

    private func article(_ type: ValueType) -> String {
        switch type {
        case .oneOf, .setOf: ""
        default: "a"
        }
    }

    private func example(_ type: ValueType) -> String {
        switch type {
        case .number: ">= 12"
        case .money: "> EUR 1_100_000"
        case .percentage: "<= 15%"
        case .date: ">= 2023-01-01"
        case .oneOf(let index): "= \(vocabulary.enumerations[index].members.first?.id ?? "…")"
        case .setOf(let index): "includes \(vocabulary.enumerations[index].members.first?.id ?? "…")"
        default: "= …"
        }
    }

    private func fact(_ name: Name, diagnostics: inout [Diagnostic]) -> FactDefinition? {
        if let index = vocabulary.factIndex[name.text] { return vocabulary.facts[index] }
        var message = "unknown fact `\(name.text)`"
        var suggestion: String?
        if vocabulary.safeguardIndex[name.text] != nil {
            message += "; `\(name.text)` is a safeguard: write `safeguard \(name.text)`"
            suggestion = "safeguard \(name.text)"
        } else if parameterIndex[name.text] != nil {
            message += "; `\(name.text)` is a parameter: compare a fact with it (`fact >= \(name.text)`)"
        } else if vocabulary.attributeIndex[name.text] != nil {
            message += "; `\(name.text)` is an attribute of parties: declare a fact `derived` from it"
        } else if let close = Suggestions.closest(to: name.text, in: vocabulary.facts.map(\.id)) {
            message += "; did you mean `\(close)`?"
            suggestion = close
        } else {
            message += "; declare it with `fact \(name.text)` in the vocabulary"
        }
        diagnostics.append(.error("WB326", message, at: name.range, suggestion: suggestion))
        return nil
    }

    private func memberSet(_ operand: SetOperand, enumeration: Int, diagnostics: inout [Diagnostic]) -> MemberSet? {
        let values = vocabulary.enumerations[enumeration]
        switch operand {
        case .literal(let names, _):
            var set = MemberSet()
            for name in names {
                if let member = values.memberIndex[name.text] {
                    set.insert(member)
                } else if let named = vocabulary.setIndex[name.text], vocabulary.sets[named].enumeration == enumeration {
                    for member in vocabulary.sets[named].members.members { set.insert(member) }
                } else {
                    diagnostics.append(ValueChecker(vocabulary: vocabulary).unknownMember(name.text, name.range, values))
                    return nil
                }
            }
            return set
        case .named(let name):
            if let named = vocabulary.setIndex[name.text] {
                guard vocabulary.sets[named].enumeration == enumeration else {
                    diagnostics.append(.error(
                        "WB327", "set `\(name.text)` holds values of `\(vocabulary.enumerations[vocabulary.sets[named].enumeration].id)`, not of `\(values.id)`",
                        at: name.range))
                    return nil
                }
                return vocabulary.sets[named].members
            }
            if let member = values.memberIndex[name.text] { return MemberSet([member]) }
            let suggestion = Suggestions.closest(to: name.text, in: vocabulary.sets.map(\.id) + values.members.map(\.id))
            diagnostics.append(.error(
                "WB328", "`\(name.text)` is neither a declared set nor a value of `\(values.id)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
                at: name.range, suggestion: suggestion))
            return nil
        }
    }
}
