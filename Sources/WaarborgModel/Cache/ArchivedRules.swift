import WaarborgSyntax

// Rules, their sources and parameters, and the rule set in a rule-set archive.

extension SourceDocument: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(
            id: try reader.string(), title: try reader.read(), issuer: try reader.read(), date: try reader.read(), url: try reader.read(),
            status: try reader.read(), range: try reader.range())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.string(id)
        writer.write(title)
        writer.write(issuer)
        writer.write(date)
        writer.write(url)
        writer.write(status)
        writer.range(range)
    }
}

extension SourceText: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(nl: try reader.string(), en: try reader.read(), isQuotation: try reader.read())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.string(nl)
        writer.write(en)
        writer.write(isQuotation)
    }
}

extension Citation: Archivable {
    init(from reader: inout ArchiveReader) throws { self.init(source: try reader.string(), pinpoint: try reader.read(), range: try reader.range()) }

    func write(to writer: inout ArchiveWriter) {
        writer.string(source)
        writer.write(pinpoint)
        writer.range(range)
    }
}

extension ParameterVersion: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(value: try reader.read(), from: try reader.read(), until: try reader.read(), citation: try reader.read(), range: try reader.range())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.write(value)
        writer.write(from)
        writer.write(until)
        writer.write(citation)
        writer.range(range)
    }
}

extension Parameter: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(id: try reader.string(), index: try reader.int(), title: try reader.read(), type: try reader.read(), versions: try reader.read(), range: try reader.range())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.string(id)
        writer.int(index)
        writer.write(title)
        writer.write(type)
        writer.write(versions)
        writer.range(range)
    }
}

extension RuleException: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(
            index: try reader.int(), condition: try reader.read(), conclusion: try reader.read(), rationale: try reader.read(), sources: try reader.read(),
            range: try reader.range(), conditionRange: try reader.read(), name: try reader.read(), parent: try reader.read())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.int(index)
        writer.write(condition)
        writer.write(conclusion)
        writer.write(rationale)
        writer.write(sources)
        writer.range(range)
        writer.write(conditionRange)
        writer.write(name)
        writer.write(parent)
    }
}

extension RuleExample: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(
            title: try reader.string(), activity: try reader.read(), date: try reader.read(), expectedVerdict: try reader.read(),
            expectedRules: try reader.read(), expectedNotes: try reader.read(), range: try reader.range(), expectRange: try reader.range())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.string(title)
        writer.write(activity)
        writer.write(date)
        writer.write(expectedVerdict)
        writer.write(expectedRules)
        writer.write(expectedNotes)
        writer.range(range)
        writer.range(expectRange)
    }
}

extension OverrideEntry: Archivable {
    init(from reader: inout ArchiveReader) throws {
        let rule = try reader.int()
        let verdicts: [Verdict]? = try reader.read()
        self.init(rule: rule, verdicts: verdicts.map(Set.init))
    }

    func write(to writer: inout ArchiveWriter) {
        writer.int(rule)
        writer.write(verdicts.map { $0.sorted() })
    }
}

extension NamedCondition: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(id: try reader.string(), label: try reader.read(), condition: try reader.read(), range: try reader.range())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.string(id)
        writer.write(label)
        writer.write(condition)
        writer.range(range)
    }
}

extension RuleSetInfo: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(name: try reader.string(), version: try reader.string(), date: try reader.read(), description: try reader.read())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.string(name)
        writer.string(version)
        writer.write(date)
        writer.write(description)
    }
}

/// A final class: the archive reads it through a factory instead of an initializer.
extension Rule {
    static func read(from reader: inout ArchiveReader) throws -> Rule {
        Rule(
            id: try reader.string(), index: try reader.int(), isNote: try reader.bool(), title: try reader.read(), group: try reader.int(),
            appliesTo: try reader.read(), validFrom: try reader.read(), validUntil: try reader.read(), version: try reader.string(),
            condition: try reader.read(), conclusion: try reader.read(), rationale: try reader.read(), exceptions: try reader.read(),
            sources: try reader.read(), overrides: try reader.read(), recommends: try reader.read(), examples: try reader.read(),
            range: try reader.range(), permits: try reader.read(), conditionRange: try reader.read(),
            appliesToAnyActivity: try reader.bool(), intendedOverlaps: try reader.read())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.string(id)
        writer.int(index)
        writer.bool(isNote)
        writer.write(title)
        writer.int(group)
        writer.write(appliesTo)
        writer.write(validFrom)
        writer.write(validUntil)
        writer.string(version)
        writer.write(condition)
        writer.write(conclusion)
        writer.write(rationale)
        writer.write(exceptions)
        writer.write(sources)
        writer.write(overrides)
        writer.write(recommends)
        writer.write(examples)
        writer.range(range)
        writer.write(permits)
        writer.write(conditionRange)
        writer.bool(appliesToAnyActivity)
        writer.write(intendedOverlaps)
    }
}

extension IntendedOverlap: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(rule: try reader.int(), reason: try reader.read(), range: try reader.range())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.int(rule)
        writer.write(reason)
        writer.range(range)
    }
}

/// What `RuleSet.init` takes; the indexes it derives from them are rebuilt by reading.
extension RuleSet {
    static func read(from reader: inout ArchiveReader) throws -> RuleSet {
        let info: RuleSetInfo = try reader.read()
        let vocabulary: Vocabulary = try reader.read()
        let sources: [SourceDocument] = try reader.read()
        let sourceIndex: [String: Int] = try reader.read()
        let parameters: [Parameter] = try reader.read()
        let parameterIndex: [String: Int] = try reader.read()
        let count = try reader.count()
        var rules: [Rule] = []
        rules.reserveCapacity(count)
        for _ in 0..<count { rules.append(try Rule.read(from: &reader)) }
        return RuleSet(
            info: info, vocabulary: vocabulary, sources: sources, sourceIndex: sourceIndex, parameters: parameters,
            parameterIndex: parameterIndex, rules: rules, ruleIndex: try reader.read(), rulesByKind: try reader.read(),
            notesByKind: try reader.read(), overriddenBy: try reader.read(), conditions: try reader.read(),
            annexPhrases: try reader.read(), annexRange: try reader.read(), precedences: try reader.read(),
            digest: RuleSetDigest(hex: try reader.read()))
    }

    func write(to writer: inout ArchiveWriter) {
        writer.write(info)
        writer.write(vocabulary)
        writer.write(sources)
        writer.write(sourceIndex)
        writer.write(parameters)
        writer.write(parameterIndex)
        writer.unsigned(UInt64(rules.count))
        for rule in rules { rule.write(to: &writer) }
        writer.write(ruleIndex)
        writer.write(rulesByKind)
        writer.write(notesByKind)
        writer.write(overriddenBy)
        writer.write(conditions)
        writer.write(annexPhrases)
        writer.write(annexRange)
        writer.write(precedences)
        writer.write(digest.hex)
    }
}

extension Precedence: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(group: try reader.int(), routes: try reader.read(), range: try reader.range())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.int(group)
        writer.write(routes)
        writer.range(range)
    }
}

extension LoweringRoute: Archivable {
    init(from reader: inout ArchiveReader) throws {
        let isRule = try reader.bool()
        let index = try reader.int()
        self.init(by: isRule ? .rule(index) : .group(index), floor: try reader.read(), range: try reader.range())
    }

    func write(to writer: inout ArchiveWriter) {
        switch by {
        case .rule(let index):
            writer.bool(true)
            writer.int(index)
        case .group(let index):
            writer.bool(false)
            writer.int(index)
        }
        writer.write(floor)
        writer.range(range)
    }
}
