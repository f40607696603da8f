import WaarborgSyntax

/// A checked rule set as bytes, so that a run can skip lexing, parsing and checking rule
/// files that an earlier run already checked.
///
/// An archive is only ever used for exactly the inputs it was made from: its key is a
/// digest of the program that wrote it and of every rule file's path and bytes, and the
/// payload carries a checksum. Anything that does not match — another key, a damaged or
/// truncated file, an archive of an older format — reads as "no archive", and the caller
/// checks the rule files from text as always. A stale archive can therefore never stand in
/// for the law as it is written in `rules/`.
public enum RuleSetArchive {
    /// Raise when the archived form changes in a way the key does not capture (the key
    /// already covers the program's build, so in practice this marks deliberate breaks).
    static let formatVersion: UInt32 = 2
    static let magic: [UInt8] = Array("WBRS".utf8)

    /// The key of the archive for these rule files, written by this program.
    ///
    /// `program` identifies the build that checks the rules (the CLI passes its version and
    /// the executable's size and modification time), so a rebuilt checker never reads an
    /// archive its predecessor wrote.
    public static func key(files: [SourceFile], program: String) -> String {
        var digest = Digest128()
        digest.add(Array("waarborg-rules \(formatVersion)\n\(program)\n".utf8))
        for file in files {
            digest.add(Array("\(file.path)\n\(file.bytes.count)\n".utf8))
            digest.add(file.bytes)
        }
        return digest.hex
    }

    /// The archive of a rule set checked from `files` (in the order they were checked).
    public static func archive(_ ruleSet: RuleSet, files: [SourceFile], key: String) -> [UInt8] {
        var writer = ArchiveWriter(files: files)
        ruleSet.write(to: &writer)
        let payload = writer.bytes
        var digest = Digest128()
        digest.add(payload)
        var bytes = magic
        append(formatVersion, to: &bytes)
        let keyBytes = Array(key.utf8)
        append(UInt32(keyBytes.count), to: &bytes)
        bytes += keyBytes
        bytes += Array(digest.hex.utf8)
        append(UInt32(clamping: payload.count), to: &bytes)
        bytes += payload
        return bytes
    }

    /// The rule set in an archive, or nil when the archive is not for this key, is damaged
    /// or cannot be read: the caller then checks the rule files from text.
    public static func unarchive(_ bytes: [UInt8], files: [SourceFile], key: String) -> RuleSet? {
        var reader = HeaderReader(bytes: bytes)
        let keyBytes = Array(key.utf8)
        guard reader.take(magic.count) == magic[...],
            reader.uint32() == formatVersion,
            reader.uint32() == UInt32(keyBytes.count),
            reader.take(keyBytes.count) == keyBytes[...],
            let checksum = reader.take(32),
            let length = reader.uint32(),
            let payload = reader.take(Int(length)), reader.isAtEnd
        else { return nil }
        var digest = Digest128()
        digest.add(payload)
        guard Array(digest.hex.utf8)[...] == checksum else { return nil }
        return payload.withUnsafeBufferPointer { buffer in
            var reader = ArchiveReader(bytes: buffer, files: files)
            guard let ruleSet = try? RuleSet.read(from: &reader), reader.isAtEnd else { return nil }
            return ruleSet
        }
    }

    private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private struct HeaderReader {
        let bytes: [UInt8]
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }

        mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
            guard count >= 0, count <= bytes.count - offset else { return nil }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }

        mutating func uint32() -> UInt32? {
            guard let slice = take(4) else { return nil }
            return slice.reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }
    }
}

/// A 128-bit digest from two independent 64-bit lanes, each a multiply–xorshift over
/// 8-byte words (with different constants), so hashing the ~450 KB of rule files costs a
/// fraction of a millisecond. Not cryptographic: it tells one set of rule files from
/// another (an edit, a renamed file), which is all a cache key must do.
struct Digest128 {
    private var first: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var second: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    mutating func add(_ bytes: ArraySlice<UInt8>) { bytes.withUnsafeBytes { add($0) } }

    mutating func add(_ buffer: UnsafeRawBufferPointer) {
        do {
            var offset = 0
            while offset + 8 <= buffer.count {
                absorb(UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            var tail: UInt64 = 0
            for index in offset..<buffer.count { tail |= UInt64(buffer[index]) << (UInt64(index - offset) * 8) }
            // The length closes every piece, so "ab" + "c" and "a" + "bc" differ.
            absorb(tail)
            absorb(UInt64(buffer.count))
        }
    }

    private mutating func absorb(_ word: UInt64) {
        first = (first ^ word) &* 0xFF51_AFD7_ED55_8CCD
        first ^= first >> 33
        second = (second ^ word ^ (second >> 29)) &* 0xC4CE_B9FE_1A85_EC53
        second = second &+ (second << 7 | second >> 57)
    }

    var hex: String {
        func digits(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return digits(first) + digits(second)
    }
}
