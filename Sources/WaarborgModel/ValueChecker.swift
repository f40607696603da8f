import WaarborgSyntax

/// Turns written values into typed values, with an error that says what to write.
struct ValueChecker {
    let vocabulary: Vocabulary

    /// A member by its id, or by a former id with a warning naming the current one.
    private func member(_ word: String, of enumeration: Enumeration, at range: SourceRange, diagnostics: inout [Diagnostic]) -> Int? {
        guard let (index, deprecated) = enumeration.member(named: word) else { return nil }
        if deprecated {
            diagnostics.append(DeprecatedName.warning(word, new: enumeration.members[index].id, what: Bilingual("value", nl: "de waarde"), at: range))
        }
        return index
    }

    /// An amount within the type's range: a share is at most 100 %, and `250%` is a typo.
    private func bounded(_ amount: Amount, _ scalar: ScalarType, written: String, at range: SourceRange, subject: @autoclosure () -> Bilingual, diagnostics: inout [Diagnostic]) -> Value? {
        if let maximum = scalar.maximum, amount > maximum.amount {
            let subject = subject()
            let expected = scalar.expectation(json: false)
            diagnostics.append(.error(
                "WB401", "\(subject.en) is \(expected.en) from 0 to \(maximum.amount); `\(written)` is more than \(maximum.written)",
                nl: "\(subject.nl) is \(expected.nl) van 0 tot en met \(maximum.amount); `\(written)` is meer dan \(maximum.written)",
                at: range, suggestion: scalar.literal(maximum.amount)))
            return nil
        }
        return .amount(amount)
    }

    /// `subject` names what is being given a value, for messages, in both languages
    /// ("party `p`" and "partij `p`"; a name in backticks: `Bilingual(verbatim:)`).
    func check(_ syntax: ValueSyntax, as type: ValueType, subject: @autoclosure () -> Bilingual, diagnostics: inout [Diagnostic]) -> Value? {
        if case .json(let node) = syntax.kind { return check(json: node, as: type, subject: subject(), diagnostics: &diagnostics) }
        func fail(_ expected: Bilingual, example: String) -> Value? {
            let subject = subject()
            let written = describe(syntax)
            diagnostics.append(.error(
                "WB401", "\(subject.en) is \(expected.en); \(written.en) is not (write for example `\(example)`)",
                nl: "\(subject.nl) is \(expected.nl); \(written.nl) is dat niet (schrijf bijvoorbeeld `\(example)`)",
                at: syntax.range, suggestion: example))
            return nil
        }
        switch type {
        case .scalar(let scalar):
            guard let value = scalar.read(syntax.kind) else {
                // A bare number where a unit is wanted: suggest the same number with it (`15%`).
                if case .number(let amount) = syntax.kind, scalar.storage == .amount,
                    scalar.literal(amount) != amount.grouped(separator: "_", decimalMark: ".")
                {
                    return fail(scalar.expectation(json: false), example: scalar.literal(amount))
                }
                return fail(scalar.expectation(json: false), example: scalar.example(json: false))
            }
            if case .amount(let amount) = value {
                return bounded(amount, scalar, written: scalar.canonical(amount), at: syntax.range, subject: subject(), diagnostics: &diagnostics)
            }
            return value
        case .oneOf(let index):
            let enumeration = vocabulary.enumerations[index]
            guard case .name(let word) = syntax.kind else {
                return fail(
                    Bilingual("one of the values of `\(enumeration.id)`", nl: "een van de waarden van `\(enumeration.id)`"),
                    example: enumeration.members.first?.id ?? "…")
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
                return fail(
                    Bilingual("a set of values of `\(enumeration.id)`", nl: "een verzameling waarden van `\(enumeration.id)`"),
                    example: "{\(enumeration.members.first?.id ?? "…")}")
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
        var dutch = "`\(word)` is geen waarde van `\(enumeration.id)`"
        if let suggestion {
            message += "; did you mean `\(suggestion)`?"
            dutch += "; bedoelde je `\(suggestion)`?"
        } else {
            let values = " (\(enumeration.members.map(\.id).joined(separator: ", ")))"
            message += values
            dutch += values
        }
        return .error("WB402", message, nl: dutch, at: range, suggestion: suggestion)
    }

    /// What was written, for a message on a wrong value: the value itself where it is one.
    func describe(_ syntax: ValueSyntax) -> Bilingual {
        switch syntax.kind {
        case .number(let amount): Bilingual(verbatim: "`\(amount)`")
        case .percentage(let amount): Bilingual(verbatim: "`\(amount)%`")
        case .money(let amount): Bilingual(verbatim: "`EUR \(amount)`")
        case .date(let date): Bilingual(verbatim: "`\(date)`")
        case .string(let text): Bilingual(verbatim: "\"\(text.count > 30 ? String(text.prefix(30)) + "…" : text)\"")
        case .name(let word): Bilingual(verbatim: "`\(word)`")
        case .list: Bilingual("a list", nl: "een lijst")
        case .json(let node): node.typeText
        }
    }
}

extension ValueChecker {
    /// Converts a JSON value to a typed value, with the same kind of message as for text.
    func check(json node: JSONNode, as type: ValueType, subject: @autoclosure () -> Bilingual, diagnostics: inout [Diagnostic]) -> Value? {
        func fail(_ expected: Bilingual, example: String) -> Value? {
            let subject = subject()
            let written = node.typeText
            diagnostics.append(.error(
                "WB401", "\(subject.en) is \(expected.en); \(written.en) is not (write for example \(example))",
                nl: "\(subject.nl) is \(expected.nl); \(written.nl) is dat niet (schrijf bijvoorbeeld \(example))", at: node.range,
                suggestion: example))
            return nil
        }
        switch type {
        case .scalar(let scalar):
            guard let read = check(json: node, as: scalar, subject: subject(), diagnostics: &diagnostics) else {
                return fail(scalar.expectation(json: true), example: scalar.example(json: true))
            }
            return read

        case .oneOf(let index):
            let enumeration = vocabulary.enumerations[index]
            guard case .string(let word) = node.kind else {
                return fail(
                    Bilingual("one of the values of `\(enumeration.id)`", nl: "een van de waarden van `\(enumeration.id)`"),
                    example: "\"\(enumeration.members.first?.id ?? "…")\"")
            }
            guard let member = self.member(word, of: enumeration, at: node.range, diagnostics: &diagnostics) else {
                diagnostics.append(unknownMember(word, node.range, enumeration))
                return nil
            }
            return .member(member)
        case .setOf(let index):
            let enumeration = vocabulary.enumerations[index]
            guard case .array(let items) = node.kind else {
                return fail(
                    Bilingual("a list of values of `\(enumeration.id)`", nl: "een lijst met waarden van `\(enumeration.id)`"),
                    example: "[\"\(enumeration.members.first?.id ?? "…")\"]")
            }
            var set = MemberSet()
            var ok = true
            for item in items {
                guard case .string(let word) = item.kind else {
                    let subject = subject()
                    let written = item.typeText
                    diagnostics.append(.error(
                        "WB401", "\(subject.en) lists values of `\(enumeration.id)` as strings; \(written.en) is not one",
                        nl: "\(subject.nl) noemt de waarden van `\(enumeration.id)` als strings; \(written.nl) is geen string", at: item.range))
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

    /// A JSON value of a scalar type, read by how the type is stored: nil when the JSON
    /// value has the wrong form, `.some(nil)` when it is wrong and has been reported.
    private func check(json node: JSONNode, as scalar: ScalarType, subject: @autoclosure () -> Bilingual, diagnostics: inout [Diagnostic]) -> Value?? {
        switch scalar.storage {
        case .boolean:
            if case .bool(let flag) = node.kind { return .boolean(flag) }
            if case .string(let word) = node.kind, case .boolean(let flag)? = scalar.read(.name(word)) { return .boolean(flag) }
        case .amount:
            if case .string(let text) = node.kind, let suffix = scalar.jsonSuffix, text.hasSuffix(suffix),
                let value = Amount.parse(Substring(text.dropLast(suffix.count)))
            {
                return bounded(value, scalar, written: text, at: node.range, subject: subject(), diagnostics: &diagnostics)
            }
            guard case .number(let text) = node.kind else { break }
            if let value = Amount.parse(Substring(text)) {
                return bounded(value, scalar, written: text, at: node.range, subject: subject(), diagnostics: &diagnostics)
            }
            if text.hasPrefix("-"), Amount.parse(Substring(text.dropFirst())) != nil {
                let range = scalar.maximum.map { Bilingual("is from 0 to \($0.amount)", nl: "is van 0 tot en met \($0.amount)") }
                    ?? Bilingual("here is 0 or more", nl: "is hier 0 of meer")
                let subject = subject()
                let expected = scalar.expectation(json: false)
                diagnostics.append(.error(
                    "WB401", "\(subject.en): `\(text)` is negative; \(expected.en) \(range.en)",
                    nl: "\(subject.nl): `\(text)` is negatief; \(expected.nl) \(range.nl)", at: node.range))
                return .some(nil)
            }
            let subject = subject()
            diagnostics.append(.error(
                "WB401", "\(subject.en): `\(text)` is not a number Waarborg can read (no exponent, not negative, at most 4 decimals)",
                nl: "\(subject.nl): `\(text)` is geen getal dat Waarborg kan lezen (geen exponent, niet negatief, hoogstens 4 decimalen)",
                at: node.range))
            return .some(nil)
        case .date:
            if case .string(let text) = node.kind, let date = DateValue(iso: text) { return .date(date) }
        case .text:
            if case .string(let text) = node.kind { return .text(text) }
        }
        return nil
    }
}
