import WaarborgSyntax

// Checked activities (the rules' examples) in a rule-set archive.

extension DerivationNote: Archivable {
    init(from reader: inout ArchiveReader) throws {
        let kind: Kind = try reader.read()
        self.init(kind, parties: try reader.read(), attribute: try reader.read(), count: try reader.read())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.write(kind)
        writer.write(parties)
        writer.write(attribute)
        writer.write(count)
    }
}

extension FactOrigin: Archivable {
    init(from reader: inout ArchiveReader) throws {
        switch try reader.tag(below: 3) {
        case 0: self = .stated(try reader.range())
        case 1: self = .derived(try reader.read())
        default: self = .supposed
        }
    }

    func write(to writer: inout ArchiveWriter) {
        switch self {
        case .stated(let range): writer.int(0); writer.range(range)
        case .derived(let note): writer.int(1); writer.write(note)
        case .supposed: writer.int(2)
        }
    }
}

extension FactValue: Archivable {
    init(from reader: inout ArchiveReader) throws { self.init(value: try reader.read(), origin: try reader.read()) }

    func write(to writer: inout ArchiveWriter) {
        writer.write(value)
        writer.write(origin)
    }
}

extension FactTable: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init()
        let count = try reader.count()
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let fact = try reader.int()
            guard entries.last.map({ $0.fact < fact }) ?? true else { throw ArchiveError() }
            entries.append((fact, try reader.read()))
        }
    }

    func write(to writer: inout ArchiveWriter) {
        writer.unsigned(UInt64(entries.count))
        for entry in entries {
            writer.int(entry.fact)
            writer.write(entry.value)
        }
    }
}

extension UnknownAttribute: Archivable {
    init(from reader: inout ArchiveReader) throws { self.init(party: try reader.int(), attribute: try reader.int()) }

    func write(to writer: inout ArchiveWriter) {
        writer.int(party)
        writer.int(attribute)
    }
}

extension Waiver: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(rule: try reader.int(), justification: try reader.string(), owner: try reader.string(), expires: try reader.read(), range: try reader.range())
    }

    func write(to writer: inout ArchiveWriter) {
        writer.int(rule)
        writer.string(justification)
        writer.string(owner)
        writer.write(expires)
        writer.range(range)
    }
}

extension Activity: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self.init(
            id: try reader.string(), title: try reader.read(), kind: try reader.int(), parties: try reader.read(), facts: try reader.read() as FactTable,
            safeguards: try reader.read(), safeguardRanges: SafeguardRanges(inherited: try reader.read()), range: try reader.range(), kindRange: try reader.read())
        clause = try reader.read()
        unknownDerivations = try reader.read()
        waivers = try reader.read()
    }

    func write(to writer: inout ArchiveWriter) {
        writer.string(id)
        writer.write(title)
        writer.int(kind)
        writer.write(parties)
        writer.write(facts)
        writer.write(safeguards)
        writer.write(safeguardRanges.all)
        writer.range(range)
        writer.write(kindRange)
        writer.write(clause)
        writer.write(unknownDerivations)
        writer.write(waivers)
    }
}
