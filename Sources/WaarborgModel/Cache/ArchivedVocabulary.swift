import WaarborgSyntax

// The vocabulary and the conditions in a rule-set archive.

extension Term: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(
            id: try reader.string(), label: try reader.read(), definition: try reader.read(), undertaking: try reader.read(),
            waivable: try reader.bool(), recommendedOnly: try reader.bool(), range: try reader.range())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.string(id)
        writer.write(label)
        writer.write(definition)
        writer.write(undertaking)
        writer.bool(waivable)
        writer.bool(recommendedOnly)
        writer.range(range)
    }
}

extension Enumeration: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(id: try reader.string(), label: try reader.read(), members: try reader.read(), memberIndex: try reader.read(), range: try reader.range())
        memberAliases = try reader.read()
    }

    func write(to writer: inout ArchiveWriter) {
        writer.string(id)
        writer.write(label)
        writer.write(members)
        writer.write(memberIndex)
        writer.range(range)
        writer.write(memberAliases)
    }
}

extension NamedSet: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(id: try reader.string(), enumeration: try reader.int(), label: try reader.read(), members: try reader.read(), range: try reader.range())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.string(id)
        writer.int(enumeration)
        writer.write(label)
        writer.write(members)
        writer.range(range)
    }
}

extension Derivation: Archivable {
    init(from reader: inout ArchiveReader) throws {
        let tag = try reader.tag(below: 8)
        switch tag {
        case 0: self = .competingPair
        case 1: self = .singleUndertaking
        case 2: self = .count(filter: try reader.read())
        default:
            let attribute = try reader.int()
            let filter: Int? = try reader.read()
            switch tag {
            case 3: self = .sum(attribute: attribute, filter: filter)
            case 4: self = .max(attribute: attribute, filter: filter)
            case 5: self = .min(attribute: attribute, filter: filter)
            case 6: self = .any(attribute: attribute, filter: filter)
            default: self = .all(attribute: attribute, filter: filter)
            }
        }
    }

    func write(to writer: inout ArchiveWriter) {
        switch self {
        case .competingPair: writer.int(0)
        case .singleUndertaking: writer.int(1)
        case .count(let filter): writer.int(2); writer.write(filter)
        case .sum(let attribute, let filter): write(3, attribute, filter, to: &writer)
        case .max(let attribute, let filter): write(4, attribute, filter, to: &writer)
        case .min(let attribute, let filter): write(5, attribute, filter, to: &writer)
        case .any(let attribute, let filter): write(6, attribute, filter, to: &writer)
        case .all(let attribute, let filter): write(7, attribute, filter, to: &writer)
        }
    }

    private func write(_ tag: Int, _ attribute: Int, _ filter: Int?, to writer: inout ArchiveWriter) {
        writer.int(tag)
        writer.int(attribute)
        writer.write(filter)
    }
}

extension FactDefinition: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(
            id: try reader.string(), index: try reader.int(), type: try reader.read(), label: try reader.read(), question: try reader.read(),
            derivation: try reader.read(), range: try reader.range(), isOpenNorm: try reader.bool(),
            isHardcore: try reader.bool(), isFixed: try reader.bool())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.string(id)
        writer.int(index)
        writer.write(type)
        writer.write(label)
        writer.write(question)
        writer.write(derivation)
        writer.range(range)
        writer.bool(isOpenNorm)
        writer.bool(isHardcore)
        writer.bool(isFixed)
    }
}

extension PartyKind: Archivable {
    init(from reader: inout ArchiveReader) throws { self.init(term: try reader.read(), defaults: try reader.read()) }

    func write(to writer: inout ArchiveWriter) {
        writer.write(term)
        writer.write(defaults)
    }
}

extension Vocabulary: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init()
        groups = try reader.read()
        activityKinds = try reader.read()
        partyKinds = try reader.read()
        safeguards = try reader.read()
        legalForms = try reader.read()
        enumerations = try reader.read()
        sets = try reader.read()
        facts = try reader.read()
        attributes = try reader.read()
        groupIndex = try reader.read()
        activityKindIndex = try reader.read()
        partyKindIndex = try reader.read()
        safeguardIndex = try reader.read()
        legalFormIndex = try reader.read()
        enumerationIndex = try reader.read()
        setIndex = try reader.read()
        factIndex = try reader.read()
        attributeIndex = try reader.read()
        factAliases = try reader.read()
        activityKindAliases = try reader.read()
    }

    func write(to writer: inout ArchiveWriter) {
        writer.write(groups)
        writer.write(activityKinds)
        writer.write(partyKinds)
        writer.write(safeguards)
        writer.write(legalForms)
        writer.write(enumerations)
        writer.write(sets)
        writer.write(facts)
        writer.write(attributes)
        writer.write(groupIndex)
        writer.write(activityKindIndex)
        writer.write(partyKindIndex)
        writer.write(safeguardIndex)
        writer.write(legalFormIndex)
        writer.write(enumerationIndex)
        writer.write(setIndex)
        writer.write(factIndex)
        writer.write(attributeIndex)
        writer.write(factAliases)
        writer.write(activityKindAliases)
    }
}

extension Operand: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self = try reader.tag(below: 2) == 0 ? .value(try reader.read()) : .parameter(try reader.int())
    }

    func write(to writer: inout ArchiveWriter) {
        switch self {
        case .value(let value): writer.int(0); writer.write(value)
        case .parameter(let index): writer.int(1); writer.int(index)
        }
    }
}

extension Condition: Archivable {
    init(from reader: inout ArchiveReader) throws {
        switch try reader.tag(below: 9) {
        case 0: self = .all(try reader.read())
        case 1: self = .any(try reader.read())
        case 2: self = .not(try reader.read())
        case 3: self = .holds(fact: try reader.int(), range: try reader.range())
        case 4: self = .compare(fact: try reader.int(), try reader.read(), try reader.read(), range: try reader.range())
        case 5: self = .member(fact: try reader.int(), try reader.read(), try reader.read(), range: try reader.range())
        case 6: self = .safeguards(try reader.read(), range: try reader.range())
        case 7: self = .kind(try reader.read(), range: try reader.range())
        case 8: self = .rulesApply(try reader.read(), range: try reader.range())
        default: throw ArchiveError()
        }
    }

    func write(to writer: inout ArchiveWriter) {
        switch self {
        case .all(let parts): writer.int(0); writer.write(parts)
        case .any(let parts): writer.int(1); writer.write(parts)
        case .not(let inner): writer.int(2); writer.write(inner)
        case .holds(let fact, let range): writer.int(3); writer.int(fact); writer.range(range)
        case .compare(let fact, let comparison, let operand, let range):
            writer.int(4); writer.int(fact); writer.write(comparison); writer.write(operand); writer.range(range)
        case .member(let fact, let relation, let members, let range):
            writer.int(5); writer.int(fact); writer.write(relation); writer.write(members); writer.range(range)
        case .safeguards(let list, let range): writer.int(6); writer.write(list); writer.range(range)
        case .kind(let kinds, let range): writer.int(7); writer.write(kinds); writer.range(range)
        case .rulesApply(let rules, let range): writer.int(8); writer.write(rules); writer.range(range)
        }
    }
}
