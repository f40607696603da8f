import WaarborgSyntax

/// A checked rule set as bytes, so that a run can skip lexing, parsing and checking rule
/// files that an earlier run already checked.
///
/// An archive is only ever used for exactly the inputs it was made from, and only if this
/// user's program wrote it: it carries an HMAC-SHA256, under a secret only the user can
/// read, over its header, the SHA-256 of every rule file's path and bytes, and the payload.
/// Anything that does not match — another key, other rule files, a damaged or truncated
/// file, an archive of an older format, or an entry someone else wrote (who can rewrite the
/// key in the header but not compute the MAC) — reads as "no archive", and the caller checks
/// the rule files from text as always. A stale or planted archive can therefore never stand
/// in for the law as it is written in `rules/`.
public enum RuleSetArchive {
    /// Raise when the archived form changes in a way the key does not capture (the key
    /// already covers the program's build, so in practice this marks deliberate breaks).
    static let formatVersion: UInt32 = 5
    static let magic: [UInt8] = Array("WBRS".utf8)

    /// SHA-256 of the rule files, each as its path, its length and its bytes, in order:
    /// what the MAC binds to. (Reports show `RuleSetDigest`, which names the
    /// files relative to the rules folder, so that a copy of the folder has the same one;
    /// the cache binds to the paths, which the archived source ranges print.)
    public static func digest(files: [SourceFile]) -> [UInt8] {
        var hash = SHA256()
        for file in files {
            hash.update("\(file.path)\n\(file.bytes.count)\n")
            hash.update(file.bytes)
        }
        return hash.finalize()
    }

    /// The key of the archive for these rule files, written by this program: the files'
    /// paths and lengths, not their bytes, so the key is known before the files are hashed
    /// and the entry can be read and hashed meanwhile (`payloadHash`); the MAC binds the
    /// bytes (`digest`), so an edit of the same length never reads the old entry.
    ///
    /// `program` identifies the build that checks the rules (the CLI passes its version and
    /// the executable's size and modification time), so a rebuilt checker never reads an
    /// archive its predecessor wrote.
    public static func key(files: [SourceFile], program: String) -> String {
        var hash = SHA256()
        hash.update("waarborg-rules \(formatVersion)\n\(program)\n")
        for file in files { hash.update("\(file.path)\n\(file.bytes.count)\n") }
        return Array(hash.finalize().prefix(16)).hex
    }

    /// The archive of a rule set checked from `files` (in the order they were checked),
    /// authenticated under `secret`.
    /// `digest` is `digest(files:)`, passed when the caller already has it.
    public static func archive(_ ruleSet: RuleSet, files: [SourceFile], digest: [UInt8]? = nil, key: String, secret: [UInt8]) -> [UInt8] {
        var writer = ArchiveWriter(files: files)
        ruleSet.write(to: &writer)
        return seal(payload: writer.bytes, digest: digest ?? self.digest(files: files), key: key, secret: secret)
    }

    /// The archive's bytes around a payload: header, MAC, payload.
    public static func seal(payload: [UInt8], digest: [UInt8], key: String, secret: [UInt8]) -> [UInt8] {
        var header = magic
        append(formatVersion, to: &header)
        let keyBytes = Array(key.utf8)
        append(UInt32(keyBytes.count), to: &header)
        header += keyBytes
        append(UInt32(clamping: payload.count), to: &header)
        return header + mac(header: header, digest: digest, payloadHash: hash(payload[...]), secret: secret) + payload
    }

    /// HMAC-SHA256 over the header, the rule files' digest and the payload's SHA-256: the
    /// two long hashes are independent, so a reader computes them at the same time.
    private static func mac(header: [UInt8], digest: [UInt8], payloadHash: [UInt8], secret: [UInt8]) -> [UInt8] {
        var mac = HMACSHA256(key: secret)
        mac.update(header)
        mac.update(digest)
        mac.update(payloadHash)
        return mac.finalize()
    }

    private static func hash(_ payload: ArraySlice<UInt8>) -> [UInt8] {
        var hash = SHA256()
        hash.update(payload)
        return hash.finalize()
    }

    /// The SHA-256 of an archive's payload, for `unarchive`; nil when the bytes are no archive.
    public static func payloadHash(_ bytes: [UInt8]) -> [UInt8]? {
        sealed(bytes).map { hash($0.payload) }
    }

    /// The parts of an archive: the header's length, the stored MAC, the payload.
    private static func sealed(_ bytes: [UInt8]) -> (headerLength: Int, stored: ArraySlice<UInt8>, payload: ArraySlice<UInt8>, key: ArraySlice<UInt8>)? {
        var reader = HeaderReader(bytes: bytes)
        guard reader.take(magic.count) == magic[...],
            reader.uint32() == formatVersion,
            let keyLength = reader.uint32(),
            let key = reader.take(Int(keyLength)),
            let length = reader.uint32(),
            case let headerLength = reader.offset,
            let stored = reader.take(32),
            let payload = reader.take(Int(length)), reader.isAtEnd
        else { return nil }
        return (headerLength, stored, payload, key)
    }

    /// The rule set in an archive, or nil when the archive is not for this key and these
    /// files, was not written under `secret`, is damaged or cannot be read: the caller then
    /// checks the rule files from text.
    /// `digest` and `payloadHash` are `digest(files:)` and `payloadHash(bytes)`, passed when
    /// the caller has them.
    public static func unarchive(
        _ bytes: [UInt8], files: [SourceFile], digest: [UInt8]? = nil, payloadHash: [UInt8]? = nil, key: String, secret: [UInt8]
    ) -> RuleSet? {
        guard let (headerLength, stored, payload, storedKey) = sealed(bytes), storedKey.elementsEqual(key.utf8) else { return nil }
        let expected = mac(
            header: Array(bytes[0..<headerLength]), digest: digest ?? self.digest(files: files), payloadHash: payloadHash ?? hash(payload),
            secret: secret)
        guard HMACSHA256.equal(expected, stored) else { return nil }
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
