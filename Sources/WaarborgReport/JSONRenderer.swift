import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// Renders a check report as JSON: always an array with one document per plan, so a
/// consumer reads one shape whatever the number of plans. The schema is documented in
/// `docs/json-output.md` and printed by `waarborg schema report`; `reportSchemaVersion`
/// changes when a field is removed or changes meaning (3.0: the array for one plan too; 3.1 adds the rules' digest).
public struct JSONRenderer {
    /// The version of the other JSON outputs (`questions`, `explain`, `lint`).
    public static let schemaVersion = "2.0"
    /// The version of the check report.
    public static let reportSchemaVersion = "3.1"

    public let toolVersion: String
    /// Whether every activity carries the engine's full trace (`check --trace`). It is
    /// most of the output's size (about 25 KB per activity), and `explain --format json`
    /// gives it for one activity, so by default it is left out.
    public let includesTrace: Bool

    public init(toolVersion: String, includesTrace: Bool = false) {
        self.toolVersion = toolVersion
        self.includesTrace = includesTrace
    }

    /// One plan's report: an array of its one document.
    public func render(_ report: CheckReport, baseline: Baseline? = nil) -> String {
        render([report], baseline: baseline)
    }

    /// The report: an array of the plans' documents.
    public func render(_ reports: [CheckReport], baseline: Baseline? = nil) -> String {
        JSONValue.array(reports.map { document($0, baseline: baseline) }).rendered()
    }

    public func document(_ report: CheckReport, baseline: Baseline? = nil) -> JSONValue {
        let statuses = baseline?.statuses(report) ?? [:]
        let shown = report.activities.filter { statuses[$0.fingerprint] != .unchanged }
        var top: [(String, JSONValue)] = [
            ("schema_version", .string(JSONRenderer.reportSchemaVersion)),
            ("tool", .object([("name", .string("waarborg")), ("version", .string(toolVersion))])),
            ("language", .string(report.language.rawValue)),
            ("as_of", .string(report.asOf.description)),
            ("ruleset", report.rulesUsed.json),
            ("plan", .object([
                ("file", .string(report.planFile)), ("name", .string(report.planName)),
                ("date", .string(report.planDate.description)), ("region", .optional(report.region)),
                ("verdict", .string(report.verdict.id)),
                ("unwaived_verdict", .string(report.unwaivedVerdict.id)),
            ])),
            ("summary", .object(report.counts.map { ($0.0.id, JSONValue.int($0.1)) })),
        ]
        if let baseline {
            top.append(("baseline", .object([
                ("file", .string(baseline.file)),
                ("unchanged", .int(report.activities.count - shown.count)),
            ])))
        }
        top.append(("activities", .array(shown.map { activity in
            var value = self.activity(activity, report: report)
            if let status = statuses[activity.fingerprint], case .object(var fields) = value {
                fields.insert(("baseline_status", .string(status.rawValue)), at: 2)
                value = .object(fields)
            }
            return value
        })))
        top.append(("diagnostics", JSONRenderer.diagnostics(report.diagnostics, language: report.language)))
        return .object(top)
    }

    public static func location(_ location: SourceLocation) -> JSONValue {
        .object([("file", .string(location.file)), ("line", .int(location.line)), ("column", .int(location.column))])
    }

    public static func diagnostics(_ diagnostics: [Diagnostic], language: Language) -> JSONValue {
        .array(diagnostics.sortedForOutput().map { diagnostic in
            var members: [(String, JSONValue)] = [
                ("severity", .string(diagnostic.severity.rawValue)), ("code", .string(diagnostic.code)),
                ("message", .string(diagnostic.text[language])),
            ]
            members.append(("location", diagnostic.location.map(location) ?? .null))
            members.append(("suggestion", .optional(diagnostic.suggestion)))
            members.append(("notes", .array(diagnostic.notes.map { note in
                .object([("message", .string(note.text[language])), ("location", note.range.map { location($0.location) } ?? .null)])
            })))
            return .object(members)
        })
    }

    private func source(_ source: SourceReference) -> JSONValue {
        .object([
            ("id", .string(source.id)), ("pinpoint", .string(source.pinpoint)), ("title", .string(source.title)),
            ("url", .optional(source.url)), ("status", .string(source.status)),
        ])
    }

    private func safeguards(_ list: [SafeguardReport]) -> JSONValue { .strings(list.map(\.id)) }

    private func activity(_ activity: ActivityReport, report: CheckReport) -> JSONValue {
        .object([
            ("id", .string(activity.id)),
            ("fingerprint", .string(activity.fingerprint)),
            ("title", .optional(activity.title)),
            ("clause", .optional(activity.clause)),
            ("kind", .string(activity.kind)),
            ("verdict", .string(activity.verdict.id)),
            ("determination", .string(activity.determination.rawValue)),
            ("waived", activity.waivers.isEmpty ? .null : .array(activity.waivers.map { waiver in
                .object([
                    ("rule", .string(waiver.rule)), ("justification", .string(waiver.justification)), ("owner", .string(waiver.owner)),
                    ("expires", .string(waiver.expires.description)), ("location", JSONRenderer.location(waiver.location)),
                ])
            })),
            ("location", JSONRenderer.location(activity.location)),
            ("summary", .string(activity.summary)),
            ("fired", .strings(activity.fired)),
            ("deciding", .strings(activity.deciding)),
            ("reasons", .array(activity.reasons.map { reason in
                .object([
                    ("rule", .string(reason.rule)), ("title", .string(reason.ruleTitle)), ("verdict", .string(reason.verdict.id)),
                    ("exception", reason.exception.map { .int($0 + 1) } ?? .null), ("text", .string(reason.text)),
                    ("sources", .array(reason.sources.map(source))),
                ])
            })),
            ("facts", .array(activity.facts.map { fact in
                .object([
                    ("fact", .string(fact.fact)), ("value", .string(fact.canonical)),
                    ("location", fact.location.map(JSONRenderer.location) ?? .null), ("derived", .optional(fact.derivation)),
                    ("asserted", .bool(fact.asserted)),
                ])
            })),
            ("safeguards", safeguards(activity.safeguardsInPlace)),
            ("required_safeguards", safeguards(activity.requiredSafeguards)),
            ("recommended_safeguards", safeguards(activity.recommendedSafeguards)),
            ("questions", .array(activity.questions.map { question in
                .object([
                    ("fact", .string(question.fact)), ("question", .string(question.question)), ("type", .string(question.type)),
                    ("values", .strings(question.values)), ("rules", .strings(question.rules)),
                    ("unknown_attributes", .strings(question.unknownAttributes)),
                    ("routes", .strings(question.routes)),
                    ("answers", .array(question.answers.map { answer in
                        .object([("answer", .string(answer.answer)), ("verdict", .string(answer.verdict.id))])
                    })),
                ])
            })),
            ("remedies", .array(activity.remedies.map { remedy in
                .object([
                    ("add_safeguards", safeguards(remedy.add)),
                    ("change_facts", .array(remedy.changes.map { change in
                        .object([
                            ("fact", .string(change.fact)), ("change", .string(change.kind)), ("value", .string(change.value)),
                            ("members", .strings(change.members)), ("text", .string(change.text)),
                        ])
                    })),
                    ("reaches", .string(remedy.reaches.id)), ("rules", .strings(remedy.rules)),
                    ("exceptions", .strings(remedy.exceptions)),
                ])
            })),
            ("parameters", .array(activity.parameters.map { parameter in
                .object([
                    ("id", .string(parameter.id)), ("value", .optional(parameter.canonical)),
                    ("from", .optional(parameter.from?.description)), ("until", .optional(parameter.until?.description)),
                    ("source", parameter.source.map(source) ?? .null),
                ])
            })),
            ("notes", .array(activity.notes.map { note in
                .object([
                    ("rule", .string(note.rule)), ("title", .string(note.title)), ("text", .string(note.text)),
                    ("applies", .string(note.certain ? "yes" : "unknown")), ("sources", .array(note.sources.map(source))),
                ])
            })),
        ] + (includesTrace ? [("trace", TraceJSON(ruleSet: report.ruleSet, language: report.language).traces(activity.detail.traces))] : []))
    }
}

/// The engine's trace as JSON: every rule considered, every test with its result.
struct TraceJSON {
    let ruleSet: RuleSet
    var language: Language = .en

    func traces(_ traces: [RuleTrace]) -> JSONValue {
        .array(traces.map { trace in
            let rule = ruleSet.rules[trace.rule]
            return .object([
                ("rule", .string(rule.id)),
                ("status", .string(trace.status.rawValue)),
                ("condition", trace.condition.map(condition) ?? .null),
                ("exceptions", .array(trace.exceptions.map { exception in
                    .object([
                        ("exception", .int(exception.exception + 1)),
                        ("verdict", .string(rule.exceptions[exception.exception].conclusion.id)),
                        ("result", .string(exception.condition.result.id)),
                        ("tests", tests(exception.condition.tests)),
                    ])
                })),
                ("contribution", trace.lowest.map { lowest in
                    .object([("lowest", .string(lowest.id)), ("highest", .string((trace.highest ?? lowest).id))])
                } ?? .null),
                ("overridden", .string(trace.overridden == .yes ? "yes" : trace.overridden == .no ? "no" : "unknown")),
                ("overridden_by", .strings(trace.overriddenBy.map { ruleSet.rules[$0].id }.sorted())),
                ("conflicts_with", .strings(trace.conflictsWith.map { ruleSet.rules[$0].id }.sorted())),
            ])
        })
    }

    func condition(_ trace: ConditionTrace) -> JSONValue {
        .object([("result", .string(trace.result.id)), ("tests", tests(trace.tests))])
    }

    func tests(_ tests: [TestTrace]) -> JSONValue {
        .array(tests.map { test in
            var members: [(String, JSONValue)] = [
                ("test", .string(text(of: test.range))),
                ("location", JSONRenderer.location(test.range.location)),
                ("result", .string(test.result.id)),
                ("negated", .bool(test.negated)),
            ]
            if let fact = test.fact {
                let definition = ruleSet.vocabulary.facts[fact]
                members.append(("fact", .string(definition.id)))
                members.append(("value", test.observed.map { .string(ruleSet.vocabulary.canonical($0.value, type: definition.type)) } ?? .null))
                switch test.observed?.origin {
                case .stated(let range)?: members.append(("stated_at", JSONRenderer.location(range.location)))
                case .derived(let note)?: members.append(("derived", .string(Phrases(language: language).derivation(note))))
                case .supposed?: break
                case nil: break
                }
            } else if !test.rules.isEmpty || test.safeguards.isEmpty && test.kinds.isEmpty {
                members.append(("rules", .strings(test.rules.map { ruleSet.rules[$0].id })))
            } else if !test.kinds.isEmpty {
                members.append(("kinds", .strings(test.kinds.map { ruleSet.vocabulary.activityKinds[$0].id })))
            } else {
                members.append(("safeguards", .strings(test.safeguards.map { ruleSet.vocabulary.safeguards[$0].id })))
                members.append(("missing", .strings(test.missingSafeguards.map { ruleSet.vocabulary.safeguards[$0].id })))
            }
            if let use = test.parameter {
                let parameter = ruleSet.parameters[use.parameter]
                members.append(("parameter", .object([
                    ("id", .string(parameter.id)),
                    ("value", use.version.map { .string(ruleSet.vocabulary.canonical(parameter.versions[$0].value, type: parameter.type)) } ?? .null),
                ])))
            }
            return .object(members)
        })
    }

    /// The test's text as written in the rule file, on one line.
    func text(of range: SourceRange) -> String { range.text }
}
