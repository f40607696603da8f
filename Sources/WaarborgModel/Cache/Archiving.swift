import WaarborgSyntax

/// A value that can be written to a rule-set archive and read back.
///
/// Written by hand instead of through `Codable`: reading a checked rule set back must
/// be much faster than checking it from text, and `Codable`'s generic containers cost
/// thousands of instructions per value (a first version through `Codable` took longer
/// than parsing and checking). Readers build values through their initializers, so a new
/// stored property fails to compile here until the archive knows it.
protocol Archivable {
    init(from reader: inout ArchiveReader) throws
    func write(to writer: inout ArchiveWriter)
}

/// Why an archive could not be read; the caller then checks the rules from text.
struct ArchiveError: Error {}

/// Writes values as bytes: integers as zigzag LEB128 varints, strings as a length and
/// UTF-8, source ranges as their file's position and two offsets.
struct ArchiveWriter {
    private(set) var bytes: [UInt8] = []
    private let positions: [ObjectIdentifier: Int]

    init(files: [SourceFile]) {
        var positions: [ObjectIdentifier: Int] = [:]
        for (position, file) in files.enumerated() { positions[ObjectIdentifier(file)] = position }
        self.positions = positions
    }

    mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func int(_ value: Int) { unsigned(UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var text = value
        text.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A range in a file that is not among the archive's files (it cannot happen for a
    /// rule set checked from those files) gets position -1, which no reader accepts.
    mutating func range(_ range: SourceRange) {
        int(positions[ObjectIdentifier(range.file)] ?? -1)
        int(range.start)
        int(range.end)
    }

    mutating func write<T: Archivable>(_ value: T) { value.write(to: &self) }
}

/// Reads what `ArchiveWriter` wrote, checking every length and index against the bytes
/// and files at hand, so a damaged archive throws instead of trapping.
struct ArchiveReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    let files: [SourceFile]

    init(bytes: UnsafeBufferPointer<UInt8>, files: [SourceFile]) {
        self.bytes = bytes
        self.files = files
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func unsigned() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw ArchiveError() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws -> Int {
        let raw = try unsigned()
        return Int(truncatingIfNeeded: Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1))
    }

    /// A count of things that each take at least one byte, so a damaged count cannot ask
    /// for more memory than the archive could describe.
    mutating func count() throws -> Int {
        let value = try unsigned()
        guard value <= UInt64(bytes.count - offset) else { throw ArchiveError() }
        return Int(value)
    }

    mutating func bool() throws -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw ArchiveError() }
        offset += 1
        return bytes[offset - 1] == 1
    }

    mutating func string() throws -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
    }

    mutating func range() throws -> SourceRange {
        let position = try int()
        let start = try int()
        let end = try int()
        guard files.indices.contains(position), start >= 0, start <= end, end <= files[position].bytes.count else { throw ArchiveError() }
        return SourceRange(file: files[position], start: start, end: end)
    }

    mutating func read<T: Archivable>(_ type: T.Type = T.self) throws -> T { try T(from: &self) }

    /// A case tag below `cases`.
    mutating func tag(below cases: Int) throws -> Int {
        let value = try int()
        guard (0..<cases).contains(value) else { throw ArchiveError() }
        return value
    }
}

// MARK: Standard types

extension Int: Archivable {
    init(from reader: inout ArchiveReader) throws { self = try reader.int() }
    func write(to writer: inout ArchiveWriter) { writer.int(self) }
}

extension Bool: Archivable {
    init(from reader: inout ArchiveReader) throws { self = try reader.bool() }
    func write(to writer: inout ArchiveWriter) { writer.bool(self) }
}

extension String: Archivable {
    init(from reader: inout ArchiveReader) throws { self = try reader.string() }
    func write(to writer: inout ArchiveWriter) { writer.string(self) }
}

extension UInt64: Archivable {
    init(from reader: inout ArchiveReader) throws { self = try reader.unsigned() }
    func write(to writer: inout ArchiveWriter) { writer.unsigned(self) }
}

extension SourceRange: Archivable {
    init(from reader: inout ArchiveReader) throws { self = try reader.range() }
    func write(to writer: inout ArchiveWriter) { writer.range(self) }
}

extension Array: Archivable where Element: Archivable {
    init(from reader: inout ArchiveReader) throws {
        let count = try reader.count()
        self = []
        reserveCapacity(count)
        for _ in 0..<count { append(try reader.read()) }
    }

    func write(to writer: inout ArchiveWriter) {
        writer.unsigned(UInt64(count))
        for element in self { writer.write(element) }
    }
}

extension Optional: Archivable where Wrapped: Archivable {
    init(from reader: inout ArchiveReader) throws {
        self = try reader.bool() ? .some(try reader.read()) : nil
    }

    func write(to writer: inout ArchiveWriter) {
        writer.bool(self != nil)
        if let self { writer.write(self) }
    }
}

/// Dictionaries are written sorted by key, so the same rule set gives the same bytes.
extension Dictionary: Archivable where Key: Archivable & Comparable, Value: Archivable {
    init(from reader: inout ArchiveReader) throws {
        let count = try reader.count()
        self.init(minimumCapacity: count)
        for _ in 0..<count {
            let key: Key = try reader.read()
            guard updateValue(try reader.read(), forKey: key) == nil else { throw ArchiveError() }
        }
    }

    func write(to writer: inout ArchiveWriter) {
        writer.unsigned(UInt64(count))
        for key in keys.sorted() {
            writer.write(key)
            if let value = self[key] { writer.write(value) }
        }
    }
}
