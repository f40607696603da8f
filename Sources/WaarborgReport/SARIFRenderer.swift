import WaarborgModel
import WaarborgSyntax

/// SARIF 2.1.0 for code scanning (GitHub, GitLab, IDEs), valid against the OASIS schema
/// and within GitHub's documented constraints: every rule once and sorted, string-only
/// tags, no `fixes`, `executionSuccessful` always set, relative artifact URIs, one
/// location per result, and one run per plan with its own `automationDetails.id`, so a
/// plan's alerts are tracked apart from another plan's.
///
/// One result per activity whose verdict is not `allowed`. Prohibited is an `error`, needs
/// assessment a `warning`, allowed with safeguards a `note` (all `kind: fail`, SARIF's
/// default). An activity whose verdict waits for facts the plan does not state is a
/// `review` result (SARIF §3.27.9: the tool lacks the information to decide), which
/// §3.27.10 requires to have level `none`; its rule is `WB-OPEN-QUESTION` and its message
/// names the questions. The region spans the activity's block; the facts that decided it
/// are related locations, linked from the message. With a baseline every result carries
/// `baselineState` (`new`, `unchanged`, `updated`), and a finding of the baseline that is
/// gone is an `absent` result. `partialFingerprints["waarborgFinding/v1"]` is Waarborg's
/// own identity of a finding (GitHub computes its own fingerprints and ignores it).
public struct SARIFRenderer {
    public static let uncoveredRuleID = "WB-UNCOVERED"
    public static let openQuestionRuleID = "WB-OPEN-QUESTION"

    public let toolVersion: String

    public init(toolVersion: String) { self.toolVersion = toolVersion }

    public func render(_ reports: [CheckReport], baseline: Baseline? = nil, language: Language) -> String {
        document(reports, baseline: baseline, language: language).rendered()
    }

    /// The category of a plan's run: `waarborg/` and the plan's file (GitHub reads the part
    /// before the last `/` as the category).
    static func automationID(_ report: CheckReport) -> String { "waarborg/\(uri(report.planFile))/" }

    func document(_ reports: [CheckReport], baseline: Baseline?, language: Language) -> JSONValue {
        .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array(reports.map { run($0, baseline: baseline, language: language) })),
        ])
    }

    func run(_ report: CheckReport, baseline: Baseline?, language: Language) -> JSONValue {
        let ruleSet = report.ruleSet
        let rules = ruleSet.rules.filter { !$0.isNote }.sorted { $0.id < $1.id }
        var ruleIndex: [String: Int] = [:]
        var descriptors: [JSONValue] = []
        for rule in rules {
            ruleIndex[rule.id] = descriptors.count
            descriptors.append(descriptor(rule, ruleSet: ruleSet, language: language))
        }
        ruleIndex[SARIFRenderer.openQuestionRuleID] = descriptors.count
        descriptors.append(openQuestionDescriptor(language))
        ruleIndex[SARIFRenderer.uncoveredRuleID] = descriptors.count
        descriptors.append(uncoveredDescriptor(language))

        let uri = SARIFRenderer.uri(report.planFile)
        let statuses = baseline?.statuses(report) ?? [:]
        var results: [JSONValue] = []
        var present = Set<String>()
        for activity in report.activities where activity.verdict != .allowed {
            present.insert(activity.id)
            var state: String?
            if let baseline, let status = statuses[activity.fingerprint] {
                let before = baseline.previousVerdict(plan: report.planName, activity: activity.id)
                switch status {
                case .new: state = "new"
                // An activity that was allowed had no result: its finding is new.
                case .changed: state = before == Verdict.allowed.id ? "new" : "updated"
                case .unchanged: state = "unchanged"
                }
            }
            results.append(result(activity, report: report, uri: uri, ruleIndex: ruleIndex, baselineState: state))
        }
        if let baseline {
            for gone in baseline.findings(plan: report.planName) where !present.contains(gone.activity) {
                results.append(absent(gone, report: report, uri: uri, ruleIndex: ruleIndex))
            }
        }
        var notifications: [JSONValue] = []
        for diagnostic in report.diagnostics.sortedForOutput() {
            var members: [(String, JSONValue)] = [
                ("level", .string(diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "note")),
                ("message", .object([("text", .string("\(diagnostic.text[language]) [\(diagnostic.code)]"))])),
            ]
            if let location = diagnostic.location {
                members.append(("locations", .array([physical(SARIFRenderer.uri(location.file), start: location, end: nil, index: nil)])))
            }
            notifications.append(.object(members))
        }
        var invocation: [(String, JSONValue)] = [("executionSuccessful", .bool(true))]
        if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }
        return .object([
            ("tool", .object([("driver", .object([
                ("name", .string("Waarborg")),
                ("version", .string(toolVersion)),
                ("semanticVersion", .string(toolVersion)),
                ("rules", .array(descriptors)),
                // The rules used, as every report header says them (`RulesUsed`).
                ("properties", .object([
                    ("ruleset", .string("\(ruleSet.info.name) \(ruleSet.info.version)")),
                    ("rulesetRules", .int(ruleSet.rules.count)), ("rulesetDigest", .string(ruleSet.digest.short)),
                ])),
            ]))])),
            ("automationDetails", .object([
                ("id", .string(SARIFRenderer.automationID(report))),
                ("description", .object([("text", .string(report.planName))])),
            ])),
            ("invocations", .array([.object(invocation)])),
            ("language", .string(language.rawValue)),
            ("columnKind", .string("unicodeCodePoints")),
            ("artifacts", .array([.object([("location", .object([("uri", .string(uri))]))])])),
            ("results", .array(results)),
        ])
    }

    /// Whether the result is a question rather than a finding: the verdict waits for facts.
    static func isReview(_ activity: ActivityReport) -> Bool {
        activity.determination == .undetermined && activity.verdict == .needsAssessment
    }

    /// Square brackets are the link syntax of SARIF messages (§3.11.6): literal ones escaped.
    static func messageText(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
    }

    func result(
        _ activity: ActivityReport, report: CheckReport, uri: String, ruleIndex: [String: Int], baselineState: String?
    ) -> JSONValue {
        let review = SARIFRenderer.isReview(activity)
        let ruleID = review ? SARIFRenderer.openQuestionRuleID : activity.deciding.first ?? SARIFRenderer.uncoveredRuleID
        let level = activity.verdict.sarifLevel(review: review)
        let nl = report.language == .nl
        let clause = activity.clause.map { " (\($0))" } ?? ""
        var message = SARIFRenderer.messageText("\(activity.id)\(clause): \(activity.verdict.label(report.language)). \(activity.summary)")
        if review, !activity.questions.isEmpty {
            message += SARIFRenderer.messageText((nl ? " Open vragen: " : " Open questions: ") + activity.questions.map(\.question).joined(separator: " "))
        }
        if let remedy = activity.remedies.first, activity.verdict > .allowedWithSafeguards {
            let adds = remedy.add.map(\.label).joined(separator: ", ")
            let changes = remedy.changes.map(\.text).joined(separator: "; ")
            let action = [changes, adds].filter { !$0.isEmpty }.joined(separator: "; ")
            message += SARIFRenderer.messageText((nl ? " Om te voldoen: " : " To comply: ") + "\(action) (→ \(remedy.reaches.label(report.language))).")
        }
        var related: [JSONValue] = []
        var links: [String] = []
        for fact in activity.facts {
            guard let location = fact.location else { continue }
            let id = related.count + 1
            let text = "\(fact.label): \(fact.value)"
            related.append(located(physical(SARIFRenderer.uri(location.file), start: location, end: fact.endLocation, index: nil), id: id, message: text))
            links.append("[\(SARIFRenderer.messageText(text))](\(id))")
        }
        if !links.isEmpty { message += (nl ? " Op grond van: " : " Based on: ") + links.joined(separator: "; ") + "." }

        var members: [(String, JSONValue)] = [
            ("ruleId", .string(ruleID)),
            ("ruleIndex", .int(ruleIndex[ruleID] ?? ruleIndex[SARIFRenderer.uncoveredRuleID]!)),
        ]
        if review { members.append(("kind", .string("review"))) }
        members.append(("level", .string(level)))
        members.append(("message", .object([("text", .string(message))])))
        members.append(("locations", .array([physical(uri, start: activity.location, end: activity.endLocation, index: 0)])))
        if !related.isEmpty { members.append(("relatedLocations", .array(related))) }
        members.append(("partialFingerprints", .object([("waarborgFinding/v1", .string(activity.fingerprint))])))
        if !activity.waivers.isEmpty {
            members.append(("suppressions", .array(activity.waivers.map { waiver in
                .object([
                    ("kind", .string("inSource")),
                    ("status", .string("accepted")),
                    ("justification", .string("\(waiver.justification) (\(waiver.owner), " + (nl ? "tot en met" : "until") + " \(waiver.expires))")),
                    ("location", physical(SARIFRenderer.uri(waiver.location.file), start: waiver.location, end: nil, index: nil)),
                ])
            })))
        }
        if let baselineState { members.append(("baselineState", .string(baselineState))) }
        members.append(("properties", .object([
            ("verdict", .string(activity.verdict.id)),
            ("determination", .string(activity.determination.rawValue)),
            ("activity", .string(activity.id)),
            ("activityKind", .string(activity.kind)),
            ("clause", .optional(activity.clause)),
            ("deciding", .strings(activity.deciding)),
            ("tags", .strings(["competition-law", activity.verdict.id])),
        ])))
        return .object(members)
    }

    /// A finding of the baseline that is no longer there: the activity is now allowed, or
    /// gone from the plan (then the result points at the plan's first line).
    func absent(_ gone: Baseline.Finding, report: CheckReport, uri: String, ruleIndex: [String: Int]) -> JSONValue {
        let nl = report.language == .nl
        let current = report.activities.first { $0.id == gone.activity }
        let ruleID = gone.rule.flatMap { ruleIndex[$0] == nil ? nil : $0 } ?? SARIFRenderer.uncoveredRuleID
        let was = Verdict(id: gone.verdict)?.label(report.language) ?? gone.verdict
        let text = current == nil
            ? (nl ? "\(gone.activity): niet meer in het plan (was: \(was))." : "\(gone.activity): no longer in the plan (was: \(was)).")
            : (nl ? "\(gone.activity): geen bevinding meer (was: \(was))." : "\(gone.activity): no longer a finding (was: \(was)).")
        let start = current?.location ?? SourceLocation(file: report.planFile, line: 1, column: 1)
        return .object([
            ("ruleId", .string(ruleID)),
            ("ruleIndex", .int(ruleIndex[ruleID]!)),
            ("kind", .string("pass")),
            ("level", .string("none")),
            ("message", .object([("text", .string(SARIFRenderer.messageText(text)))])),
            ("locations", .array([physical(uri, start: start, end: current?.endLocation, index: 0)])),
            ("partialFingerprints", .object([("waarborgFinding/v1", .string(gone.fingerprint))])),
            ("baselineState", .string("absent")),
            ("properties", .object([("activity", .string(gone.activity)), ("verdict", .string(current?.verdict.id ?? gone.verdict))])),
        ])
    }

    func located(_ location: JSONValue, id: Int, message: String) -> JSONValue {
        guard case .object(let fields) = location else { return location }
        return .object([("id", .int(id))] + fields + [("message", .object([("text", .string(message))]))])
    }

    func physical(_ uri: String, start: SourceLocation, end: SourceLocation?, index: Int?) -> JSONValue {
        var artifact: [(String, JSONValue)] = [("uri", .string(uri))]
        if let index { artifact.append(("index", .int(index))) }
        var region: [(String, JSONValue)] = [("startLine", .int(start.line)), ("startColumn", .int(start.column))]
        if let end, end.line > start.line || end.line == start.line && end.column > start.column {
            region.append(("endLine", .int(end.line)))
            region.append(("endColumn", .int(end.column)))
        }
        return .object([("physicalLocation", .object([
            ("artifactLocation", .object(artifact)),
            ("region", .object(region)),
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
            sources.append("- \(name) \(citation.pinpoint.text(language))" + (document.map { ": \($0.title.text(language))" } ?? ""))
        }
        let sourcesTitle = language == .nl ? "Bronnen" : "Sources"
        var exceptions: [String] = []
        for exception in rule.exceptions {
            exceptions.append("- " + (language == .nl ? "tenzij" : "unless") + " \(rule.exceptionPath(exception.index)) → \(exception.conclusion.label(language)): \(exception.rationale[language])")
        }
        var markdown = "**\(rule.id) \(rule.title[language])** (\(rule.isNote ? "note" : rule.conclusion.label(language)))\n\n\(rule.rationale[language])"
        if !exceptions.isEmpty { markdown += "\n\n" + exceptions.joined(separator: "\n") }
        markdown += "\n\n\(sourcesTitle):\n" + sources.joined(separator: "\n")
        let text = "\(rule.id) \(rule.title[language]): \(rule.rationale[language]) \(sourcesTitle): " + rule.sources.map { $0.display(language) }.joined(separator: "; ")
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

    func openQuestionDescriptor(_ language: Language) -> JSONValue {
        let title = language == .nl ? "Open vraag: het oordeel hangt af van gegevens die het plan niet vermeldt" : "Open question: the verdict depends on facts the plan does not state"
        let text = language == .nl
            ? "De regels die over de activiteit beslissen, toetsen gegevens die het plan niet vermeldt. Waarborg leest onbekend nooit als ja of nee: beantwoord de vragen in het plan of in een antwoordbestand (`waarborg questions`)."
            : "The rules that decide the activity test facts the plan does not state. Waarborg never reads unknown as yes or no: answer the questions in the plan or in an answers file (`waarborg questions`)."
        return .object([
            ("id", .string(SARIFRenderer.openQuestionRuleID)),
            ("name", .string("OpenQuestion")),
            ("shortDescription", .object([("text", .string(title))])),
            ("fullDescription", .object([("text", .string(text))])),
            ("help", .object([("text", .string(text)), ("markdown", .string("**\(title)**\n\n\(text)"))])),
            ("defaultConfiguration", .object([("level", .string("none"))])),
            ("properties", .object([("tags", .strings(["competition-law", "open-question"]))])),
        ])
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
