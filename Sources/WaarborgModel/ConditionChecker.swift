import WaarborgSyntax

/// Resolves a written condition against the vocabulary and parameters, checking that
/// every test fits the type of its fact.
struct ConditionChecker {
    let vocabulary: Vocabulary
    let parameters: [Parameter]
    let parameterIndex: [String: Int]
    var ruleIndex: [String: Int] = [:]
    var groupRules: [String: [Int]] = [:]
    /// Named conditions already checked, used inline where a rule names them.
    var namedConditions: [String: NamedCondition] = [:]
    /// Named conditions as written, for checking one that uses another.
    var conditionSyntax: [String: NamedConditionSyntax] = [:]

    func check(_ syntax: ExpressionSyntax, diagnostics: inout [Diagnostic]) -> Condition? {
        check(syntax, diagnostics: &diagnostics, resolving: [])
    }

    private func check(_ syntax: ExpressionSyntax, diagnostics: inout [Diagnostic], resolving: [String]) -> Condition? {
        switch syntax {
        case .invalid(let range, let prose):
            // Never "no condition": a rule whose condition cannot be read is refused.
            diagnostics.append(prose.isEmpty
                ? .error(
                    "WB120", "this condition cannot be read (the syntax error on this line says why); a rule is never used without its condition",
                    nl: "deze voorwaarde is niet te lezen (de syntaxfout op deze tekstregel zegt waarom); een regel wordt nooit zonder zijn voorwaarde gebruikt",
                    at: range)
                : proseDiagnostic(prose, at: range))
            return nil
        case .all(let parts, _):
            let checked = parts.map { check($0, diagnostics: &diagnostics, resolving: resolving) }
            return checked.contains { $0 == nil } ? nil : .all(checked.map { $0! })
        case .any(let parts, _):
            let checked = parts.map { check($0, diagnostics: &diagnostics, resolving: resolving) }
            return checked.contains { $0 == nil } ? nil : .any(checked.map { $0! })
        case .not(let inner, _):
            return check(inner, diagnostics: &diagnostics, resolving: resolving).map { .not($0) }
        case .ruleApplies(let name, let range):
            guard let index = ruleIndex[name.text] else {
                let suggestion = Suggestions.closest(to: name.text, in: ruleIndex.keys.sorted())
                diagnostics.append(.error(
                    "WB336", Bilingual("`rule \(name.text) applies` names no rule", nl: "`rule \(name.text) applies` noemt geen bestaande regel") + Suggestions.didYouMean(suggestion),
                    at: name.range, suggestion: suggestion))
                return nil
            }
            return .rulesApply([index], range: range)
        case .groupApplies(let name, let range):
            guard vocabulary.groupIndex[name.text] != nil else {
                let suggestion = Suggestions.closest(to: name.text, in: vocabulary.groups.map(\.id))
                diagnostics.append(.error(
                    "WB332", Bilingual("unknown group `\(name.text)`", nl: "onbekende groep `\(name.text)`") + Suggestions.didYouMean(suggestion), at: name.range,
                    suggestion: suggestion))
                return nil
            }
            return .rulesApply(groupRules[name.text] ?? [], range: range)
        case .safeguards(let names, let range):
            var indices: [Int] = []
            for name in names {
                guard let index = vocabulary.safeguardIndex[name.text] else {
                    let suggestion = Suggestions.closest(to: name.text, in: vocabulary.safeguards.map(\.id))
                    diagnostics.append(.error(
                        "WB320", Bilingual("unknown safeguard `\(name.text)`", nl: "onbekende waarborg `\(name.text)`") + Suggestions.didYouMean(suggestion),
                        at: name.range, suggestion: suggestion))
                    return nil
                }
                indices.append(index)
            }
            return .safeguards(indices, range: range)
        case .holds(let name):
            if vocabulary.factIndex[name.text] == nil, let named = namedCondition(name, diagnostics: &diagnostics, resolving: resolving) {
                return named
            }
            if vocabulary.factIndex[name.text] == nil, conditionSyntax[name.text] != nil || namedConditions[name.text] != nil { return nil }
            guard let fact = fact(name, diagnostics: &diagnostics) else { return nil }
            guard fact.type == .scalar(.boolean) else {
                diagnostics.append(.error(
                    "WB321",
                    "`\(name.text)` is \(article(fact.type)) \(vocabulary.typeName(fact.type)), not yes/no; compare it with a value (for example `\(name.text) \(example(fact.type))`)",
                    nl: "`\(name.text)` is \(vocabulary.typeText(fact.type).nl), geen ja/nee; vergelijk het met een waarde (bijvoorbeeld `\(name.text) \(example(fact.type))`)",
                    at: name.range))
                return nil
            }
            return .holds(fact: fact.index, range: name.range)
        case .compare(let name, let op, let value, let range) where name.text == "kind" && vocabulary.factIndex["kind"] == nil:
            guard op == .equal || op == .notEqual, case .name(let word) = value.kind else {
                diagnostics.append(.error(
                    "WB322", "the activity's `kind` is tested with `=`, `!=` or `in {…}`",
                    nl: "de `kind` van de activiteit wordt getoetst met `=`, `!=` of `in {…}`", at: range))
                return nil
            }
            guard let kinds = kindSet([Name(word, value.range)], diagnostics: &diagnostics) else { return nil }
            return op == .equal ? .kind(kinds, range: range) : .not(.kind(kinds, range: range))
        case .member(let name, .isIn, let operand, let range) where name.text == "kind" && vocabulary.factIndex["kind"] == nil:
            guard case .literal(let names, _) = operand else {
                diagnostics.append(.error(
                    "WB322", "the activity's `kind` is tested against a list of kinds: `kind in {a, b}`",
                    nl: "de `kind` van de activiteit wordt getoetst aan een lijst van activiteitsoorten: `kind in {a, b}`", at: range))
                return nil
            }
            guard let kinds = kindSet(names, diagnostics: &diagnostics) else { return nil }
            return .kind(kinds, range: range)
        case .compare(let name, let op, let value, let range):
            guard let fact = fact(name, diagnostics: &diagnostics) else { return nil }
            let ordered = op != .equal && op != .notEqual
            if ordered, !fact.type.isOrdered {
                diagnostics.append(.error(
                    "WB322", "`\(op.rawValue)` compares numbers, amounts, percentages or dates; `\(name.text)` is \(vocabulary.typeName(fact.type))",
                    nl: "`\(op.rawValue)` vergelijkt getallen, bedragen, percentages of datums; `\(name.text)` is \(vocabulary.typeText(fact.type).nl)",
                    at: range))
                return nil
            }
            if case .setOf = fact.type {
                diagnostics.append(.error(
                    "WB322", "`\(name.text)` is a set; test it with `includes`, `includes any of`, `includes all of` or `includes only`",
                    nl: "`\(name.text)` is een verzameling; toets die met `includes`, `includes any of`, `includes all of` of `includes only`",
                    at: range))
                return nil
            }
            if case .name(let word) = value.kind, let index = parameterIndex[word] {
                let parameter = parameters[index]
                guard parameter.type == fact.type else {
                    diagnostics.append(.error(
                        "WB323",
                        "`\(name.text)` is \(vocabulary.typeName(fact.type)) but parameter `\(word)` is \(vocabulary.typeName(parameter.type))",
                        nl: "`\(name.text)` is \(vocabulary.typeText(fact.type).nl), maar parameter `\(word)` is \(vocabulary.typeText(parameter.type).nl)",
                        at: value.range))
                    return nil
                }
                return .compare(fact: fact.index, op, .parameter(index), range: range)
            }
            var local: [Diagnostic] = []
            guard let typed = ValueChecker(vocabulary: vocabulary).check(value, as: fact.type, subject: Bilingual(verbatim: "`\(name.text)`"), diagnostics: &local) else {
                if case .name(let word) = value.kind, fact.type.isQuantity {
                    let suggestion = Suggestions.closest(to: word, in: parameters.map(\.id))
                    diagnostics.append(.error(
                        "WB324",
                        Bilingual("`\(word)` is not a declared parameter", nl: "`\(word)` is geen gedeclareerde parameter") + Suggestions.didYouMean(suggestion, otherwise: Bilingual("; numbers the law sets are declared once with `parameter`", nl: "; getallen die de wet vastlegt, worden één keer gedeclareerd met `parameter`")),
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
                    nl: "`in` toetst een feit met één waarde; `\(name.text)` is \(vocabulary.typeText(fact.type).nl)" + (isSet(fact.type) ? "; gebruik `includes any of`" : ""),
                    at: range))
                return nil
            default:
                diagnostics.append(.error(
                    "WB325", "`includes` tests a set; `\(name.text)` is \(vocabulary.typeName(fact.type))" + (isOneOf(fact.type) ? "; use `in`" : ""),
                    nl: "`includes` toetst een verzameling; `\(name.text)` is \(vocabulary.typeText(fact.type).nl)" + (isOneOf(fact.type) ? "; gebruik `in`" : ""),
                    at: range))
                return nil
            }
            guard let set = memberSet(operand, enumeration: enumeration, diagnostics: &diagnostics) else { return nil }
            return .member(fact: fact.index, relation, set, range: range)
        }
    }

    /// A named condition used by name, checked on first use (and refused in a circle).
    private func namedCondition(_ name: Name, diagnostics: inout [Diagnostic], resolving: [String]) -> Condition? {
        if let checked = namedConditions[name.text] { return checked.condition }
        guard let syntax = conditionSyntax[name.text], let written = syntax.condition else { return nil }
        if resolving.contains(name.text) {
            diagnostics.append(.error(
                "WB338", "condition `\(name.text)` uses itself (\((resolving + [name.text]).joined(separator: " → "))); a condition must not loop",
                nl: "voorwaarde `\(name.text)` gebruikt zichzelf (\((resolving + [name.text]).joined(separator: " → "))); een voorwaarde mag niet in een kring naar zichzelf verwijzen",
                at: name.range))
            return nil
        }
        return check(written, diagnostics: &diagnostics, resolving: resolving + [name.text])
    }

    private func kindSet(_ names: [Name], diagnostics: inout [Diagnostic]) -> MemberSet? {
        var set = MemberSet()
        for name in names {
            guard let index = vocabulary.activityKindIndex[name.text] else {
                let suggestion = Suggestions.closest(to: name.text, in: vocabulary.activityKinds.map(\.id))
                diagnostics.append(.error(
                    "WB404", Bilingual("unknown activity kind `\(name.text)`", nl: "onbekende activiteitsoort `\(name.text)`") + Suggestions.didYouMean(suggestion),
                    at: name.range, suggestion: suggestion))
                return nil
            }
            set.insert(index)
        }
        return set
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
        case .scalar: "a"
        }
    }

    private func example(_ type: ValueType) -> String {
        switch type {
        case .scalar(let scalar): scalar.comparisonExample
        case .oneOf(let index): "= \(vocabulary.enumerations[index].members.first?.id ?? "…")"
        case .setOf(let index): "includes \(vocabulary.enumerations[index].members.first?.id ?? "…")"
        }
    }

    /// A sentence where a condition belongs: the fix is to name declared facts, so name some
    /// that fit the words used (a fact whose name holds one of them, or is close to one).
    private func proseDiagnostic(_ words: [Name], at range: SourceRange) -> Diagnostic {
        let ids = vocabulary.facts.map(\.id)
        var fitting: [String] = []
        for word in words.map({ $0.text.lowercased() }) where word.count >= 4 {
            let stem = word.hasSuffix("s") ? String(word.dropLast()) : word
            for id in ids where !fitting.contains(id) && id.split(separator: "_").contains(where: { $0.hasPrefix(stem) }) { fitting.append(id) }
            if let close = Suggestions.closest(to: word, in: ids), !fitting.contains(close) { fitting.append(close) }
        }
        if fitting.isEmpty { fitting = Array(ids.prefix(3)) }
        let examples = fitting.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
        return .error(
            "WB120",
            "this condition reads as a sentence; a condition names declared facts, such as \(examples), and tests them with `and`, `or`, `not`, `=`, `<`, `in {…}` or `includes`",
            nl: "deze voorwaarde leest als een zin; een voorwaarde noemt gedeclareerde feiten, zoals \(examples), en toetst die met `and`, `or`, `not`, `=`, `<`, `in {…}` of `includes`",
            at: range,
            notes: [DiagnosticNote("keep the explanation in `because nl \"…\" en \"…\"`", nl: "zet de uitleg in `because nl \"…\" en \"…\"`")],
            suggestion: fitting.first)
    }

    private func fact(_ name: Name, diagnostics: inout [Diagnostic]) -> FactDefinition? {
        if let index = vocabulary.factIndex[name.text] { return vocabulary.facts[index] }
        var message = "unknown fact `\(name.text)`"
        var dutch = "onbekend feit `\(name.text)`"
        var suggestion: String?
        if vocabulary.safeguardIndex[name.text] != nil {
            message += "; `\(name.text)` is a safeguard: write `safeguard \(name.text)`"
            dutch += "; `\(name.text)` is een waarborg: schrijf `safeguard \(name.text)`"
            suggestion = "safeguard \(name.text)"
        } else if parameterIndex[name.text] != nil {
            message += "; `\(name.text)` is a parameter: compare a fact with it (`fact >= \(name.text)`)"
            dutch += "; `\(name.text)` is een parameter: vergelijk er een feit mee (`fact >= \(name.text)`)"
        } else if vocabulary.attributeIndex[name.text] != nil {
            message += "; `\(name.text)` is an attribute of parties: declare a fact `derived` from it"
            dutch += "; `\(name.text)` is een kenmerk van partijen: declareer een feit dat er met `derived` van is afgeleid"
        } else if let close = Suggestions.closest(to: name.text, in: vocabulary.facts.map(\.id)) {
            message += "; did you mean `\(close)`?"
            dutch += "; bedoelde je `\(close)`?"
            suggestion = close
        } else {
            message += "; declare it with `fact \(name.text)` in the vocabulary"
            dutch += "; declareer het met `fact \(name.text)` in de vocabulaire"
        }
        diagnostics.append(.error("WB326", message, nl: dutch, at: name.range, suggestion: suggestion))
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
                        nl: "verzameling `\(name.text)` bevat waarden van `\(vocabulary.enumerations[vocabulary.sets[named].enumeration].id)`, niet van `\(values.id)`",
                        at: name.range))
                    return nil
                }
                return vocabulary.sets[named].members
            }
            if let member = values.memberIndex[name.text] { return MemberSet([member]) }
            let suggestion = Suggestions.closest(to: name.text, in: vocabulary.sets.map(\.id) + values.members.map(\.id))
            diagnostics.append(.error(
                "WB328", Bilingual("`\(name.text)` is neither a declared set nor a value of `\(values.id)`", nl: "`\(name.text)` is geen gedeclareerde verzameling en geen waarde van `\(values.id)`") + Suggestions.didYouMean(suggestion),
                at: name.range, suggestion: suggestion))
            return nil
        }
    }
}
