import WaarborgLint
import WaarborgModel
import WaarborgSyntax

/// Renders a lint result: the findings as diagnostics, then the branch-coverage table, in
/// the run's language (branch names such as `when` and `unless 1` are the rule file's words).
public struct LintReport {
    public let result: LintResult
    public let ruleSet: RuleSet
    public let language: Language

    public init(result: LintResult, ruleSet: RuleSet, language: Language) {
        self.result = result
        self.ruleSet = ruleSet
        self.language = language
    }

    private func pick(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    public var errorCount: Int { result.diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { result.diagnostics.filter { $0.severity == .warning }.count }

    public func coverageTable() -> String {
        var lines = [pick("Dekking van de takken door de voorbeelden van de regels:", "Branch coverage by the rules' examples:")]
        let width = max(6, ruleSet.rules.map(\.id.count).max() ?? 6)
        lines.append("  " + pick("regel", "rule").padding(toLength: width, withPad: " ", startingAt: 0) + pick("  gedekt   takken", "  covered  branches"))
        for entry in result.coverage {
            let rule = ruleSet.rules[entry.rule]
            let branches = zip(entry.branches, entry.covered).map { $0.1 ? $0.0 : "\($0.0) " + pick("(niet gedekt)", "(not covered)") }
            let count = "\(entry.coveredCount)/\(entry.branches.count)"
            lines.append("  " + rule.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + count.padding(toLength: 7, withPad: " ", startingAt: 0) + "  " + branches.joined(separator: ", "))
        }
        lines.append(pick("  totaal: \(result.coveredCount)/\(result.branchCount) takken (\(result.coveragePercent)%)", "  total: \(result.coveredCount)/\(result.branchCount) branches (\(result.coveragePercent)%)"))
        return lines.joined(separator: "\n") + "\n"
    }

    public func summary() -> String {
        let passing = result.examples.filter(\.passed).count
        return pick(
            "\(passing) voorbeelden slagen; \(errorCount) fouten, \(warningCount) waarschuwingen; dekking van de takken \(result.coveragePercent)%; \(safetySummary)\n",
            "\(passing) examples pass; \(errorCount) errors, \(warningCount) warnings; branch coverage \(result.coveragePercent)%; \(safetySummary)\n")
    }

    /// The safety proof in one phrase: how many (hardcore fact, activity kind) pairs it proved.
    public var safetySummary: String {
        let facts = Set(result.safety.map(\.fact)).count
        guard facts > 0 else { return pick("veiligheidsbewijs: geen hardcorefeiten gedeclareerd", "safety proof: no hardcore facts declared") }
        let kinds = Set(result.safety.map(\.kind)).count
        return pick(
            "veiligheidsbewijs: \(result.provenCount)/\(result.safety.count) bewezen (\(facts) hardcorefeiten × \(kinds) activiteitsoorten)",
            "safety proof: \(result.provenCount)/\(result.safety.count) proven (\(facts) hardcore facts × \(kinds) activity kinds)")
    }

    public func json(toolVersion: String) -> String {
        JSONValue.object([
            ("schema_version", .string(JSONRenderer.schemaVersion)),
            ("tool", .object([("name", .string("waarborg")), ("version", .string(toolVersion))])),
            ("ruleset", RulesUsed(ruleSet).json),
            ("language", .string(language.rawValue)),
            ("diagnostics", JSONRenderer.diagnostics(result.diagnostics, language: language)),
            ("safety", .object([
                ("proven", .int(result.provenCount)), ("pairs", .int(result.safety.count)),
                ("findings", .array(result.safety.map { finding in
                    .object([
                        ("fact", .string(ruleSet.vocabulary.facts[finding.fact].id)),
                        ("kind", .string(ruleSet.vocabulary.activityKinds[finding.kind].id)),
                        ("guard", .optional(finding.guardRule.map { ruleSet.rules[$0].id })),
                        ("routes", .strings(finding.routes.map { ruleSet.rules[$0].id })),
                        ("counterexample", .optional(finding.counterexample)),
                    ])
                })),
            ])),
            ("coverage", .object([
                ("branches", .int(result.branchCount)), ("covered", .int(result.coveredCount)), ("percent", .int(result.coveragePercent)),
                ("rules", .array(result.coverage.map { entry in
                    .object([
                        ("rule", .string(ruleSet.rules[entry.rule].id)),
                        ("branches", .array(zip(entry.branches, entry.covered).map { .object([("branch", .string($0.0)), ("covered", .bool($0.1))]) })),
                    ])
                })),
            ])),
        ]).rendered()
    }
}
