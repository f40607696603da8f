import WaarborgModel
import WaarborgSyntax

/// Which rules a report was made with, as every report header says it: the rule set's name
/// and version, how many rules it has, and the digest of its rule files' bytes
/// (`RuleSetDigest`), so that two runs with different rules never print the same header.
/// One value, rendered the same way by every format.
public struct RulesUsed: Sendable, Hashable {
    public let name: String
    public let version: String
    public let count: Int
    /// The first 12 hex digits of the rules' digest.
    public let digest: String

    public init(_ ruleSet: RuleSet) {
        name = ruleSet.info.name
        version = ruleSet.info.version
        count = ruleSet.rules.count
        digest = ruleSet.digest.short
    }

    /// `Waarborg NL 1.3 (90 rules, digest 3f9a1c2b4d5e)`.
    public func text(_ language: Language) -> String {
        let phrases = Phrases(language: language)
        return "\(name) \(version) (\(phrases.ruleCount(count)), \(phrases.digest) \(digest))"
    }

    /// The `ruleset` object of the JSON outputs (`waarborg schema report` describes it).
    public var json: JSONValue {
        .object([("name", .string(name)), ("version", .string(version)), ("rules", .int(count)), ("digest", .string(digest))])
    }
}
