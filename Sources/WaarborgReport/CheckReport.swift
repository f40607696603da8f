import Foundation
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// A cited source, resolved for display.
public struct SourceReference: Sendable, Hashable {
    public let id: String
    public let pinpoint: String
    public let title: String
    public let url: String?
    public let status: String
}

/// One rule's say on an activity, in the chosen language.
public struct ReasonReport: Sendable {
    public let rule: String
    public let ruleTitle: String
    public let verdict: Verdict
    /// The exception (0-based, in rule order) whose conclusion applied, if any.
    public let exception: Int?
    public let text: String
    public let sources: [SourceReference]
}

/// A fact a deciding rule tested, with its value and where it came from.
public struct FactReport: Sendable {
    public let fact: String
    public let label: String
    public let value: String
    public let canonical: String
    public let location: SourceLocation?
    /// Where the statement ends (for SARIF regions).
    public let endLocation: SourceLocation?
    public let derivation: String?
    /// An open norm the plan answers (XP-04): the consortium's assertion, not verified.
    public var asserted = false
}

public struct QuestionReport: Sendable {
    public let fact: String
    public let label: String
    public let question: String
    /// The type as the plan language writes it (`yes/no`, `one of recipients`).
    public let type: String
    /// The type in the report's language (`ja/nee`, `één van: …`).
    public let typeLabel: String
    /// How a plan or answers file writes an answer, in the report's language (`ja/nee`,
    /// `één van: a, b`); the ids stay as the plan writes them.
    public let answerSyntax: String
    /// The values as the plan writes them (ids) and as a reader reads them (labels).
    public let values: [String]
    public let valueLabels: [String]
    public let rules: [String]
    /// Each possible answer (a value, or a range such as "≥ 12") and the verdict it leads to.
    public let answers: [(answer: String, verdict: Verdict)]
    /// The same answers in the report's language (labels instead of ids, `ja` for `yes`).
    public let shownAnswers: [(answer: String, verdict: Verdict)]

    /// Whether the answers are ranges of a number, which read best in their own order.
    public let answersAreRanges: Bool
    /// For a fact derived from the parties: what the plan leaves unknown, as
    /// `party.attribute` (state those in the plan to answer the question).
    public let unknownAttributes: [String]
    /// When every answer leads to the same verdict: the lowering routes (rule ids) an answer
    /// opens or closes, the reason the question is asked. Empty when the answers lead to
    /// different verdicts.
    public let routes: [String]
    /// The verdict every answer leads to, for a question asked for its routes only.
    public let routeVerdict: Verdict?

    /// Answers grouped by the verdict they lead to, best verdict first (ranges: in order).
    public var answersByVerdict: [(verdict: Verdict, answers: [String])] { QuestionReport.byVerdict(answers, ranges: answersAreRanges) }

    /// `answersByVerdict` in the reader's words.
    public var shownAnswersByVerdict: [(verdict: Verdict, answers: [String])] { QuestionReport.byVerdict(shownAnswers, ranges: answersAreRanges) }

    /// Where each answer leads, in the reader's words, one line per verdict; for a question
    /// asked for its lowering routes only, the one line that says so.
    func shownLeads(_ phrases: Phrases, language: Language) -> [String] {
        if let verdict = routeVerdict, !routes.isEmpty { return [phrases.routeOnly(verdict, routes: routes)] }
        return shownAnswersByVerdict.map { "\($0.answers.joined(separator: ", ")) → \($0.verdict.label(language))" }
    }

    static func byVerdict(_ answers: [(answer: String, verdict: Verdict)], ranges: Bool) -> [(verdict: Verdict, answers: [String])] {
        if ranges { return answers.map { ($0.verdict, [$0.answer]) } }
        return Verdict.allCases.compactMap { verdict in
            let matching = answers.filter { $0.verdict == verdict }.map(\.answer)
            return matching.isEmpty ? nil : (verdict, matching)
        }
    }
}

public struct SafeguardReport: Sendable, Hashable {
    public let id: String
    public let label: String
}

/// A fact change of a remedy, in words.
public struct FactChangeReport: Sendable {
    public let fact: String
    public let kind: String
    /// The value the fact would get (canonical form).
    public let value: String
    public let members: [String]
    /// "data_age_months at least 12" in the chosen language.
    public let text: String
}

public struct RemedyReport: Sendable {
    public let add: [SafeguardReport]
    public let changes: [FactChangeReport]
    public let reaches: Verdict
    public let rules: [String]
    /// "IX-03 unless 1": the exceptions that then decide.
    public let exceptions: [String]
}

public struct ParameterReport: Sendable {
    public let id: String
    public let title: String
    public let value: String
    public let canonical: String?
    public let from: DateValue?
    public let until: DateValue?
    public let source: SourceReference?
}

/// A note rule that applies to an activity: information next to the verdict.
public struct NoteReport: Sendable {
    public let rule: String
    public let title: String
    public let text: String
    public let sources: [SourceReference]
    /// False when the note may apply (its condition depends on unknown facts).
    public let certain: Bool
}

/// A waiver that covers an activity's finding.
public struct WaiverReport: Sendable {
    public let rule: String
    public let justification: String
    public let owner: String
    public let expires: DateValue
    public let location: SourceLocation
}

public struct ActivityReport: Sendable {
    public let id: String
    /// Identifies the finding across edits (plan name, activity id and kind, deciding rules).
    public let fingerprint: String
    /// The waivers covering this finding; empty when it stands.
    public let waivers: [WaiverReport]
    public let title: String?
    /// The agreement clause that creates the activity ("art. 5 Benchmarking"), if known.
    public let clause: String?
    public let kind: String
    public let kindLabel: String
    public let verdict: Verdict
    public let determination: Determination
    public let location: SourceLocation
    /// Where the activity's block ends (SARIF regions, GitHub's `endLine`).
    public let endLocation: SourceLocation
    public let fired: [String]
    public let deciding: [String]
    /// One or two sentences: why this verdict.
    public let summary: String
    public let reasons: [ReasonReport]
    public let facts: [FactReport]
    public let questions: [QuestionReport]
    public let safeguardsInPlace: [SafeguardReport]
    public let requiredSafeguards: [SafeguardReport]
    public let recommendedSafeguards: [SafeguardReport]
    public let remedies: [RemedyReport]
    public let parameters: [ParameterReport]
    public let notes: [NoteReport]
    /// The engine's result, kept for renderers that show it.
    public let evaluation: ActivityEvaluation
    /// The full trace, the questions with their outcomes, and the remedies.
    public let detail: ActivityDetail
}

/// Everything a `check` output says, resolved into one language. Every format renders
/// this one value, so text and JSON cannot drift apart.
public struct CheckReport: Sendable {
    public let language: Language
    public let planName: String
    public let planFile: String
    public let planDate: DateValue
    public let region: String?
    public let asOf: DateValue
    public let verdict: Verdict
    /// The worst verdict of the findings that are not waived (what `--fail-level` sees).
    public let unwaivedVerdict: Verdict
    /// The rules used: name, version, count and digest, as the header says them.
    public let rulesUsed: RulesUsed
    public let activities: [ActivityReport]
    public let diagnostics: [Diagnostic]
    public let evaluation: PlanEvaluation
    public let ruleSet: RuleSet

    /// The report of an assessed plan, in its context's language. Unless the context keeps
    /// traces, the activities' `detail` holds no traces (only `JSONRenderer` with
    /// `includesTrace` prints them): a large plan's report is then a fraction of the size.
    public init(_ assessment: PlanAssessment, diagnostics: [Diagnostic]) {
        let evaluation = assessment.evaluation
        let ruleSet = assessment.context.ruleSet
        let language = assessment.context.language
        var builder = ReportBuilder(ruleSet: ruleSet, language: language, plan: evaluation.plan)
        builder.keepsTraces = assessment.context.keepsTraces
        self.language = language
        self.planName = evaluation.plan.name
        self.planFile = evaluation.plan.file.path
        self.planDate = evaluation.plan.date
        self.region = evaluation.plan.region
        self.asOf = evaluation.asOf
        self.verdict = evaluation.verdict
        self.rulesUsed = RulesUsed(ruleSet)
        // Each activity's report is its own: made on every core for a large plan, in order.
        let assessed = assessment.activities
        let planName = evaluation.plan.name
        let shared = builder
        self.activities = ChunkedMap.map(
            count: assessed.count, threshold: TextRenderer.parallelThreshold, chunkSize: TextRenderer.chunkSize, state: { () }
        ) { _, index in
            shared.activity(assessed[index].evaluation, assessed[index].detail, planName: planName)
        }
        self.unwaivedVerdict = evaluation.unwaivedVerdict
        self.diagnostics = diagnostics
        self.evaluation = evaluation
        self.ruleSet = ruleSet
    }

    public var counts: [(Verdict, Int)] {
        // Counted in one pass, without copying the activities (as `filter` would).
        var tally = [Int](repeating: 0, count: Verdict.allCases.count)
        for activity in activities { tally[Verdict.allCases.firstIndex(of: activity.verdict)!] += 1 }
        return Verdict.allCases.indices.map { (Verdict.allCases[$0], tally[$0]) }
    }
}

/// Resolves engine results into the words and places a reader needs.
struct ReportBuilder {
    let ruleSet: RuleSet
    let language: Language
    /// The plan, to name parties in questions about derived facts.
    var plan: Plan? = nil
    /// Whether each activity's report keeps the full trace (see `CheckReport.init`).
    var keepsTraces = true
    var vocabulary: Vocabulary { ruleSet.vocabulary }
    var phrases: Phrases { Phrases(language: language) }

    func source(_ citation: Citation) -> SourceReference {
        let document = ruleSet.sourceIndex[citation.source].map { ruleSet.sources[$0] }
        return SourceReference(
            id: citation.source, pinpoint: citation.pinpoint.text(language), title: document?.title.text(language) ?? citation.source,
            url: document?.url, status: document?.status.rawValue ?? "unverified")
    }

    func safeguard(_ index: Int) -> SafeguardReport {
        SafeguardReport(id: vocabulary.safeguards[index].id, label: vocabulary.safeguards[index].label[language])
    }

    func reason(_ trace: RuleTrace) -> ReasonReport {
        let rule = ruleSet.rules[trace.rule]
        var text = rule.rationale[language]
        var sources = rule.sources
        var exceptionIndex: Int?
        var verdict = trace.highest ?? rule.conclusion
        if let held = rule.innermostException(of: trace.heldExceptions) {
            let exception = rule.exceptions[held]
            text = exception.rationale[language]
            sources = exception.sources + rule.sources
            exceptionIndex = held
            verdict = trace.lowest == trace.highest ? (trace.lowest ?? exception.conclusion) : verdict
        }
        if trace.status == .mayApply { text = phrases.mayApply(text) }
        return ReasonReport(
            rule: rule.id, ruleTitle: rule.title[language], verdict: verdict, exception: exceptionIndex, text: text,
            sources: sources.map(source))
    }

    func activity(_ evaluation: ActivityEvaluation, _ detail: ActivityDetail, planName: String) -> ActivityReport {
        let activity = evaluation.activity
        let kind = vocabulary.activityKinds[activity.kind]
        let deciding = detail.deciding
        let reasons = deciding.map(reason)
        let questions = detail.questions.map(question)

        var summary: String
        switch evaluation.determination {
        case .decided:
            summary = reasons.map(\.text).joined(separator: " ")
        case .undetermined:
            summary = questions.isEmpty ? phrases.undeterminedWithoutFacts : phrases.undetermined(questions.map(\.label))
        case .conflict:
            summary = phrases.conflict(evaluation.deciding.map { ruleSet.rules[$0].id })
        case .uncovered:
            summary = phrases.uncovered
        }
        if summary.isEmpty { summary = phrases.uncovered }

        // The facts the deciding rules looked at, once each, in order of first use.
        var facts: [FactReport] = []
        var seenFacts = Set<Int>()
        for trace in deciding {
            var tests = trace.condition?.tests ?? []
            for exception in trace.exceptions where trace.heldExceptions.contains(exception.exception) { tests += exception.condition.tests }
            for test in tests {
                guard let fact = test.fact, !seenFacts.contains(fact), let observed = test.observed else { continue }
                seenFacts.insert(fact)
                facts.append(factReport(fact, observed))
            }
        }

        // The parameters the deciding rules compared with (every rule's are in the trace).
        var uses: [ParameterUse] = []
        for trace in deciding {
            var tests = trace.condition?.tests ?? []
            for exception in trace.exceptions { tests += exception.condition.tests }
            for test in tests { if let use = test.parameter, !uses.contains(use) { uses.append(use) } }
        }
        let parameters = uses.map(parameter)
        let decidingIDs = evaluation.deciding.map { ruleSet.rules[$0].id }
        return ActivityReport(
            id: activity.id,
            fingerprint: Fingerprint.finding(planName: planName, activity: activity.id, kind: kind.id, rules: decidingIDs),
            waivers: evaluation.waivedBy.map { waiver in
                WaiverReport(
                    rule: ruleSet.rules[waiver.rule].id, justification: waiver.justification, owner: waiver.owner,
                    expires: waiver.expires, location: waiver.range.location)
            },
            title: activity.title, clause: activity.clause, kind: kind.id, kindLabel: kind.label[language], verdict: evaluation.verdict,
            determination: evaluation.determination, location: activity.range.location, endLocation: activity.range.endLocation,
            fired: evaluation.fired.map { ruleSet.rules[$0].id }, deciding: evaluation.deciding.map { ruleSet.rules[$0].id },
            summary: summary, reasons: reasons, facts: facts, questions: questions,
            safeguardsInPlace: activity.safeguards.members.map(safeguard),
            requiredSafeguards: evaluation.requiredSafeguards.map(safeguard),
            // A recommendation already followed is no recommendation.
            recommendedSafeguards: evaluation.recommendedSafeguards.filter { !activity.safeguards.contains($0) }.map(safeguard),
            remedies: detail.remedies.map(remedy),
            parameters: parameters,
            notes: evaluation.notes.map { note in
                let rule = ruleSet.rules[note.rule]
                return NoteReport(
                    rule: rule.id, title: rule.title[language], text: rule.rationale[language], sources: rule.sources.map(source),
                    certain: note.applies == .yes)
            },
            evaluation: evaluation, detail: keepsTraces ? detail : detail.withoutTraces)
    }

    func remedy(_ remedy: Remedy) -> RemedyReport {
        RemedyReport(
            add: remedy.addSafeguards.map(safeguard), changes: remedy.changeFacts.map(change), reaches: remedy.reaches,
            rules: remedy.rules.map { ruleSet.rules[$0].id },
            exceptions: remedy.exceptions.map { "\(ruleSet.rules[$0.rule].id) unless \(ruleSet.rules[$0.rule].exceptionPath($0.exception))" })
    }

    func change(_ change: FactChange) -> FactChangeReport {
        let definition = vocabulary.facts[change.fact]
        let value = vocabulary.render(change.to, type: definition.type, language: language)
        var members: [String] = []
        if case .setOf(let index) = definition.type {
            members = change.members.members.map { vocabulary.enumerations[index].members[$0].id }
        }
        let memberLabels: String
        if case .setOf(let index) = definition.type {
            memberLabels = change.members.members.map { vocabulary.enumerations[index].members[$0].label[language] }.joined(separator: ", ")
        } else {
            memberLabels = ""
        }
        let text = phrases.change(label: definition.label[language], kind: change.kind, value: value, members: memberLabels)
        return FactChangeReport(
            fact: definition.id, kind: change.kind.rawValue, value: vocabulary.canonical(change.to, type: definition.type),
            members: members, text: text)
    }

    func factReport(_ fact: Int, _ observed: FactValue) -> FactReport {
        let definition = vocabulary.facts[fact]
        var location: SourceLocation?
        var endLocation: SourceLocation?
        var derivation: String?
        switch observed.origin {
        case .stated(let range):
            location = range.location
            endLocation = range.endLocation
        case .derived(let note): derivation = phrases.derivation(note, vocabulary: vocabulary)
        case .supposed: break
        }
        var report = FactReport(
            fact: definition.id, label: definition.label[language],
            value: shown(observed.value, type: definition.type),
            canonical: vocabulary.canonical(observed.value, type: definition.type), location: location, endLocation: endLocation,
            derivation: derivation)
        report.asserted = definition.isOpenNorm
        return report
    }

    /// A value as a reader of this language reads it: `ja`, `€ 1.000`, an option's label
    /// (not its id, which only `explain` and the JSON show).
    func shown(_ value: Value, type: ValueType) -> String {
        switch (value, type) {
        case (.member(let member), .oneOf(let index)): return vocabulary.enumerations[index].members[member].label[language]
        case (.members(let set), .setOf(let index)):
            let labels = set.members.map { vocabulary.enumerations[index].members[$0].label[language] }
            return labels.isEmpty ? phrases.none : labels.joined(separator: ", ")
        default: return vocabulary.render(value, type: type, language: language)
        }
    }

    /// An answer in the reader's words: `ja`, an option's label, `≥ 12`.
    func shownAnswer(_ answer: Answer, type: ValueType) -> String {
        if case .value(let value) = answer { return shown(value, type: type) }
        return self.answer(answer, type: type)
    }

    func question(_ question: Question) -> QuestionReport {
        let definition = vocabulary.facts[question.fact]
        var values: [String] = []
        switch definition.type {
        case .scalar(let scalar) where scalar.storage == .boolean: values = ["yes", "no"]
        case .oneOf(let index), .setOf(let index): values = vocabulary.enumerations[index].members.map(\.id)
        case .scalar: break
        }
        let answers = question.outcomes.map { outcome in (answer(outcome.answer, type: definition.type), outcome.verdict) }
        let shownAnswers = question.outcomes.map { outcome in (shownAnswer(outcome.answer, type: definition.type), outcome.verdict) }
        var valueLabels: [String] = []
        switch definition.type {
        case .scalar(let scalar) where scalar.storage == .boolean: valueLabels = [phrases.yes, phrases.no]
        case .oneOf(let index), .setOf(let index): valueLabels = vocabulary.enumerations[index].members.map { $0.label[language] }
        case .scalar: break
        }
        return QuestionReport(
            fact: definition.id, label: definition.label[language], question: definition.question?[language] ?? definition.label[language],
            type: vocabulary.typeName(definition.type), typeLabel: phrases.typeName(definition.type, vocabulary: vocabulary, language: language),
            answerSyntax: phrases.answerSyntax(definition.type, vocabulary: vocabulary),
            values: values, valueLabels: valueLabels, rules: question.rules.map { ruleSet.rules[$0].id },
            answers: answers, shownAnswers: shownAnswers,
            answersAreRanges: question.outcomes.contains { if case .range = $0.answer { true } else { false } },
            unknownAttributes: question.unknownAttributes.map(unknownAttribute),
            routes: question.routes.map { ruleSet.rules[$0].id }, routeVerdict: question.routeVerdict)
    }

    func unknownAttribute(_ unknown: UnknownAttribute) -> String {
        let party = plan?.parties[unknown.party].id ?? String(unknown.party)
        let attribute = unknown.attribute == UnknownAttribute.competesWith ? "competes_with" : vocabulary.attributes[unknown.attribute].id
        return "\(party).\(attribute)"
    }

    /// An answer as the user would write it: `yes`, `costs`, `≥ 12`, `12–23`.
    func answer(_ answer: Answer, type: ValueType) -> String {
        switch answer {
        case .value(let value):
            return vocabulary.canonical(value, type: type).trimmingCharacters(in: CharacterSet(charactersIn: "{}"))
        case .range(let lower, let upper):
            func show(_ amount: Amount) -> String { vocabulary.canonical(.amount(amount), type: type) }
            switch (lower, upper) {
            case let (lower?, upper?): return lower == upper ? show(lower) : "\(show(lower))–\(show(upper))"
            case let (lower?, nil): return "≥ \(show(lower))"
            case let (nil, upper?): return "≤ \(show(upper))"
            case (nil, nil): return language == .nl ? "elke waarde" : "any value"
            }
        }
    }

    func parameter(_ use: ParameterUse) -> ParameterReport {
        let parameter = ruleSet.parameters[use.parameter]
        guard let index = use.version else {
            return ParameterReport(
                id: parameter.id, title: parameter.title[language], value: language == .nl ? "geen waarde van kracht" : "no value in force",
                canonical: nil, from: nil, until: nil, source: nil)
        }
        let version = parameter.versions[index]
        return ParameterReport(
            id: parameter.id, title: parameter.title[language],
            value: vocabulary.render(version.value, type: parameter.type, language: language),
            canonical: vocabulary.canonical(version.value, type: parameter.type), from: version.from, until: version.until,
            source: source(version.citation))
    }
}
