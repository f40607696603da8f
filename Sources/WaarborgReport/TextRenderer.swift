import WaarborgModel
import WaarborgSyntax

/// How terminal output looks. `plain` is for screen readers, memos and logs: no box
/// drawing and no colour. Colour is only used when the CLI writes to a terminal.
public struct TextStyle: Sendable {
    public var plain: Bool
    public var color: Bool

    public init(plain: Bool, color: Bool) {
        self.plain = plain
        self.color = color && !plain
    }
}

/// Renders a check report for people: per activity the verdict, why, which rules and
/// sources decided it, what it rests on, and what would make it compliant.
public struct TextRenderer {
    public let style: TextStyle

    public init(style: TextStyle) { self.style = style }

    private func paint(_ text: String, _ code: String) -> String {
        style.color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func verdictText(_ verdict: Verdict, _ language: Language) -> String {
        let text = verdict.label(language).uppercased()
        switch verdict {
        case .allowed: return paint(text, "1;32")
        case .allowedWithSafeguards: return paint(text, "1;36")
        case .needsAssessment: return paint(text, "1;33")
        case .prohibited: return paint(text, "1;31")
        }
    }

    public func render(_ report: CheckReport, baseline: Baseline? = nil) -> String {
        let statuses = baseline?.statuses(report) ?? [:]
        let phrases = Phrases(language: report.language)
        var lines = LineWriter()
        lines.append(paint(report.planName, "1") + " (\(report.planFile))")
        var context = ["\(phrases.date) \(report.planDate)"]
        if let region = report.region { context.append("\(phrases.region) \(region)") }
        context.append("\(phrases.asOf) \(report.asOf)")
        lines.append(context.joined(separator: style.plain ? ", " : " · "))
        lines.append("\(phrases.rules): \(report.rulesetName) \(report.rulesetVersion) (\(phrases.ruleCount(report.ruleCount)))")
        var hidden = 0
        for activity in report.activities where activity.waivers.isEmpty {
            if statuses[activity.fingerprint] == .unchanged {
                hidden += 1
                continue
            }
            lines.append("")
            var block = render(activity, report: report, phrases: phrases)
            if let baseline, let status = statuses[activity.fingerprint] {
                let previous = baseline.previousVerdict(plan: report.planName, activity: activity.id).flatMap(Verdict.init(id:))
                block.insert("\(style.plain ? "  " : "│  ")\(phrases.baselineStatus(status, previous: previous?.label(report.language)))", at: 2)
            }
            lines += block
        }
        if let baseline {
            lines.append("")
            lines.append(phrases.hiddenByBaseline(hidden, file: baseline.file))
        }
        let waived = report.activities.filter { !$0.waivers.isEmpty }
        if !waived.isEmpty {
            lines.append("")
            lines.append(paint(phrases.waivedFindings, "1") + ":")
            for activity in waived {
                lines.append("- \(activity.id) (\(activity.location)): \(activity.verdict.label(report.language)) (\(activity.deciding.joined(separator: ", ")))")
                for waiver in activity.waivers {
                    lines.append("  " + phrases.waiver(rule: waiver.rule, owner: waiver.owner, expires: waiver.expires.description) + ": \(waiver.justification)")
                }
            }
        }
        lines.append("")
        lines.append("\(phrases.planVerdict): \(verdictText(report.verdict, report.language))")
        if !waived.isEmpty {
            lines.append("  " + phrases.withoutWaived(report.unwaivedVerdict.label(report.language)))
        }
        lines.append("  " + phrases.activityCount(report.counts))
        lines.append(phrases.notLegalAdvice)
        return lines.text
    }

    /// "To comply": the best one to three remedies, or, where no safeguard helps, that
    /// plainly, with the changes of the activity that would.
    func remedyLines(_ activity: ActivityReport, phrases: Phrases, language: Language) -> [String] {
        func describe(_ remedy: RemedyReport) -> String {
            var parts: [String] = []
            let adjustable = remedy.changes.filter { $0.kind != "set" }
            let factual = remedy.changes.filter { $0.kind == "set" }
            if !adjustable.isEmpty { parts.append(phrases.changeActivity(adjustable.map(\.text).joined(separator: "; "))) }
            if !factual.isEmpty { parts.append(phrases.onlyIfInFact(factual.map(\.text).joined(separator: "; "))) }
            if !remedy.add.isEmpty { parts.append(phrases.add(remedy.add.map(\.label).joined(separator: ", "))) }
            parts.append(phrases.reaches(remedy.reaches.label(language)))
            return parts.joined(separator: "; ") + (remedy.rules.isEmpty ? "" : " (\(remedy.rules.joined(separator: ", ")))")
        }
        let safeguardOnly = activity.remedies.filter { $0.changes.isEmpty }
        if activity.remedies.isEmpty {
            return activity.verdict == .prohibited ? ["\(phrases.toComply): \(phrases.noRemedy)"] : []
        }
        let shown = activity.remedies.prefix(3).map(describe)
        var lines: [String] = []
        if safeguardOnly.isEmpty {
            lines.append("\(phrases.toComply): \(phrases.noSafeguardHelps):")
            lines += shown.map { "  - " + $0 }
        } else if shown.count == 1 {
            lines.append("\(phrases.toComply): \(shown[0])")
        } else {
            lines.append("\(phrases.toComply):")
            lines += shown.map { "  - " + $0 }
        }
        return lines
    }

    func render(_ activity: ActivityReport, report: CheckReport, phrases: Phrases) -> [String] {
        let language = report.language
        var body: [String] = []
        func field(_ label: String, _ value: String) { body.append("\(label): \(value)") }
        field(phrases.verdict, verdictText(activity.verdict, language))
        field(phrases.why, activity.summary)
        if !activity.reasons.isEmpty {
            field(activity.determination == .undetermined ? phrases.mayDecide : phrases.decidedBy, activity.reasons.map { "\($0.rule) \($0.ruleTitle)" }.joined(separator: "; "))
            var sources: [String] = []
            for reason in activity.reasons {
                for source in reason.sources {
                    let text = "\(source.id) \(source.pinpoint)"
                    if !sources.contains(text) { sources.append(text) }
                }
            }
            field(phrases.sources, sources.joined(separator: "; "))
        }
        if !activity.facts.isEmpty {
            field(phrases.basedOn, activity.facts.map { fact in
                var origin = fact.location.map { phrases.stated(at: "\($0.line):\($0.column)") } ?? fact.derivation.map(phrases.derived) ?? ""
                if fact.asserted { origin += "; " + phrases.assertedNotVerified }
                return "\(fact.fact) = \(fact.value) (\(origin))"
            }.joined(separator: "; "))
        }
        if !activity.requiredSafeguards.isEmpty {
            field(phrases.dependsOnSafeguards, activity.requiredSafeguards.map(\.label).joined(separator: ", "))
        }
        if !activity.recommendedSafeguards.isEmpty {
            field(phrases.recommended, activity.recommendedSafeguards.map(\.label).joined(separator: ", "))
        }
        if !activity.parameters.isEmpty {
            field(phrases.parameters, activity.parameters.map { parameter in
                var detail: [String] = []
                if let from = parameter.from { detail.append(phrases.since(from.description)) }
                if let until = parameter.until { detail.append(phrases.until(until.description)) }
                if let source = parameter.source { detail.append("\(source.id) \(source.pinpoint)") }
                return "\(parameter.id) = \(parameter.value)" + (detail.isEmpty ? "" : " (\(detail.joined(separator: "; ")))")
            }.joined(separator: "; "))
        }
        for note in activity.notes {
            field(note.certain ? phrases.note : phrases.mayNote, "\(note.text) (\(note.rule); \(note.sources.map { "\($0.id) \($0.pinpoint)" }.joined(separator: "; ")))")
        }
        if activity.verdict > .allowedWithSafeguards {
            body += remedyLines(activity, phrases: phrases, language: language)
        }
        if !activity.questions.isEmpty {
            body.append("\(phrases.questions):")
            for question in activity.questions {
                var line = "  - \(question.question) (`\(question.fact)`, \(question.type)"
                if !question.values.isEmpty, question.values.count <= 12, question.answers.isEmpty {
                    line += ": \(question.values.joined(separator: ", "))"
                }
                body.append(line + ")")
                let leads = question.answersByVerdict.map { "\($0.answers.joined(separator: ", ")) → \($0.verdict.label(language))" }
                if !leads.isEmpty { body.append("    " + leads.joined(separator: "; ")) }
                if !question.unknownAttributes.isEmpty {
                    body.append("    " + phrases.notStated(question.unknownAttributes.joined(separator: ", ")))
                }
            }
        }

        let location = (activity.clause.map { $0 + ", " } ?? "") + activity.location.description
        let title = activity.title.map { " — \($0)" } ?? ""
        if style.plain {
            var lines = ["\(phrases.activity) \(activity.id)\(title)", "  \(activity.kindLabel), \(location)"]
            lines += body.map { "  " + $0 }
            return lines
        }
        var lines = ["╭─ " + paint(activity.id, "1") + title, "│  \(activity.kindLabel) · \(location)"]
        lines += body.map { "│  " + $0 }
        lines.append("╰─")
        return lines
    }
}

/// The report as it is written: every line followed by a line break, appended to one
/// string, so a plan of thousands of activities is never held as an array of lines and
/// then joined (which took twice the memory of the text).
private struct LineWriter {
    private(set) var text = ""

    mutating func append(_ line: String) {
        text += line
        text += "\n"
    }

    static func += (writer: inout LineWriter, lines: [String]) {
        for line in lines { writer.append(line) }
    }
}
