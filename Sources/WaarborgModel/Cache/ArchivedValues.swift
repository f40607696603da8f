import WaarborgSyntax

// Values, amounts, dates and texts in a rule-set archive.

extension Amount: Archivable {
    init(from reader: inout ArchiveReader) throws { self.init(scaled: Int64(try reader.int())) }
    func write(to writer: inout ArchiveWriter) { writer.int(Int(scaled)) }
}

extension DateValue: Archivable {
    init(from reader: inout ArchiveReader) throws {
        guard let date = DateValue(year: try reader.int(), month: try reader.int(), day: try reader.int()) else { throw ArchiveError() }
        self = date
    }

    func write(to writer: inout ArchiveWriter) {
        writer.int(year)
        writer.int(month)
        writer.int(day)
    }
}

extension Bilingual: Archivable {
    init(from reader: inout ArchiveReader) throws { self.init(nl: try reader.string(), en: try reader.string()) }

    func write(to writer: inout ArchiveWriter) {
        writer.string(nl)
        writer.string(en)
    }
}

extension Verdict: Archivable {
    init(from reader: inout ArchiveReader) throws {
        guard let verdict = Verdict(severity: try reader.int()) else { throw ArchiveError() }
        self = verdict
    }

    func write(to writer: inout ArchiveWriter) { writer.int(severity) }
}

extension MemberSet: Archivable {
    init(from reader: inout ArchiveReader) throws { self.init(words: try reader.read()) }
    func write(to writer: inout ArchiveWriter) { writer.write(words) }
}

extension ValueType: Archivable {
    /// A scalar type is archived by its keyword, so a new one needs nothing here.
    init(from reader: inout ArchiveReader) throws {
        switch try reader.tag(below: 3) {
        case 0: self = .scalar(try reader.read())
        case 1: self = .oneOf(try reader.int())
        default: self = .setOf(try reader.int())
        }
    }

    func write(to writer: inout ArchiveWriter) {
        switch self {
        case .scalar(let scalar): writer.int(0); writer.write(scalar)
        case .oneOf(let enumeration): writer.int(1); writer.int(enumeration)
        case .setOf(let enumeration): writer.int(2); writer.int(enumeration)
        }
    }
}

extension Value: Archivable {
    init(from reader: inout ArchiveReader) throws {
        switch try reader.tag(below: 6) {
        case 0: self = .boolean(try reader.bool())
        case 1: self = .amount(try reader.read())
        case 2: self = .date(try reader.read())
        case 3: self = .text(try reader.string())
        case 4: self = .member(try reader.int())
        default: self = .members(try reader.read())
        }
    }

    func write(to writer: inout ArchiveWriter) {
        switch self {
        case .boolean(let flag): writer.int(0); writer.bool(flag)
        case .amount(let amount): writer.int(1); writer.write(amount)
        case .date(let date): writer.int(2); writer.write(date)
        case .text(let text): writer.int(3); writer.string(text)
        case .member(let member): writer.int(4); writer.int(member)
        case .members(let members): writer.int(5); writer.write(members)
        }
    }
}

/// Enumerations with raw values are stored by their raw value.
protocol ArchivableByRawValue: Archivable, RawRepresentable where RawValue == String {}

extension ArchivableByRawValue {
    init(from reader: inout ArchiveReader) throws {
        guard let value = Self(rawValue: try reader.string()) else { throw ArchiveError() }
        self = value
    }

    func write(to writer: inout ArchiveWriter) { writer.string(rawValue) }
}

extension ComparisonOperator: ArchivableByRawValue {}
extension SetRelation: ArchivableByRawValue {}
extension ScalarType: ArchivableByRawValue {}
extension SourceDocument.Status: ArchivableByRawValue {}
extension DerivationNote.Kind: ArchivableByRawValue {}
