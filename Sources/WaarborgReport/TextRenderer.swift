import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// How terminal output looks. `plain` is for screen readers, memos and logs: no box
/// drawing and no colour. Colour is only used when the CLI writes to a terminal.
public struct TextStyle: Sendable {
    public var plain: Bool
    public var color: Bool
    /// The columns to wrap at: the terminal's width, 80 when the output is not a terminal.
    public var width: Int
    /// Where the text goes (escaping, and the workflow commands of GitHub Actions).
    public var terminal: TerminalText

    public init(plain: Bool, color: Bool, width: Int = 80, terminal: TerminalText = TerminalText()) {
        self.plain = plain
        self.color = color && !plain
        self.width = width
        self.terminal = terminal
    }
}

/// What the summary across plans says of one plan (kept while the next plans are checked,
/// so it is small).
public struct PlanSummary: Sendable {
    public let name: String
    public let file: String
    public let verdict: Verdict
    public let counts: [(Verdict, Int)]

    public init(_ report: CheckReport) {
        name = report.planName
        file = report.planFile
        verdict = report.verdict
        counts = report.counts
    }
}

/// Renders a check report for people: first the plan's verdict and an overview (one line
/// per activity: verdict, id, title, what to do), then per activity the verdict, why,
/// which rules and sources decided it, what it rests on, and what would make it compliant.
/// Paragraphs wrap at the style's width with a hanging indent.
public struct TextRenderer: Sendable {
    public let style: TextStyle

    public init(style: TextStyle) { self.style = style }

    /// Sections of fewer activities are written on the calling thread.
    static let parallelThreshold = 128
    static let chunkSize = 64

    private func writer() -> TextWriter { TextWriter(width: style.width, color: style.color, terminal: style.terminal) }

    private func verdictSpan(_ verdict: Verdict, _ language: Language) -> TextSpan {
        TextSpan(verdict.label(language).uppercased(), style: verdict.style)
    }

    public func render(_ report: CheckReport, baseline: Baseline? = nil) -> String {
        String(decoding: renderedBytes(report, baseline: baseline), as: UTF8.self)
    }

    /// `render`'s text as UTF-8 bytes, for writing a large report without holding it as a
    /// `String` as well.
    public func renderedBytes(_ report: CheckReport, baseline: Baseline? = nil) -> [UInt8] {
        let statuses = baseline?.statuses(report) ?? [:]
        let phrases = Phrases(language: report.language)
        let language = report.language
        var out = writer()
        out.append(TextParagraph("", hang: "  ", [TextSpan(report.planName, style: "1"), TextSpan(" (\(report.planFile))")]))
        var context = ["\(phrases.date) \(report.planDate)"]
        if let region = report.region { context.append("\(phrases.region) \(region)") }
        context.append("\(phrases.asOf) \(report.asOf)")
        out.append(TextParagraph("", hang: "  ", context.joined(separator: style.plain ? ", " : " · ")))
        out.append(TextParagraph("", hang: "  ", "\(phrases.rules): " + report.rulesUsed.text(language)))

        // Indices, not copies: an activity's report holds dozens of references, and a copy
        // of each for every list below was a measurable share of a large plan's report.
        let activities = report.activities
        let shown = activities.indices.filter { statuses[activities[$0].fingerprint] != .unchanged }
        let waived = shown.filter { !activities[$0].waivers.isEmpty }
        out.blank()
        planVerdict(report, waived: !waived.isEmpty, phrases: phrases, into: &out)

        // The overview: what to do, worst first, before the details.
        if !shown.isEmpty {
            out.blank()
            out.append(TextParagraph("", [TextSpan(phrases.overview, style: "1")]))
            let ordered = shown.sorted { activities[$0].verdict != activities[$1].verdict ? activities[$0].verdict > activities[$1].verdict : $0 < $1 }
            for index in ordered {
                let activity = activities[index]
                var spans = [TextSpan(style.plain ? "- " : ""), verdictSpan(activity.verdict, language), TextSpan(" "), TextSpan(activity.id, style: "1")]
                if let title = activity.title { spans.append(TextSpan(" — " + title)) }
                if !activity.waivers.isEmpty { spans.append(TextSpan(" (\(phrases.waived))")) }
                out.append(TextParagraph("  ", hang: "      ", spans))
                if let todo = todo(activity, phrases: phrases, language: language) {
                    out.append(TextParagraph("      → ", hang: "        ", todo))
                }
            }
        }

        // The activities' sections are independent: written on every core, each into a
        // writer of its own, and joined in order (the same bytes as one after the other).
        let detailed = shown.filter { activities[$0].waivers.isEmpty }
        var sections = ChunkedMap.map(
            count: detailed.count, threshold: Self.parallelThreshold, chunkSize: Self.chunkSize, state: { () }
        ) { _, index in
            let position = detailed[index]
            var section = writer()
            section.blank()
            var extra: [TextParagraph] = []
            if let baseline, let status = statuses[activities[position].fingerprint] {
                let previous = baseline.previousVerdict(plan: report.planName, activity: activities[position].id).flatMap(Verdict.init(id:))
                extra.append(TextParagraph("", Phrases(language: language).baselineStatus(status, previous: previous?.label(language))))
            }
            render(activities[position], report: report, phrases: Phrases(language: language), extra: extra, into: &section)
            return section
        }
        // Each section let go once joined: a large plan's text is held twice at most.
        for index in sections.indices {
            out.append(contentsOf: sections[index])
            sections[index] = writer()
        }
        if let baseline {
            out.blank()
            out.append(TextParagraph("", phrases.hiddenByBaseline(report.activities.count - shown.count, file: baseline.file)))
        }
        if !waived.isEmpty {
            out.blank()
            out.append(TextParagraph("", [TextSpan(phrases.waivedFindings, style: "1"), TextSpan(":")]))
            for activity in waived.map({ activities[$0] }) {
                out.append(TextParagraph("- ", hang: "    ", "\(activity.id) (\(activity.location)): \(activity.verdict.label(language)) (\(activity.deciding.joined(separator: ", ")))"))
                for waiver in activity.waivers {
                    out.append(TextParagraph("  ", hang: "    ", phrases.waiver(rule: waiver.rule, owner: waiver.owner, expires: waiver.expires.description) + ": \(waiver.justification)"))
                }
            }
        }
        out.blank()
        planVerdict(report, waived: !waived.isEmpty, phrases: phrases, into: &out)
        out.append(TextParagraph("", phrases.notLegalAdvice))
        return out.bytes
    }

    private func planVerdict(_ report: CheckReport, waived: Bool, phrases: Phrases, into out: inout TextWriter) {
        out.append(TextParagraph("", [TextSpan("\(phrases.planVerdict): "), verdictSpan(report.verdict, report.language)]))
        if waived { out.append(TextParagraph("  ", hang: "    ", phrases.withoutWaived(report.unwaivedVerdict.label(report.language)))) }
        out.append(TextParagraph("  ", hang: "    ", phrases.activityCount(report.counts)))
    }

    /// The summary after several plans: per plan its verdict and counts, worst first, and
    /// the totals (13 plans are hundreds of lines; this is what a reader looks for first).
    public func summary(_ plans: [PlanSummary], language: Language) -> String {
        let phrases = Phrases(language: language)
        var out = writer()
        var totals = Verdict.allCases.map { ($0, 0) }
        for plan in plans {
            for (index, count) in plan.counts.enumerated() { totals[index].1 += count.1 }
        }
        out.append(TextParagraph("", [TextSpan(phrases.summaryOfPlans(plans.count), style: "1")]))
        out.append(TextParagraph("  ", hang: "    ", phrases.activityCount(totals)))
        let ordered = plans.enumerated().sorted { $0.element.verdict != $1.element.verdict ? $0.element.verdict > $1.element.verdict : $0.offset < $1.offset }
        for (_, plan) in ordered {
            out.append(TextParagraph("  ", hang: "      ", [
                TextSpan(style.plain ? "- " : ""), verdictSpan(plan.verdict, language), TextSpan(" "), TextSpan(plan.name, style: "1"),
                TextSpan(" (\(plan.file)): \(phrases.activityCount(plan.counts))"),
            ]))
        }
        return out.text
    }

    /// What to do about an activity, in a few words: answer the open questions, the best
    /// remedy, keep the safeguards it depends on; nil when it is allowed outright.
    func todo(_ activity: ActivityReport, phrases: Phrases, language: Language) -> String? {
        if activity.determination == .undetermined, !activity.questions.isEmpty {
            return phrases.answer(activity.questions.map(\.label).joined(separator: "; "))
        }
        switch activity.verdict.advice {
        case .nothing: return nil
        case .keepSafeguards:
            return activity.requiredSafeguards.isEmpty ? nil : phrases.keep(activity.requiredSafeguards.map(\.label).joined(separator: ", "))
        case .remedy:
            if let remedy = activity.remedies.first { return describe(remedy, phrases: phrases, language: language) }
            if !activity.questions.isEmpty { return phrases.answer(activity.questions.map(\.label).joined(separator: "; ")) }
            return activity.verdict == .prohibited ? phrases.noRemedy : phrases.haveAssessed
        }
    }

    func describe(_ remedy: RemedyReport, phrases: Phrases, language: Language) -> String {
        var parts: [String] = []
        let adjustable = remedy.changes.filter { $0.kind != "set" }
        let factual = remedy.changes.filter { $0.kind == "set" }
        if !adjustable.isEmpty { parts.append(phrases.changeActivity(adjustable.map(\.text).joined(separator: "; "))) }
        if !factual.isEmpty { parts.append(phrases.onlyIfInFact(factual.map(\.text).joined(separator: "; "))) }
        if !remedy.add.isEmpty { parts.append(phrases.add(remedy.add.map(\.label).joined(separator: ", "))) }
        parts.append(phrases.reaches(remedy.reaches.label(language)))
        return parts.joined(separator: "; ") + (remedy.rules.isEmpty ? "" : " (\(remedy.rules.joined(separator: ", ")))")
    }

    /// "To comply": the best one to three remedies, or, where no safeguard helps, that
    /// plainly, with the changes of the activity that would.
    func remedyParagraphs(_ activity: ActivityReport, phrases: Phrases, language: Language) -> [TextParagraph] {
        let safeguardOnly = activity.remedies.filter { $0.changes.isEmpty }
        if activity.remedies.isEmpty {
            return activity.verdict == .prohibited ? [TextParagraph("", hang: "  ", "\(phrases.toComply): \(phrases.noRemedy)")] : []
        }
        let shown = activity.remedies.prefix(3).map { describe($0, phrases: phrases, language: language) }
        var lines: [TextParagraph] = []
        if safeguardOnly.isEmpty {
            lines.append(TextParagraph("", hang: "  ", "\(phrases.toComply): \(phrases.noSafeguardHelps):"))
            lines += shown.map { TextParagraph("  - ", hang: "    ", $0) }
        } else if shown.count == 1 {
            lines.append(TextParagraph("", hang: "  ", "\(phrases.toComply): \(shown[0])"))
        } else {
            lines.append(TextParagraph("", hang: "  ", "\(phrases.toComply):"))
            lines += shown.map { TextParagraph("  - ", hang: "    ", $0) }
        }
        return lines
    }

    func render(_ activity: ActivityReport, report: CheckReport, phrases: Phrases, extra: [TextParagraph], into out: inout TextWriter) {
        let language = report.language
        var body: [TextParagraph] = extra
        func field(_ label: String, _ value: String) { body.append(TextParagraph("", hang: "  ", "\(label): \(value)")) }
        body.append(TextParagraph("", hang: "  ", [TextSpan("\(phrases.verdict): "), verdictSpan(activity.verdict, language)]))
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
            body.append(TextParagraph("", "\(phrases.basedOn):"))
            for fact in activity.facts {
                var origin = fact.location.map { phrases.stated(at: $0, planFile: report.planFile) } ?? fact.derivation.map(phrases.derived) ?? ""
                if fact.asserted { origin += "; " + phrases.assertedNotVerified }
                body.append(TextParagraph("  - ", hang: "    ", "\(fact.label): \(fact.value) (\(origin))"))
            }
        }
        if !activity.safeguardsInPlace.isEmpty {
            field(phrases.inPlace, activity.safeguardsInPlace.map(\.label).joined(separator: ", "))
        }
        if !activity.requiredSafeguards.isEmpty {
            field(phrases.dependsOnSafeguards, activity.requiredSafeguards.map(\.label).joined(separator: ", "))
        }
        if !activity.recommendedSafeguards.isEmpty {
            field(phrases.recommended, activity.recommendedSafeguards.map(\.label).joined(separator: ", "))
        }
        if !activity.parameters.isEmpty {
            body.append(TextParagraph("", "\(phrases.parameters):"))
            for parameter in activity.parameters {
                var detail: [String] = []
                if let from = parameter.from { detail.append(phrases.since(from.description)) }
                if let until = parameter.until { detail.append(phrases.until(until.description)) }
                if let source = parameter.source { detail.append("\(source.id) \(source.pinpoint)") }
                body.append(TextParagraph("  - ", hang: "    ", "\(parameter.title): \(parameter.value)" + (detail.isEmpty ? "" : " (\(detail.joined(separator: "; ")))")))
            }
        }
        for note in activity.notes {
            field(note.certain ? phrases.note : phrases.mayNote, "\(note.text) (\(note.rule); \(note.sources.map { "\($0.id) \($0.pinpoint)" }.joined(separator: "; ")))")
        }
        if activity.verdict > .allowedWithSafeguards {
            body += remedyParagraphs(activity, phrases: phrases, language: language)
        }
        if !activity.questions.isEmpty {
            body.append(TextParagraph("", "\(phrases.questions):"))
            for question in activity.questions {
                var line = "\(question.question) (\(question.typeLabel)"
                if !question.valueLabels.isEmpty, question.valueLabels.count <= 12, question.answers.isEmpty {
                    line += ": \(question.valueLabels.joined(separator: ", "))"
                }
                body.append(TextParagraph("  - ", hang: "    ", line + ")"))
                let leads = question.shownLeads(phrases, language: language)
                if !leads.isEmpty { body.append(TextParagraph("    ", hang: "      ", leads.joined(separator: "; "))) }
                if !question.unknownAttributes.isEmpty {
                    body.append(TextParagraph("    ", hang: "      ", phrases.notStated(question.unknownAttributes.joined(separator: ", "))))
                }
            }
        }

        let location = (activity.clause.map { $0 + ", " } ?? "") + activity.location.description
        let title = activity.title.map { " — \($0)" } ?? ""
        let gutter = style.plain ? "  " : "│  "
        if style.plain {
            out.append(TextParagraph("", hang: "  ", [TextSpan("\(phrases.activity) "), TextSpan(activity.id, style: "1"), TextSpan(title)]))
            out.append(TextParagraph("  ", hang: "    ", "\(activity.kindLabel), \(location)"))
        } else {
            out.append(TextParagraph("╭─ ", hang: "│  ", [TextSpan(activity.id, style: "1"), TextSpan(title)]))
            out.append(TextParagraph(gutter, hang: gutter + "  ", "\(activity.kindLabel) · \(location)"))
        }
        for paragraph in body {
            out.append(TextParagraph(gutter + paragraph.first, hang: gutter + paragraph.rest, paragraph.spans))
        }
        if !style.plain { out.append(TextParagraph("╰─", [])) }
    }
}
