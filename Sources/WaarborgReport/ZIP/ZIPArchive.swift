/// A small ZIP writer (and the reader its tests use): stored entries only, CRC-32, one
/// fixed DOS timestamp, entries sorted by name, no extra fields and no ZIP64. Equal
/// entries always give equal bytes, so a DOCX built from the same evaluation is the same
/// file byte for byte.
///
/// Layout (PKWARE APPNOTE 6.3, sections 4.3.7, 4.3.12 and 4.3.16): for every entry a local
/// file header followed by its bytes; then the central directory, one header per entry;
/// then the end of central directory record.
public enum ZIPArchive {
    public struct Entry: Sendable, Hashable {
        public let name: String
        public let bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }

        public init(name: String, text: String) {
            self.init(name: name, bytes: Array(text.utf8))
        }
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case duplicateName(String)
        case invalidName(String)
        /// Stored entries, offsets and counts must fit ZIP's 32- and 16-bit fields.
        case tooLarge
        /// The reader met bytes that are not a ZIP this writer produces.
        case malformed(String)

        public var description: String {
            switch self {
            case .duplicateName(let name): "the archive would hold `\(name)` twice"
            case .invalidName(let name): "`\(name)` is not a valid entry name (relative, `/`-separated, no `..`)"
            case .tooLarge: "the archive is too large for a ZIP without ZIP64"
            case .malformed(let reason): "not a readable ZIP: \(reason)"
            }
        }
    }

    /// 1980-01-01 00:00:00, the earliest DOS date: the timestamp of every entry.
    public static let dosTime: UInt16 = 0
    public static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    static let localHeaderSignature: UInt32 = 0x0403_4B50
    static let centralHeaderSignature: UInt32 = 0x0201_4B50
    static let endSignature: UInt32 = 0x0605_4B50
    /// Version 2.0: the lowest that readers expect for a plain stored entry.
    static let version: UInt16 = 20
    /// General purpose bit 11: names are UTF-8.
    static let utf8Flag: UInt16 = 1 << 11

    /// The archive's bytes. Entries are sorted by the bytes of their names, except that
    /// `[Content_Types].xml`, which Office readers expect first, always leads.
    public static func archive(_ entries: [Entry]) throws(Failure) -> [UInt8] {
        var seen = Set<String>()
        for entry in entries {
            guard isValidName(entry.name) else { throw .invalidName(entry.name) }
            guard seen.insert(entry.name).inserted else { throw .duplicateName(entry.name) }
        }
        guard entries.count <= Int(UInt16.max) else { throw .tooLarge }
        let sorted = entries.sorted { lhs, rhs in
            let (l, r) = (lhs.name == "[Content_Types].xml", rhs.name == "[Content_Types].xml")
            if l != r { return l }
            return Array(lhs.name.utf8).lexicographicallyPrecedes(Array(rhs.name.utf8))
        }
        var output: [UInt8] = []
        var central: [UInt8] = []
        for entry in sorted {
            let name = Array(entry.name.utf8)
            let offset = output.count
            guard entry.bytes.count <= Int(UInt32.max), offset <= Int(UInt32.max) else { throw .tooLarge }
            let crc = CRC32.checksum(entry.bytes)
            let size = UInt32(entry.bytes.count)
            let flags: UInt16 = entry.name.utf8.contains { $0 >= 0x80 } ? utf8Flag : 0

            output.append(le32: localHeaderSignature)
            output.append(le16: version)  // version needed to extract
            output.append(le16: flags)
            output.append(le16: 0)  // method: stored
            output.append(le16: dosTime)
            output.append(le16: dosDate)
            output.append(le32: crc)
            output.append(le32: size)  // compressed size
            output.append(le32: size)  // uncompressed size
            output.append(le16: UInt16(name.count))
            output.append(le16: 0)  // extra field length
            output.append(contentsOf: name)
            output.append(contentsOf: entry.bytes)

            central.append(le32: centralHeaderSignature)
            central.append(le16: version)  // version made by: MS-DOS, 2.0
            central.append(le16: version)
            central.append(le16: flags)
            central.append(le16: 0)
            central.append(le16: dosTime)
            central.append(le16: dosDate)
            central.append(le32: crc)
            central.append(le32: size)
            central.append(le32: size)
            central.append(le16: UInt16(name.count))
            central.append(le16: 0)  // extra field length
            central.append(le16: 0)  // comment length
            central.append(le16: 0)  // disk number start
            central.append(le16: 0)  // internal attributes
            central.append(le32: 0)  // external attributes
            central.append(le32: UInt32(offset))
            central.append(contentsOf: name)
        }
        let centralOffset = output.count
        guard centralOffset <= Int(UInt32.max), central.count <= Int(UInt32.max) else { throw .tooLarge }
        output.append(contentsOf: central)
        output.append(le32: endSignature)
        output.append(le16: 0)  // this disk
        output.append(le16: 0)  // disk with the central directory
        output.append(le16: UInt16(sorted.count))
        output.append(le16: UInt16(sorted.count))
        output.append(le32: UInt32(central.count))
        output.append(le32: UInt32(centralOffset))
        output.append(le16: 0)  // comment length
        return output
    }

    static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\"), name.utf8.count <= Int(UInt16.max) else { return false }
        return !name.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    /// Reads an archive of stored entries back, checking every header against the central
    /// directory and every CRC: what the tests use to look inside a DOCX.
    public static func entries(of bytes: [UInt8]) throws(Failure) -> [Entry] {
        let minimumEnd = 22
        guard bytes.count >= minimumEnd else { throw .malformed("shorter than an end of central directory record") }
        let end = bytes.count - minimumEnd
        guard bytes.le32(at: end) == endSignature else { throw .malformed("no end of central directory record (or a comment)") }
        let count = Int(bytes.le16(at: end + 10))
        let centralSize = Int(bytes.le32(at: end + 12))
        var position = Int(bytes.le32(at: end + 16))
        guard position + centralSize == end else { throw .malformed("the central directory does not end where the end record starts") }
        var entries: [Entry] = []
        for _ in 0..<count {
            guard position + 46 <= end, bytes.le32(at: position) == centralHeaderSignature else {
                throw .malformed("central directory header \(entries.count + 1) is missing")
            }
            let method = bytes.le16(at: position + 10)
            let crc = bytes.le32(at: position + 16)
            let compressed = Int(bytes.le32(at: position + 20))
            let size = Int(bytes.le32(at: position + 24))
            let nameLength = Int(bytes.le16(at: position + 28))
            let extraLength = Int(bytes.le16(at: position + 30))
            let commentLength = Int(bytes.le16(at: position + 32))
            let offset = Int(bytes.le32(at: position + 42))
            guard position + 46 + nameLength <= end else { throw .malformed("a name runs past the central directory") }
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            guard method == 0, compressed == size else { throw .malformed("`\(name)` is compressed; only stored entries are read") }
            guard offset + 30 <= bytes.count, bytes.le32(at: offset) == localHeaderSignature else {
                throw .malformed("`\(name)` has no local file header at offset \(offset)")
            }
            let localNameLength = Int(bytes.le16(at: offset + 26))
            let localExtraLength = Int(bytes.le16(at: offset + 28))
            let localName = String(decoding: bytes[(offset + 30)..<min(bytes.count, offset + 30 + localNameLength)], as: UTF8.self)
            guard localName == name, bytes.le32(at: offset + 14) == crc, Int(bytes.le32(at: offset + 22)) == size else {
                throw .malformed("the local header of `\(name)` disagrees with the central directory")
            }
            let start = offset + 30 + localNameLength + localExtraLength
            guard start + size <= centralOffset(bytes, end) else { throw .malformed("the data of `\(name)` runs into the central directory") }
            let data = Array(bytes[start..<(start + size)])
            guard CRC32.checksum(data) == crc else { throw .malformed("the CRC-32 of `\(name)` does not match its data") }
            entries.append(Entry(name: name, bytes: data))
            position += 46 + nameLength + extraLength + commentLength
        }
        guard position == end else { throw .malformed("the central directory holds more than its \(count) entries") }
        return entries
    }

    private static func centralOffset(_ bytes: [UInt8], _ end: Int) -> Int { Int(bytes.le32(at: end + 16)) }
}

extension [UInt8] {
    mutating func append(le16 value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    mutating func append(le32 value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }

    func le16(at index: Int) -> UInt16 {
        guard index >= 0, index + 2 <= count else { return 0 }
        return UInt16(self[index]) | UInt16(self[index + 1]) << 8
    }

    func le32(at index: Int) -> UInt32 {
        guard index >= 0, index + 4 <= count else { return 0 }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(self[index + $1]) << UInt32(8 * $1) }
    }
}
