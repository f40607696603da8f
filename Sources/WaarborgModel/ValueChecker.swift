import WaarborgSyntax

/// Turns written values into typed values, with an error that says what to write.
struct ValueChecker {
    let vocabulary: Vocabulary

    static let yesWords: Set<String> = ["yes", "ja", "true"]
    static let noWords: Set<String> = ["no", "nee", "false"]

    /// A member by its id, or by a former id with a warning naming the current one.
    private func member(_ word: String, of enumeration: Enumeration, at range: SourceRange, diagnostics: inout [Diagnostic]) -> Int? {
        guard let (index, deprecated) = enumeration.member(named: word) else { return nil }
        if deprecated {
            diagnostics.append(DeprecatedName.warning(word, new: enumeration.members[index].id, what: "value", at: range))
        }
        return index
    }

    /// A share of a whole: from 0 to 100 %. `250%` is a typo, never a share.
    private func percentage(_ amount: Amount, written: String, at range: SourceRange, subject: String, diagnostics: inout [Diagnostic]) -> Value? {
        guard amount <= Amount(100) else {
            diagnostics.append(.error(
                "WB401", "\(subject) is a percentage from 0 to 100; `\(written)` is more than 100 %", at: range, suggestion: "100%"))
            return nil
        }
        return .amount(amount)
    }

    /// `subject` names what is being given a value, for messages ("`data_age_months`").
    func check(_ syntax: ValueSyntax, as type: ValueType, subject: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> Value? {
        if case .json(let node) = syntax.kind { return check(json: node, as: type, subject: subject(), diagnostics: &diagnostics) }
        func fail(_ expected: String, example: String) -> Value? {
            diagnostics.append(.error(
                "WB401", "\(subject()) is \(expected); \(describe(syntax)) is not (write for example `\(example)`)",
                at: syntax.range, suggestion: example))
            return nil
        }
        switch type {
        case .boolean:
            if case .name(let word) = syntax.kind {
                if ValueChecker.yesWords.contains(word) { return .boolean(true) }
                if ValueChecker.noWords.contains(word) { return .boolean(false) }
            }
            return fail("yes or no", example: "yes")
        case .number:
            if case .number(let amount) = syntax.kind { return .amount(amount) }
            return fail("a number", example: "12")
        case .money:
            switch syntax.kind {
            case .money(let amount), .number(let amount): return .amount(amount)
            default: return fail("an amount of money", example: "EUR 1_100_000")
            }
        case .percentage:
            if case .percentage(let amount) = syntax.kind {
                return percentage(amount, written: "\(amount)%", at: syntax.range, subject: subject(), diagnostics: &diagnostics)
            }
            if case .number(let amount) = syntax.kind { return fail("a percentage", example: "\(amount)%") }
            return fail("a percentage", example: "15%")
        case .date:
            if case .date(let date) = syntax.kind { return .date(date) }
            return fail("a date", example: "2026-03-01")
        case .text:
            if case .string(let text) = syntax.kind { return .text(text) }
            return fail("a text in double quotes", example: "\"…\"")
        case .oneOf(let index):
            let enumeration = vocabulary.enumerations[index]
            guard case .name(let word) = syntax.kind else {
                return fail("one of the values of `\(enumeration.id)`", example: enumeration.members.first?.id ?? "…")
            }
            guard let member = self.member(word, of: enumeration, at: syntax.range, diagnostics: &diagnostics) else {
                diagnostics.append(unknownMember(word, syntax.range, enumeration))
                return nil
            }
            return .member(member)
        case .setOf(let index):
            let enumeration = vocabulary.enumerations[index]
            var names: [Name]
            switch syntax.kind {
            case .list(let list): names = list
            case .name(let word): names = [Name(word, syntax.range)]
            default:
                return fail("a set of values of `\(enumeration.id)`", example: "{\(enumeration.members.first?.id ?? "…")}")
            }
            var set = MemberSet()
            var ok = true
            for name in names {
                if let member = self.member(name.text, of: enumeration, at: name.range, diagnostics: &diagnostics) {
                    set.insert(member)
                } else {
                    diagnostics.append(unknownMember(name.text, name.range, enumeration))
                    ok = false
                }
            }
            return ok ? .members(set) : nil
        }
    }

    func unknownMember(_ word: String, _ range: SourceRange, _ enumeration: Enumeration) -> Diagnostic {
        let suggestion = Suggestions.closest(to: word, in: enumeration.members.map(\.id))
        var message = "`\(word)` is not one of the values of `\(enumeration.id)`"
        if let suggestion {
            message += "; did you mean `\(suggestion)`?"
        } else {
            message += " (\(enumeration.members.map(\.id).joined(separator: ", ")))"
        }
        return .error("WB402", message, at: range, suggestion: suggestion)
    }

    func describe(_ syntax: ValueSyntax) -> String {
        switch syntax.kind {
        case .number(let amount): "`\(amount)`"
        case .percentage(let amount): "`\(amount)%`"
        case .money(let amount): "`EUR \(amount)`"
        case .date(let date): "`\(date)`"
        case .string(let text): "\"\(text.count > 30 ? String(text.prefix(30)) + "…" : text)\""
        case .name(let word): "`\(word)`"
        case .list: "a list"
        case .json(let node): node.typeName
        }
    }
}

extension ValueChecker {
    /// Converts a JSON value to a typed value, with the same kind of message as for text.
    func check(json node: JSONNode, as type: ValueType, subject: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> Value? {
        func fail(_ expected: String, example: String) -> Value? {
            diagnostics.append(.error(
                "WB401", "\(subject()) is \(expected); \(node.typeName) is not (write for example \(example))", at: node.range,
                suggestion: example))
            return nil
        }
        func amount(_ text: String) -> Amount? {
            Amount.parse(Substring(text))
        }
        switch type {
        case .boolean:
            if case .bool(let flag) = node.kind { return .boolean(flag) }
            if case .string(let word) = node.kind {
                if ValueChecker.yesWords.contains(word) { return .boolean(true) }
                if ValueChecker.noWords.contains(word) { return .boolean(false) }
            }
            return fail("yes or no", example: "true")
        case .number, .money:
            if case .number(let text) = node.kind, let value = amount(text) { return .amount(value) }
            if case .number(let text) = node.kind, text.hasPrefix("-"), amount(String(text.dropFirst())) != nil {
                diagnostics.append(.error(
                    "WB401", "\(subject()): `\(text)` is negative; \(type == .money ? "an amount of money" : "a number") here is 0 or more",
                    at: node.range))
                return nil
            }
            if case .number(let text) = node.kind {
                diagnostics.append(.error(
                    "WB401", "\(subject()): `\(text)` is not a number Waarborg can read (no exponent, not negative, at most 4 decimals)",
                    at: node.range))
                return nil
            }
            return fail(type == .money ? "an amount of money in euros" : "a number", example: "12")
        case .percentage:
            if case .number(let text) = node.kind, let value = amount(text) {
                return percentage(value, written: text, at: node.range, subject: subject(), diagnostics: &diagnostics)
            }
            if case .string(let text) = node.kind, text.hasSuffix("%"), let value = amount(text.dropLast().description) {
                return percentage(value, written: text, at: node.range, subject: subject(), diagnostics: &diagnostics)
            }
            if case .number(let text) = node.kind, text.hasPrefix("-") {
                diagnostics.append(.error("WB401", "\(subject()): `\(text)` is negative; a percentage is from 0 to 100", at: node.range))
                return nil
            }
            return fail("a percentage", example: "15")
        case .date:
            if case .string(let text) = node.kind, let date = DateValue(iso: text) { return .date(date) }
            return fail("a date", example: "\"2026-03-01\"")
        case .text:
            if case .string(let text) = node.kind { return .text(text) }
            return fail("a text", example: "\"…\"")
        case .oneOf(let index):
            let enumeration = vocabulary.enumerations[index]
            guard case .string(let word) = node.kind else {
                return fail("one of the values of `\(enumeration.id)`", example: "\"\(enumeration.members.first?.id ?? "…")\"")
            }
            guard let member = self.member(word, of: enumeration, at: node.range, diagnostics: &diagnostics) else {
                diagnostics.append(unknownMember(word, node.range, enumeration))
                return nil
            }
            return .member(member)
        case .setOf(let index):
            let enumeration = vocabulary.enumerations[index]
            guard case .array(let items) = node.kind else {
                return fail("a list of values of `\(enumeration.id)`", example: "[\"\(enumeration.members.first?.id ?? "…")\"]")
            }
            var set = MemberSet()
            var ok = true
            for item in items {
                guard case .string(let word) = item.kind else {
                    diagnostics.append(.error("WB401", "\(subject()) lists values of `\(enumeration.id)` as strings; \(item.typeName) is not one", at: item.range))
                    ok = false
                    continue
                }
                if let member = self.member(word, of: enumeration, at: item.range, diagnostics: &diagnostics) { set.insert(member) } else {
                    diagnostics.append(unknownMember(word, item.range, enumeration))
                    ok = false
                }
            }
            return ok ? .members(set) : nil
        }
    }
}
