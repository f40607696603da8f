import WaarborgModel
import WaarborgSyntax

/// SARIF 2.1.0 for code scanning (GitHub, GitLab, IDEs), valid against the OASIS schema
/// and without what GitHub rejects: every rule once and sorted, string-only tags, no
/// `fixes`, `executionSuccessful` always set, and a `runs` array even without results.
///
/// One result per activity whose verdict is not `allowed`: prohibited is an `error`, needs
/// assessment a `warning` with `kind: review`, allowed with safeguards a `note`. The result
/// points at the activity's line; the facts that decided it are related locations.
/// `partialFingerprints` identify the finding by plan, activity, kind and deciding rules,
/// so moving unrelated lines does not make it new. Waived findings carry `suppressions`.
public struct SARIFRenderer {
    public static let uncoveredRuleID = "WB-UNCOVERED"

    public let toolVersion: String

    public init(toolVersion: String) { self.toolVersion = toolVersion }

    public func render(_ reports: [CheckReport], baseline: [String: BaselineStatus] = [:], language: Language) -> String {
        document(reports, baseline: baseline, language: language).rendered()
    }

    func document(_ reports: [CheckReport], baseline: [String: BaselineStatus], language: Language) -> JSONValue {
        guard let ruleSet = reports.first?.ruleSet else {
            return .object([("version", .string("2.1.0")), ("runs", .array([]))])
        }
        let rules = ruleSet.rules.filter { !$0.isNote }.sorted { $0.id < $1.id }
        var ruleIndex: [String: Int] = [:]
        var descriptors: [JSONValue] = []
        for rule in rules {
            ruleIndex[rule.id] = descriptors.count
            descriptors.append(descriptor(rule, ruleSet: ruleSet, language: language))
        }
        ruleIndex[SARIFRenderer.uncoveredRuleID] = descriptors.count
        descriptors.append(uncoveredDescriptor(language))

        var artifacts: [String] = []
        var results: [JSONValue] = []
        var notifications: [JSONValue] = []
        for report in reports {
            let uri = SARIFRenderer.uri(report.planFile)
            if !artifacts.contains(uri) { artifacts.append(uri) }
            let artifactIndex = artifacts.firstIndex(of: uri)!
            for activity in report.activities where activity.verdict != .allowed {
                if let status = baseline[activity.fingerprint], status == .unchanged { continue }
                results.append(result(activity, report: report, uri: uri, artifactIndex: artifactIndex, ruleIndex: ruleIndex, baseline: baseline[activity.fingerprint]))
            }
            for diagnostic in report.diagnostics.sortedForOutput() {
                var members: [(String, JSONValue)] = [
                    ("level", .string(diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "note")),
                    ("message", .object([("text", .string("\(diagnostic.message) [\(diagnostic.code)]"))])),
                ]
                if let location = diagnostic.location {
                    members.append(("locations", .array([physical(SARIFRenderer.uri(location.file), line: location.line, column: location.column, index: nil)])))
                }
                notifications.append(.object(members))
            }
        }
        var invocation: [(String, JSONValue)] = [("executionSuccessful", .bool(true))]
        if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }
        return .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("Waarborg")),
                    ("version", .string(toolVersion)),
                    ("semanticVersion", .string(toolVersion)),
                    ("rules", .array(descriptors)),
                    ("properties", .object([("ruleset", .string("\(ruleSet.info.name) \(ruleSet.info.version)"))])),
                ]))])),
                ("invocations", .array([.object(invocation)])),
                ("language", .string(language.rawValue)),
                ("columnKind", .string("unicodeCodePoints")),
                ("artifacts", .array(artifacts.map { .object([("location", .object([("uri", .string($0))]))]) })),
                ("results", .array(results)),
            ])])),
        ])
    }

    func result(
        _ activity: ActivityReport, report: CheckReport, uri: String, artifactIndex: Int, ruleIndex: [String: Int], baseline: BaselineStatus?
    ) -> JSONValue {
        let ruleID = activity.deciding.first ?? SARIFRenderer.uncoveredRuleID
        let level: String
        switch activity.verdict {
        case .prohibited: level = "error"
        case .needsAssessment: level = "warning"
        default: level = "note"
        }
        let clause = activity.clause.map { " (\($0))" } ?? ""
        var message = "\(activity.id)\(clause): \(activity.verdict.label(report.language)). \(activity.summary)"
        if let remedy = activity.remedies.first, activity.verdict > .allowedWithSafeguards {
            let adds = remedy.add.map(\.label).joined(separator: ", ")
            let changes = remedy.changes.map(\.text).joined(separator: "; ")
            let action = [changes, adds].filter { !$0.isEmpty }.joined(separator: "; ")
            message += report.language == .nl ? " Om te voldoen: \(action) (→ \(remedy.reaches.label(.nl)))." : " To comply: \(action) (→ \(remedy.reaches.label(.en)))."
        }
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(ruleID)),
            ("ruleIndex", .int(ruleIndex[ruleID] ?? ruleIndex[SARIFRenderer.uncoveredRuleID]!)),
            ("level", .string(level)),
        ]
        if activity.verdict == .needsAssessment { members.append(("kind", .string("review"))) }
        members.append(("message", .object([("text", .string(message))])))
        members.append(("locations", .array([physical(uri, line: activity.location.line, column: activity.location.column, index: artifactIndex)])))
        let related = activity.facts.compactMap { fact -> JSONValue? in
            guard let location = fact.location else { return nil }
            var location_ = physical(SARIFRenderer.uri(location.file), line: location.line, column: location.column, index: nil)
            if case .object(var fields) = location_ {
                fields.append(("message", .object([("text", .string("\(fact.fact) = \(fact.value)"))])))
                location_ = .object(fields)
            }
            return location_
        }
        if !related.isEmpty {
            members.append(("relatedLocations", .array(related.enumerated().map { index, value in
                guard case .object(let fields) = value else { return value }
                return .object([("id", .int(index))] + fields)
            })))
        }
        members.append(("partialFingerprints", .object([("waarborgFinding/v1", .string(activity.fingerprint))])))
        if !activity.waivers.isEmpty {
            members.append(("suppressions", .array(activity.waivers.map { waiver in
                .object([
                    ("kind", .string("inSource")),
                    ("status", .string("accepted")),
                    ("justification", .string("\(waiver.justification) (\(waiver.owner), until \(waiver.expires))")),
                    ("location", physical(SARIFRenderer.uri(waiver.location.file), line: waiver.location.line, column: waiver.location.column, index: nil)),
                ])
            })))
        }
        if let baseline { members.append(("baselineState", .string(baseline == .new ? "new" : "updated"))) }
        members.append(("properties", .object([
            ("verdict", .string(activity.verdict.id)),
            ("activity", .string(activity.id)),
            ("activityKind", .string(activity.kind)),
            ("clause", .optional(activity.clause)),
            ("deciding", .strings(activity.deciding)),
            ("tags", .strings(["competition-law", activity.verdict.id])),
        ])))
        return .object(members)
    }

    func physical(_ uri: String, line: Int, column: Int, index: Int?) -> JSONValue {
        var artifact: [(String, JSONValue)] = [("uri", .string(uri))]
        if let index { artifact.append(("index", .int(index))) }
        return .object([("physicalLocation", .object([
            ("artifactLocation", .object(artifact)),
            ("region", .object([("startLine", .int(line)), ("startColumn", .int(column))])),
        ]))])
    }

    func descriptor(_ rule: Rule, ruleSet: RuleSet, language: Language) -> JSONValue {
        let group = ruleSet.vocabulary.groups[rule.group]
        var sources: [String] = []
        var helpURI: String?
        for citation in rule.sources {
            let document = ruleSet.sourceIndex[citation.source].map { ruleSet.sources[$0] }
            let url = document?.url.flatMap(SARIFRenderer.absoluteURL)
            if helpURI == nil { helpURI = url }
            let name = url.map { "[\(citation.source)](\($0))" } ?? citation.source
            sources.append("- \(name) \(citation.pinpoint)" + (document.map { ": \($0.title)" } ?? ""))
        }
        let sourcesTitle = language == .nl ? "Bronnen" : "Sources"
        var exceptions: [String] = []
        for exception in rule.exceptions {
            exceptions.append("- " + (language == .nl ? "tenzij" : "unless") + " \(exception.index + 1) → \(exception.conclusion.label(language)): \(exception.rationale[language])")
        }
        var markdown = "**\(rule.id) \(rule.title[language])** (\(rule.isNote ? "note" : rule.conclusion.label(language)))\n\n\(rule.rationale[language])"
        if !exceptions.isEmpty { markdown += "\n\n" + exceptions.joined(separator: "\n") }
        markdown += "\n\n\(sourcesTitle):\n" + sources.joined(separator: "\n")
        let text = "\(rule.id) \(rule.title[language]): \(rule.rationale[language]) \(sourcesTitle): " + rule.sources.map(\.display).joined(separator: "; ")
        var members: [(String, JSONValue)] = [
            ("id", .string(rule.id)),
            ("name", .string(SARIFRenderer.pascalCase(rule.title.en))),
            ("shortDescription", .object([("text", .string(rule.title[language]))])),
            ("fullDescription", .object([("text", .string(rule.rationale[language]))])),
            ("help", .object([("text", .string(text)), ("markdown", .string(markdown))])),
        ]
        if let helpURI { members.append(("helpUri", .string(helpURI))) }
        let level = rule.conclusion == .prohibited ? "error" : rule.conclusion == .needsAssessment ? "warning" : "note"
        members.append(("defaultConfiguration", .object([("level", .string(level))])))
        members.append(("properties", .object([
            ("tags", .strings(["competition-law", group.id])),
            ("group", .string(group.id)),
            ("version", .string(rule.version)),
        ])))
        return .object(members)
    }

    func uncoveredDescriptor(_ language: Language) -> JSONValue {
        let title = language == .nl ? "Geen regel dekt deze activiteit" : "No rule covers this activity"
        let text = language == .nl
            ? "Geen enkele regel is op de activiteit van toepassing; Waarborg verklaart een activiteit nooit toegestaan zonder regel die dat zegt. Laat haar beoordelen."
            : "No rule applies to the activity; Waarborg never declares an activity allowed without a rule that says so. Have it assessed."
        return .object([
            ("id", .string(SARIFRenderer.uncoveredRuleID)),
            ("name", .string("NoRuleCoversTheActivity")),
            ("shortDescription", .object([("text", .string(title))])),
            ("fullDescription", .object([("text", .string(text))])),
            ("help", .object([("text", .string(text)), ("markdown", .string("**\(title)**\n\n\(text)"))])),
            ("defaultConfiguration", .object([("level", .string("warning"))])),
            ("properties", .object([("tags", .strings(["competition-law", "coverage"]))])),
        ])
    }

    /// A SARIF-friendly relative URI for a path: forward slashes, spaces and the like
    /// percent-encoded; an absolute path becomes a `file://` URI.
    static func uri(_ path: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")
        var encoded = ""
        for byte in path.replacingOccurrences(of: "\\", with: "/").utf8 {
            let character = Character(UnicodeScalar(byte))
            if byte < 0x80, allowed.contains(character) {
                encoded.append(character)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        if encoded.hasPrefix("./") { encoded.removeFirst(2) }
        return encoded.hasPrefix("/") ? "file://" + encoded : encoded
    }

    /// The first absolute http(s) URL in a source's `url` field, if it is a plain one.
    static func absoluteURL(_ text: String) -> String? {
        for part in text.split(whereSeparator: { $0 == " " || $0 == ";" }) {
            let candidate = String(part)
            if candidate.hasPrefix("https://") || candidate.hasPrefix("http://"),
                candidate.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "\"" && $0 != "<" && $0 != ">" })
            {
                return candidate
            }
        }
        return nil
    }

    /// "Aggregated historic benchmark" → "AggregatedHistoricBenchmark".
    static func pascalCase(_ text: String) -> String {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { word in
            word.prefix(1).uppercased() + word.dropFirst()
        }.joined().filter(\.isASCII)
    }
}
