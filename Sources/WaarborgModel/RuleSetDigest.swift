import WaarborgSyntax

/// Which rules a report was made with, as a fingerprint of the rule files' text: every
/// report header shows it next to the rule set's name, version and rule count, so two runs
/// with different rules never print the same header, even when someone edited a rule and
/// forgot to raise the version.
///
/// Definition (docs/json-output.md, "The rules' digest"): the SHA-256 of, for every `.wbr`
/// file in the rules folder, sorted by its name relative to that folder (`/` between
/// folders, compared byte by byte in UTF-8), the name, a line feed, the file's length in
/// bytes in decimal, a line feed, and the file's bytes. Reports show its first 12 hex
/// digits. Only what is inside the rules folder counts: the same rules copied to another
/// folder or machine have the same digest; paths outside it, modification times and the
/// rule-set cache never enter it.
public struct RuleSetDigest: Sendable, Hashable {
    /// The whole SHA-256, 64 lowercase hex digits.
    public let hex: String

    /// How many hex digits reports show: 48 bits, so that two different rule sets a user
    /// compares share a digest with a chance of about one in 10^14.
    public static let shownDigits = 12

    /// The digest as reports show it.
    public var short: String { String(hex.prefix(Self.shownDigits)) }

    public init(hex: String) { self.hex = hex }

    /// The digest of `files`, named relative to `folder` (the rules folder they were read
    /// from; a path outside it counts as written). The order the files come in does not matter.
    public init(files: [SourceFile], folder: String?) {
        let prefix = folder.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let named = files.map { file -> (name: [UInt8], bytes: [UInt8]) in
            var name = file.path
            if let prefix, name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
            return (Array(name.utf8), file.bytes)
        }
        var hash = SHA256()
        for file in named.sorted(by: { $0.name.lexicographicallyPrecedes($1.name) }) {
            hash.update(file.name)
            hash.update("\n\(file.bytes.count)\n")
            hash.update(file.bytes)
        }
        hex = hash.finalize().hex
    }
}
