import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// The full trace of an evaluation, for a lawyer who asks "why this verdict, and why not
/// allowed?": every rule considered (by id), every test with the fact's value and where
/// the plan states it, the exceptions that did and did not apply, the parameter versions,
/// and how the worst-verdict combination reached the activity's and the plan's verdict.
public struct ExplainRenderer {
    public let ruleSet: RuleSet
    public let language: Language

    public init(ruleSet: RuleSet, language: Language) {
        self.ruleSet = ruleSet
        self.language = language
    }

    private var nl: Bool { language == .nl }
    private func pick(_ dutch: String, _ english: String) -> String { nl ? dutch : english }
    private var vocabulary: Vocabulary { ruleSet.vocabulary }

    private func truth(_ truth: Truth) -> String {
        switch truth {
        case .yes: pick("voldaan", "held")
        case .no: pick("niet voldaan", "failed")
        case .unknown: pick("onbekend", "unknown")
        }
    }

    private func status(_ trace: RuleTrace) -> String {
        switch trace.status {
        case .notInForce: return pick("niet van kracht op deze datum", "not in force on this date")
        case .notApplicable: return pick("niet van toepassing", "does not apply")
        case .applies: return pick("van toepassing", "applies")
        case .mayApply: return pick("misschien van toepassing (hangt af van onbekende gegevens)", "may apply (depends on unknown facts)")
        }
    }

    private func determination(_ determination: Determination) -> String {
        switch determination {
        case .decided: pick("beslist", "decided")
        case .undetermined: pick("onbeslist: hangt af van onbekende gegevens", "undetermined: depends on unknown facts")
        case .conflict: pick("tegenstrijdige regels", "conflicting rules")
        case .uncovered: pick("geen regel van toepassing", "no rule applies")
        }
    }

    private func contribution(_ trace: RuleTrace) -> String? {
        guard let lowest = trace.lowest, let highest = trace.highest else { return nil }
        return lowest == highest ? lowest.label(language) : "\(lowest.label(language)) … \(highest.label(language))"
    }

    func testLine(_ test: TestTrace, indent: String) -> String {
        let text = TraceJSON(ruleSet: ruleSet).text(of: test.range)
        // Under `not`, show the test as the condition reads and with its effective result.
        var line = "\(indent)[\(truth(test.negated ? !test.result : test.result))] \(test.negated ? "not " : "")\(text)"
        if let fact = test.fact {
            let definition = vocabulary.facts[fact]
            if let observed = test.observed {
                line += " — \(definition.id) = \(vocabulary.render(observed.value, type: definition.type, language: language))"
                switch observed.origin {
                case .stated(let range): line += " (" + pick("vermeld op", "stated at") + " \(range.location))"
                case .derived(let note): line += " (" + pick("afgeleid", "derived") + ": \(Phrases(language: language).derivation(note)))"
                case .supposed: break
                }
            } else {
                line += " — " + pick("\(definition.id) is niet vermeld in het plan", "\(definition.id) is not stated in the plan")
            }
        } else if !test.missingSafeguards.isEmpty {
            line += " — " + pick("ontbreekt", "missing") + ": " + test.missingSafeguards.map { vocabulary.safeguards[$0].id }.joined(separator: ", ")
        }
        if let use = test.parameter {
            let parameter = ruleSet.parameters[use.parameter]
            if let index = use.version {
                let version = parameter.versions[index]
                var validity: [String] = []
                if let from = version.from { validity.append(pick("sinds", "since") + " \(from)") }
                if let until = version.until { validity.append(pick("tot", "until") + " \(until)") }
                validity.append(version.citation.display(language))
                line += "; \(parameter.id) = \(vocabulary.render(version.value, type: parameter.type, language: language)) (\(validity.joined(separator: ", ")))"
            } else {
                line += "; \(parameter.id): " + pick("geen waarde van kracht", "no value in force")
            }
        }
        return line
    }

    /// The trace of an assessed plan (its context must keep the traces), or of one activity.
    public func text(_ assessment: PlanAssessment, only activityID: String?) -> String {
        let evaluation = assessment.evaluation
        var lines: [String] = []
        lines.append("\(evaluation.plan.name) (\(evaluation.plan.file.path)), " + pick("beoordeeld per", "assessed as of") + " \(evaluation.asOf)")
        lines.append(pick("Regels", "Rules") + ": " + RulesUsed(ruleSet).text(language))
        for (activity, detail) in zip(evaluation.activities, assessment.details) where activityID == nil || activity.activity.id == activityID {
            lines.append("")
            lines += explain(activity, traces: detail.traces)
        }
        lines.append("")
        let worst = evaluation.activities.filter { $0.verdict == evaluation.verdict }.map(\.activity.id)
        lines.append(pick("Oordeel over het plan", "Verdict on the plan") + ": \(evaluation.verdict.label(language)) — "
            + pick("het zwaarste oordeel van de activiteiten", "the worst verdict of its activities")
            + " (\(worst.joined(separator: ", ")))")
        return lines.joined(separator: "\n") + "\n"
    }

    func explain(_ evaluation: ActivityEvaluation, traces: [RuleTrace]) -> [String] {
        let activity = evaluation.activity
        var lines: [String] = []
        let kind = vocabulary.activityKinds[activity.kind]
        lines.append(pick("Activiteit", "Activity") + " \(activity.id)" + (activity.title.map { " — \($0)" } ?? "") + " (\(kind.label[language]))")
        lines.append("  " + (activity.clause.map { $0 + ", " } ?? "") + "\(activity.range.location)")
        lines.append("  " + pick("Oordeel", "Verdict") + ": \(evaluation.verdict.label(language)) (\(determination(evaluation.determination)))")
        let safeguards = activity.safeguards.members.map { vocabulary.safeguards[$0].id }
        lines.append("  " + pick("Waarborgen aanwezig", "Safeguards in place") + ": " + (safeguards.isEmpty ? pick("geen", "none") : safeguards.joined(separator: ", ")))
        lines.append("  " + pick("Overwogen regels, op id", "Rules considered, by id") + " (\(traces.count)):")
        for trace in traces {
            let rule = ruleSet.rules[trace.rule]
            let group = vocabulary.groups[rule.group].id
            var head = "  - \(rule.id) \(rule.title[language]) [\(group)]: \(status(trace))"
            if trace.status == .applies || trace.status == .mayApply, let contribution = contribution(trace) {
                head += " → \(contribution)"
            }
            lines.append(head)
            if let condition = trace.condition {
                lines.append("      " + pick("wanneer", "when") + ": \(truth(condition.result))")
                lines += condition.tests.map { testLine($0, indent: "        ") }
            }
            for exception in trace.exceptions {
                let definition = rule.exceptions[exception.exception]
                let applied = trace.heldExceptions.contains(exception.exception)
                // An exception to an exception stands under it, two spaces further in.
                let indent = String(repeating: "  ", count: rule.exceptionDepth(exception.exception) - 1)
                lines.append("      " + indent + pick("tenzij", "unless") + " \(rule.exceptionPath(exception.exception)) → \(definition.conclusion.label(language)): \(truth(exception.condition.result))"
                    + (applied ? " — " + pick("deze uitzondering geldt", "this exception applies") : ""))
                lines += exception.condition.tests.map { testLine($0, indent: "        " + indent) }
            }
            if !trace.overriddenBy.isEmpty {
                let by = trace.overriddenBy.map { ruleSet.rules[$0].id }.sorted().joined(separator: ", ")
                // An overrider that may apply but would lower the verdict does not count until
                // its facts are stated (burden of proof): the trace says so rather than "failed".
                let state = trace.overridden == .no
                    ? pick("zou lager uitkomen; telt pas mee als de feiten zijn opgegeven", "would lower the verdict; counts only once its facts are stated")
                    : truth(trace.overridden)
                lines.append("      " + pick("opzijgezet door", "overridden by") + " \(by) (\(state))")
            }
            if !trace.conflictsWith.isEmpty {
                lines.append("      " + pick("in strijd met", "conflicts with") + " " + trace.conflictsWith.map { ruleSet.rules[$0].id }.sorted().joined(separator: ", "))
            }
        }
        for note in evaluation.notes {
            let rule = ruleSet.rules[note.rule]
            lines.append("  " + pick("Let op", "Note") + " (\(rule.id)\(note.applies == .yes ? "" : ", " + pick("mogelijk", "may apply"))): \(rule.rationale[language])")
        }
        lines += combination(evaluation, traces: traces).map { "  " + $0 }
        return lines
    }

    /// How the contributions combine, and why the verdict is not `allowed`.
    func combination(_ evaluation: ActivityEvaluation, traces: [RuleTrace]) -> [String] {
        var lines: [String] = [pick("Combinatie: het zwaarste oordeel van de regels die van toepassing zijn, geldt.", "Combination: the worst verdict of the rules that apply wins.")]
        let contributing = traces.filter(\.contributes)
        if contributing.isEmpty {
            lines.append("  " + pick("Geen regel is van toepassing, dus: nadere beoordeling nodig.", "No rule applies, so: needs assessment."))
        }
        for trace in contributing {
            let rule = ruleSet.rules[trace.rule]
            let certain = trace.isDefinite || (trace.status == .applies && trace.overridden == .no)
            lines.append("  \(rule.id): \(contribution(trace) ?? "-")" + (certain ? "" : " (" + pick("onzeker", "uncertain") + ")"))
        }
        if evaluation.lowest != evaluation.highest {
            lines.append("  " + pick("Mogelijke uitkomsten", "Possible outcomes") + ": \(evaluation.lowest.label(language)) … \(evaluation.highest.label(language)); "
                + pick("zolang dat open is: nadere beoordeling nodig", "while that is open: needs assessment"))
        }
        lines.append("  → \(evaluation.verdict.label(language))")
        if evaluation.verdict != .allowed {
            lines.append(pick("Waarom niet toegestaan?", "Why not allowed?"))
            for reason in whyNotAllowed(evaluation, traces: traces) { lines.append("  - " + reason) }
        }
        return lines
    }

    func whyNotAllowed(_ evaluation: ActivityEvaluation, traces: [RuleTrace]) -> [String] {
        var reasons: [String] = []
        if evaluation.determination == .uncovered {
            reasons.append(pick("geen enkele regel zegt dat deze activiteit is toegestaan", "no rule says this activity is allowed"))
        }
        for trace in traces where trace.contributes && (trace.highest ?? .allowed) > .allowed {
            let rule = ruleSet.rules[trace.rule]
            var text = "\(rule.id) → \(contribution(trace) ?? "")"
            let missing = trace.exceptions
                .filter { rule.exceptions[$0.exception].conclusion < (trace.highest ?? .prohibited) && $0.condition.result != .yes }
                .map { exception -> String in
                    let failing = exception.condition.tests.filter { $0.result != .yes }.map { TraceJSON(ruleSet: ruleSet).text(of: $0.range) }
                    return pick("tenzij", "unless") + " \(rule.exceptionPath(exception.exception)) (\(rule.exceptions[exception.exception].conclusion.label(language))) "
                        + pick("vereist nog", "still needs") + ": " + failing.joined(separator: "; ")
                }
            if !missing.isEmpty { text += "; " + missing.joined(separator: "; ") }
            if trace.status == .mayApply {
                var unknown: [String] = []
                for fact in trace.condition?.unknownFacts ?? [] where !unknown.contains(vocabulary.facts[fact].id) {
                    unknown.append(vocabulary.facts[fact].id)
                }
                text += "; " + pick("hangt af van", "depends on") + " " + unknown.joined(separator: ", ")
            }
            reasons.append(text)
        }
        return reasons
    }

    public func json(_ assessment: PlanAssessment, only activityID: String?, toolVersion: String) -> String {
        let evaluation = assessment.evaluation
        let traceJSON = TraceJSON(ruleSet: ruleSet, language: language)
        let activities = assessment.activities.filter { activityID == nil || $0.evaluation.activity.id == activityID }
        return JSONValue.object([
            ("schema_version", .string(JSONRenderer.schemaVersion)),
            ("tool", .object([("name", .string("waarborg")), ("version", .string(toolVersion))])),
            ("language", .string(language.rawValue)),
            ("as_of", .string(evaluation.asOf.description)),
            ("ruleset", RulesUsed(ruleSet).json),
            ("plan", .object([
                ("file", .string(evaluation.plan.file.path)), ("name", .string(evaluation.plan.name)),
                ("verdict", .string(evaluation.verdict.id)),
                ("worst_activities", .strings(evaluation.activities.filter { $0.verdict == evaluation.verdict }.map(\.activity.id))),
            ])),
            ("activities", .array(activities.map { assessed in
                let activity = assessed.evaluation
                let traces = assessed.detail.traces
                return .object([
                    ("id", .string(activity.activity.id)),
                    ("clause", .optional(activity.activity.clause)),
                    ("location", JSONRenderer.location(activity.activity.range.location)),
                    ("verdict", .string(activity.verdict.id)),
                    ("determination", .string(activity.determination.rawValue)),
                    ("lowest", .string(activity.lowest.id)),
                    ("highest", .string(activity.highest.id)),
                    ("safeguards", .strings(activity.activity.safeguards.members.map { vocabulary.safeguards[$0].id })),
                    ("deciding", .strings(activity.deciding.map { ruleSet.rules[$0].id })),
                    ("why_not_allowed", .strings(activity.verdict == .allowed ? [] : whyNotAllowed(activity, traces: traces))),
                    ("trace", traceJSON.traces(traces)),
                ])
            })),
        ]).rendered()
    }
}
