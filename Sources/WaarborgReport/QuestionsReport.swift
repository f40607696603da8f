import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// The open questions of a plan as a checklist: one item per fact, with the activities
/// it decides, ordered by how many activities' verdicts it decides.
public struct QuestionsReport: Sendable {
    public struct ActivityNeed: Sendable {
        public let id: String
        public let title: String?
        public let clause: String?
        public let location: SourceLocation
        public let verdict: Verdict
        public let rules: [String]
        /// As the plan writes them (`yes`, ids), for JSON.
        public let answers: [(answer: String, verdict: Verdict)]
        /// In the reader's language (`ja`, labels), for the text.
        public let shownAnswers: [(answer: String, verdict: Verdict)]
        public let answersAreRanges: Bool
        public let unknownAttributes: [String]
        /// A question asked for its lowering routes only: the routes and the one verdict.
        public let routes: [String]
        public let routeVerdict: Verdict?
    }

    public struct Item: Sendable {
        public let fact: String
        public let label: String
        public let question: String
        public let type: String
        /// The type in the report's language (the answers file writes `type`'s syntax).
        public let typeLabel: String
        /// How the answers file writes an answer, in the report's language (`ja/nee`).
        public let answerSyntax: String
        public let values: [String]
        public let activities: [ActivityNeed]
        /// Hardcore conduct (XP-01): asked once for the whole plan, answered in its header.
        public var isConduct = false
    }

    public let language: Language
    public let planName: String
    public let planFile: String
    public let asOf: DateValue
    /// The rules the questions come from (the header of every report).
    public let rulesUsed: RulesUsed
    /// The questions about single activities.
    public let items: [Item]
    /// The conduct checklist: hardcore facts that some activity leaves open, asked once for
    /// the whole plan (the questions a lawyer asks at intake), not under every activity.
    public let checklist: [Item]
    public let openActivities: Int

    public init(_ assessment: PlanAssessment) {
        let evaluation = assessment.evaluation
        let ruleSet = assessment.context.ruleSet
        let language = assessment.context.language
        let builder = ReportBuilder(ruleSet: ruleSet, language: language, plan: evaluation.plan)
        var byFact: [String: (first: QuestionReport, needs: [ActivityNeed])] = [:]
        var open = 0
        for (activity, detail) in zip(evaluation.activities, assessment.details) where !activity.questions.isEmpty {
            let questions = detail.questions
            guard !questions.isEmpty else { continue }
            open += 1
            for question in questions {
                let report = builder.question(question)
                let need = ActivityNeed(
                    id: activity.activity.id, title: activity.activity.title, clause: activity.activity.clause, location: activity.activity.range.location,
                    verdict: activity.verdict, rules: report.rules, answers: report.answers, shownAnswers: report.shownAnswers, answersAreRanges: report.answersAreRanges,
                    unknownAttributes: report.unknownAttributes, routes: report.routes, routeVerdict: report.routeVerdict)
                byFact[report.fact, default: (report, [])].needs.append(need)
            }
        }
        let all = byFact.values
            .map { entry -> Item in
                var item = Item(
                    fact: entry.first.fact, label: entry.first.label, question: entry.first.question, type: entry.first.type,
                    typeLabel: entry.first.typeLabel, answerSyntax: entry.first.answerSyntax,
                    values: entry.first.values, activities: entry.needs)
                item.isConduct = ruleSet.vocabulary.factIndex[entry.first.fact].map { ruleSet.vocabulary.facts[$0].isHardcore } ?? false
                return item
            }
            .sorted { $0.activities.count != $1.activities.count ? $0.activities.count > $1.activities.count : $0.fact < $1.fact }
        self.items = all.filter { !$0.isConduct }
        self.checklist = all.filter(\.isConduct).sorted { $0.fact < $1.fact }
        self.language = language
        self.planName = evaluation.plan.name
        self.planFile = evaluation.plan.file.path
        self.asOf = evaluation.asOf
        self.rulesUsed = RulesUsed(ruleSet)
        self.openActivities = open
    }

    public func text() -> String {
        let nl = language == .nl
        var lines: [String] = []
        lines.append((nl ? "Open vragen: " : "Open questions: ") + "\(planName) (\(planFile)), " + (nl ? "beoordeeld per " : "as of ") + asOf.description)
        lines.append((nl ? "Regels: " : "Rules: ") + rulesUsed.text(language))
        if items.isEmpty && checklist.isEmpty {
            lines.append(nl ? "Geen open vragen: geen oordeel hangt af van ontbrekende gegevens." : "No open questions: no verdict depends on missing facts.")
            return lines.joined(separator: "\n") + "\n"
        }
        let count = items.count + checklist.count
        let questions = nl ? (count == 1 ? "1 vraag beslist" : "\(count) vragen beslissen") : (count == 1 ? "1 question decides" : "\(count) questions decide")
        let activities = nl ? (openActivities == 1 ? "1 activiteit" : "\(openActivities) activiteiten") : (openActivities == 1 ? "1 activity" : "\(openActivities) activities")
        lines.append(nl
            ? "\(questions) over \(activities). Beantwoord ze in het plan, of in een antwoordbestand met --answers."
            : "\(questions) \(activities). Answer them in the plan, or in an answers file passed with --answers.")
        if !checklist.isEmpty {
            lines.append("")
            lines.append(nl
                ? "Gedragscheck voor het hele plan (kernbeperkingen; beantwoord ze één keer, in de kop van het plan):"
                : "Conduct checklist for the whole plan (hardcore restrictions; answer them once, in the plan's header):")
            for (number, item) in checklist.enumerated() {
                let ids = item.activities.map(\.id)
                let shown = ids.prefix(6).joined(separator: ", ") + (ids.count > 6 ? (nl ? " en \(ids.count - 6) meer" : " and \(ids.count - 6) more") : "")
                lines.append("[ ] C\(number + 1). \(item.question) (`\(item.fact)`, \(item.typeLabel)) " + (nl ? "— open voor: " : "— open for: ") + shown)
            }
        }
        for (number, item) in items.enumerated() {
            lines.append("")
            var head = "[ ] \(number + 1). \(item.question) (`\(item.fact)`, \(item.typeLabel)"
            if !item.values.isEmpty, item.values.count <= 12, item.type.hasPrefix("one of") { head += ": \(item.values.joined(separator: ", "))" }
            lines.append(head + ")")
            for need in item.activities {
                let leads: [String]
                if let verdict = need.routeVerdict, !need.routes.isEmpty {
                    leads = [Phrases(language: language).routeOnly(verdict, routes: need.routes)]
                } else if need.answersAreRanges {
                    leads = need.shownAnswers.map { "\($0.answer) → \($0.verdict.label(language))" }
                } else {
                    leads = Verdict.allCases.compactMap { verdict in
                        let matching = need.shownAnswers.filter { $0.verdict == verdict }.map(\.answer)
                        return matching.isEmpty ? nil : "\(matching.joined(separator: ", ")) → \(verdict.label(language))"
                    }
                }
                lines.append("    - \(need.id) (" + (need.clause.map { $0 + ", " } ?? "") + "\(need.location)): " + (leads.isEmpty ? need.verdict.label(language) : leads.joined(separator: "; ")))
                if !need.unknownAttributes.isEmpty {
                    lines.append("      " + (nl ? "onbekend in het plan: " : "not stated in the plan: ") + need.unknownAttributes.joined(separator: ", "))
                }
            }
        }
        if !checklist.isEmpty {
            lines.append("")
            lines.append(nl ? "In de kop van het plan (onder `plan \"\(planName)\"`):" : "In the plan's header (under `plan \"\(planName)\"`):")
            for item in checklist {
                lines.append("  # \(item.question) (\(item.typeLabel))")
                lines.append("  \(item.fact) = …")
            }
        }
        guard !items.isEmpty else { return lines.joined(separator: "\n") + "\n" }
        lines.append("")
        lines.append(nl ? "Antwoordbestand (vul in, sla op als antwoorden.wba en geef het mee met --answers):" : "Answers file (fill in, save as answers.wba and pass it with --answers):")
        var byActivity: [(String, [Item])] = []
        for item in items {
            for need in item.activities {
                if let index = byActivity.firstIndex(where: { $0.0 == need.id }) { byActivity[index].1.append(item) } else { byActivity.append((need.id, [item])) }
            }
        }
        for (activity, questions) in byActivity {
            lines.append("activity \(activity)")
            for item in questions {
                lines.append("  # \(item.question) (\(item.answerSyntax))")
                lines.append("  \(item.fact) = …")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json(toolVersion: String) -> String {
        JSONValue.object([
            ("schema_version", .string(JSONRenderer.schemaVersion)),
            ("tool", .object([("name", .string("waarborg")), ("version", .string(toolVersion))])),
            ("language", .string(language.rawValue)),
            ("as_of", .string(asOf.description)),
            ("ruleset", rulesUsed.json),
            ("plan", .object([("file", .string(planFile)), ("name", .string(planName))])),
            ("checklist", .array(checklist.map { item in
                .object([
                    ("fact", .string(item.fact)), ("question", .string(item.question)), ("type", .string(item.type)),
                    ("activities", .strings(item.activities.map(\.id))),
                ])
            })),
            ("questions", .array(items.map { item in
                .object([
                    ("fact", .string(item.fact)), ("question", .string(item.question)), ("type", .string(item.type)),
                    ("values", .strings(item.values)),
                    ("activities", .array(item.activities.map { need in
                        .object([
                            ("id", .string(need.id)), ("clause", .optional(need.clause)), ("location", JSONRenderer.location(need.location)),
                            ("verdict", .string(need.verdict.id)), ("rules", .strings(need.rules)),
                            ("unknown_attributes", .strings(need.unknownAttributes)),
                            ("routes", .strings(need.routes)),
                            ("answers", .array(need.answers.map { .object([("answer", .string($0.answer)), ("verdict", .string($0.verdict.id))]) })),
                        ])
                    })),
                ])
            })),
        ]).rendered()
    }
}
