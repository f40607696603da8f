import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// Builds the safeguards annex from the evaluation a `CheckReport` rests on: the very
/// verdicts `check` prints, arranged as the clauses of an annex to the cooperation
/// agreement. Every fixed text is a phrase of the rule set's `annex` declaration; the
/// obligations are the safeguards' `undertaking` texts and what the parties may do the
/// deciding rules' `permits` texts.
public struct AnnexBuilder {
    let report: CheckReport

    public init(report: CheckReport) {
        self.report = report
    }

    /// The document, or nil with errors when the rule set lacks phrases the annex needs.
    /// Warnings name the safeguards and rules whose annex texts are missing (the annex
    /// then falls back to the safeguard's definition, or to a general permission).
    public func build() -> (document: AnnexDocument?, diagnostics: [Diagnostic]) {
        let missing = AnnexPhrases.missing(in: report.ruleSet)
        guard missing.isEmpty else { return (nil, missing) }
        var assembly = AnnexAssembly(report: report)
        let document = assembly.document()
        return (document, assembly.diagnostics.sortedForOutput())
    }
}

/// One activity: what the report says and what the engine found.
private struct AnnexEntry {
    let report: ActivityReport
    let evaluation: ActivityEvaluation
}

private struct AnnexAssembly {
    let report: CheckReport
    let phrases: AnnexPhrases
    var blocks: [AnnexBlock] = []
    var footnotes: [AnnexText] = []
    /// Source ids cited in the footnotes, for the list of sources.
    var cited: Set<String> = []
    var diagnostics: [Diagnostic] = []
    var warned: Set<String> = []

    init(report: CheckReport) {
        self.report = report
        self.phrases = AnnexPhrases(phrases: report.ruleSet.annexPhrases, language: report.language)
    }

    var ruleSet: RuleSet { report.ruleSet }
    var vocabulary: Vocabulary { ruleSet.vocabulary }
    var plan: Plan { report.evaluation.plan }
    var language: Language { report.language }

    func plain(_ text: String) -> AnnexText { AnnexText(.text(text)) }

    // MARK: The document

    mutating func document() -> AnnexDocument {
        let entries = zip(report.activities, report.evaluation.activities).map { AnnexEntry(report: $0, evaluation: $1) }
        let waived = entries.filter { !$0.report.waivers.isEmpty }
        let standing = entries.filter { $0.report.waivers.isEmpty }
        let cleared = standing.filter { $0.report.verdict <= .allowedWithSafeguards }
        let pending = standing.filter { $0.report.verdict == .needsAssessment }
        let excluded = standing.filter { $0.report.verdict == .prohibited }

        // Articles: 1 general, then each part that has activities, then compliance.
        var next = 2
        func article(_ present: Bool) -> Int? {
            guard present else { return nil }
            defer { next += 1 }
            return next
        }
        let clearedArticle = article(!cleared.isEmpty)
        let pendingArticle = article(!pending.isEmpty)
        let excludedArticle = article(!excluded.isEmpty)
        let waivedArticle = article(!waived.isEmpty)
        let complianceArticle = next

        parties()
        general(entries)
        if let number = clearedArticle {
            part(number, heading: .headingCleared, intro: .clearedIntro)
            for (index, entry) in cleared.enumerated() { clearedActivity(entry, number: [number, index + 1], compliance: complianceArticle) }
        }
        if let number = pendingArticle {
            part(number, heading: .headingPending, intro: .pendingIntro)
            for (index, entry) in pending.enumerated() { pendingActivity(entry, number: [number, index + 1]) }
        }
        if let number = excludedArticle {
            part(number, heading: .headingExcluded, intro: .excludedIntro)
            for (index, entry) in excluded.enumerated() { excludedActivity(entry, number: [number, index + 1]) }
        }
        if let number = waivedArticle {
            part(number, heading: .headingWaived, intro: .waivedIntro)
            for (index, entry) in waived.enumerated() { waivedActivity(entry, number: [number, index + 1], compliance: complianceArticle) }
        }
        compliance(complianceArticle)
        sources()
        signatures()

        let asOf = phrases.date(report.asOf)
        return AnnexDocument(
            language: language,
            title: phrases.text(.title),
            subtitle: phrases.text(.subtitle, ["plan": plan.name]),
            particulars: particulars(),
            body: blocks,
            footnotes: footnotes,
            footer: phrases.text(.footerNote, ["ruleset": ruleSet.info.name, "version": ruleSet.info.version, "as_of": asOf, "digest": ruleSet.digest.short]),
            properties: AnnexProperties(
                title: phrases.text(.title) + " " + phrases.text(.subtitle, ["plan": plan.name]),
                subject: plan.name,
                keywords: "\(ruleSet.info.name) \(ruleSet.info.version) \(ruleSet.digest.short)",
                date: report.asOf),
            notesHeading: phrases.text(.headingNotes),
            footnoteLabel: phrases.pieces(.footnoteLabel),
            backToText: phrases.text(.backToText),
            pageNumber: phrases.pieces(.pageNumber))
    }

    func particulars() -> AnnexTable {
        var rows: [[AnnexText]] = [[plain(phrases.text(.labelCooperation)), plain(plan.name)]]
        if let region = plan.region { rows.append([plain(phrases.text(.labelRegion)), plain(region)]) }
        rows += [
            [plain(phrases.text(.labelPlanFile)), AnnexText(.code(plan.file.path.split(separator: "/").last.map(String.init) ?? plan.file.path))],
            [plain(phrases.text(.labelPlanDate)), plain(phrases.date(plan.date))],
            [plain(phrases.text(.labelAsOf)), plain(phrases.date(report.asOf))],
            [
                plain(phrases.text(.labelRuleset)),
                plain(phrases.text(.rulesetVersion, [
                    "ruleset": ruleSet.info.name, "version": ruleSet.info.version,
                    "date": phrases.date(ruleSet.info.date), "digest": ruleSet.digest.short,
                ])),
            ],
        ]
        return AnnexTable(
            kind: .data, caption: phrases.text(.captionParticulars),
            header: [phrases.text(.columnItem), phrases.text(.columnDetails)], rows: rows, weights: [2, 5], rowHeaders: true)
    }

    mutating func parties() {
        blocks.append(.heading(AnnexHeading(level: 1, number: nil, text: phrases.text(.headingParties), anchor: "parties")))
        blocks.append(.paragraph(plain(phrases.text(.partiesIntro, ["plan": plan.name]))))
        // The capacity in which a party signs: its legal form where the plan gives it
        // ("coöperatie U.A."), else what kind of party it is.
        let rows = plan.parties.map { party in
            let capacity = party.legalForm.map { vocabulary.legalForms[$0].label } ?? vocabulary.partyKinds[party.kind].term.label
            return [plain(party.name), plain(capacity[language]), AnnexText(.code(party.id))]
        }
        blocks.append(.table(AnnexTable(
            kind: .data, caption: phrases.text(.captionParties),
            header: [phrases.text(.columnParty), phrases.text(.columnCapacity), phrases.text(.columnReference)],
            rows: rows, weights: [5, 3, 3], rowHeaders: true)))
    }

    mutating func general(_ entries: [AnnexEntry]) {
        heading([1], .headingGeneral)
        var clause = ClauseCounter(prefix: [1])
        blocks.append(.clause(number: clause.next(), text: plain(phrases.text(.generalScope, ["plan": plan.name]))))
        blocks.append(.clause(number: clause.next(), text: plain(phrases.text(.generalBasis, [
            "ruleset": ruleSet.info.name, "version": ruleSet.info.version, "as_of": phrases.date(report.asOf),
        ]))))
        // The rules applied: those that decided an activity, and the notes shown with one.
        var applied = Set<Int>()
        for entry in entries {
            applied.formUnion(entry.evaluation.deciding)
            applied.formUnion(entry.evaluation.notes.filter { $0.applies == .yes }.map(\.rule))
        }
        let rules = applied.map { ruleSet.rules[$0] }.sorted { $0.id < $1.id }
        if !rules.isEmpty {
            blocks.append(.clause(number: clause.next(), text: plain(phrases.text(.generalRules))))
            blocks.append(.table(AnnexTable(
                kind: .data, caption: phrases.text(.captionRules),
                header: [phrases.text(.columnRule), phrases.text(.columnRuleTitle), phrases.text(.columnVersion)],
                rows: rules.map { [plain($0.id), plain($0.title[language]), plain($0.version)] },
                weights: [2, 8, 2], rowHeaders: true)))
        }
        blocks.append(.clause(number: clause.next(), text: plain(phrases.text(.generalIndependence))))
        blocks.append(.clause(number: clause.next(), text: plain(phrases.text(.generalPrecedence))))
    }

    mutating func part(_ number: Int, heading key: AnnexPhraseKey, intro: AnnexPhraseKey) {
        heading([number], key)
        blocks.append(.paragraph(plain(phrases.text(intro))))
    }

    mutating func heading(_ number: [Int], _ key: AnnexPhraseKey) {
        blocks.append(.heading(AnnexHeading(level: 1, number: number, text: phrases.text(key), anchor: AnnexNumbering.anchor(number))))
    }

    mutating func activityHeading(_ entry: AnnexEntry, number: [Int]) {
        blocks.append(.heading(AnnexHeading(
            level: 2, number: number,
            text: (entry.report.title ?? entry.report.id) + (entry.report.clause.map { " — \($0)" } ?? ""), anchor: AnnexNumbering.anchor(number))))
    }

    // MARK: The parts

    mutating func clearedActivity(_ entry: AnnexEntry, number: [Int], compliance: Int) {
        activityHeading(entry, number: number)
        var clause = ClauseCounter(prefix: number)
        var first = participants(entry)
        first.append(.text(" "))
        first.append(permits(entry))
        blocks.append(.clause(number: clause.next(), text: first))
        safeguards(entry, clause: &clause, compliance: compliance)
        explanation(entry, clause: &clause)
        basis(entry, clause: &clause)
    }

    mutating func pendingActivity(_ entry: AnnexEntry, number: [Int]) {
        activityHeading(entry, number: number)
        var clause = ClauseCounter(prefix: number)
        var first = participants(entry)
        first.append(.text(" " + phrases.text(.pendingStatus, ["verdict": phrases.verdict(entry.report.verdict)])))
        blocks.append(.clause(number: clause.next(), text: first))
        switch entry.report.determination {
        case .undetermined where !entry.report.questions.isEmpty:
            blocks.append(.clause(number: clause.next(), text: plain(phrases.text(.pendingQuestions))))
            blocks.append(.items(zip(entry.report.questions, entry.report.detail.questions).map(question)))
            notes(entry, clause: &clause)
        case .conflict:
            blocks.append(.clause(number: clause.next(), text: plain(phrases.text(.pendingConflict, ["rules": phrases.list(entry.report.deciding)]))))
            notes(entry, clause: &clause)
        case .uncovered:
            blocks.append(.clause(number: clause.next(), text: plain(phrases.text(.pendingUncovered))))
            notes(entry, clause: &clause)
        default:
            explanation(entry, clause: &clause)
        }
        let helped = remedies(entry, clause: &clause)
        if !helped, !entry.report.recommendedSafeguards.isEmpty {
            let labels = entry.report.recommendedSafeguards.map(\.label)
            blocks.append(.clause(number: clause.next(), text: plain(phrases.text(.pendingRecommended, ["safeguards": phrases.list(labels)]))))
        }
        basis(entry, clause: &clause)
    }

    mutating func excludedActivity(_ entry: AnnexEntry, number: [Int]) {
        activityHeading(entry, number: number)
        var clause = ClauseCounter(prefix: number)
        blocks.append(.clause(number: clause.next(), text: participants(entry, phrase: .excludedStatus)))
        var reason = AnnexText(.emphasis(phrases.text(.labelReason) + "."))
        reason.append(.text(" " + entry.report.reasons.map(\.text).joined(separator: " ")))
        blocks.append(.clause(number: clause.next(), text: reason))
        notes(entry, clause: &clause)
        if !entry.report.remedies.contains(where: { !$0.add.isEmpty }) {
            blocks.append(.clause(number: clause.next(), text: plain(phrases.text(.excludedNoSafeguard))))
        }
        _ = remedies(entry, clause: &clause)
        basis(entry, clause: &clause)
    }

    mutating func waivedActivity(_ entry: AnnexEntry, number: [Int], compliance: Int) {
        activityHeading(entry, number: number)
        var clause = ClauseCounter(prefix: number)
        blocks.append(.clause(number: clause.next(), text: participants(entry)))
        var finding = plain(phrases.text(.waivedFinding, ["verdict": phrases.verdict(entry.report.verdict)]))
        if !entry.report.reasons.isEmpty { finding.append(.text(" " + entry.report.reasons.map(\.text).joined(separator: " "))) }
        blocks.append(.clause(number: clause.next(), text: finding))
        for waiver in entry.report.waivers {
            blocks.append(.clause(number: clause.next(), text: plain(phrases.text(.waivedWaiver, [
                "rule": waiver.rule, "owner": waiver.owner, "expires": phrases.date(waiver.expires), "justification": waiver.justification,
            ]))))
        }
        // The risk was accepted for the activity as the plan describes it: the safeguards it
        // has are what the waiver relies on, so they bind like those a verdict depends on.
        var relied = entry.report.requiredSafeguards
        for safeguard in entry.report.safeguardsInPlace where !relied.contains(safeguard) { relied.append(safeguard) }
        safeguards(entry, clause: &clause, compliance: compliance, obligations: relied)
        basis(entry, clause: &clause)
    }

    mutating func compliance(_ number: Int) {
        heading([number], .headingCompliance)
        var clause = ClauseCounter(prefix: [number])
        for key: AnnexPhraseKey in [.complianceOfficer, .complianceOfficerName, .complianceAgendaMinutes, .complianceObjection, .complianceChanges, .complianceReview] {
            blocks.append(.clause(number: clause.next(), text: plain(phrases.text(key, ["blank": "……………………………………"]))))
        }
    }

    mutating func sources() {
        guard !cited.isEmpty else { return }
        blocks.append(.heading(AnnexHeading(level: 1, number: nil, text: phrases.text(.headingSources), anchor: "sources")))
        blocks.append(.paragraph(plain(phrases.text(.sourcesIntro))))
        var items: [AnnexText] = []
        for id in cited.sorted() {
            var item = AnnexText(.strong(id))
            guard let document = ruleSet.sourceIndex[id].map({ ruleSet.sources[$0] }) else {
                items.append(item)
                continue
            }
            var words = " — " + document.title.text(language)
            let particulars = [document.issuer, document.date].compactMap { $0?.text(language) }.filter { !$0.isEmpty }
            if !particulars.isEmpty { words += ". " + particulars.joined(separator: ", ") }
            item.append(.text(words + "."))
            if let url = document.url, !url.isEmpty {
                item.append(.text(" "))
                item.append(.link(url))
            }
            items.append(item)
        }
        blocks.append(.list(items))
    }

    mutating func signatures() {
        blocks.append(.heading(AnnexHeading(level: 1, number: nil, text: phrases.text(.headingSignatures), anchor: "signatures")))
        blocks.append(.paragraph(plain(phrases.text(.signaturesIntro))))
        blocks.append(.table(AnnexTable(
            kind: .signatures, caption: phrases.text(.captionSignatures),
            // Four columns, so that a bold heading such as "Handtekening" and a long party name
            // fit on an A4 page without words broken in the middle.
            header: [
                phrases.text(.columnParty), phrases.text(.columnSignatoryName), phrases.text(.columnPlaceDate),
                phrases.text(.columnSignature),
            ],
            rows: plan.parties.map { [plain($0.name), AnnexText(), AnnexText(), AnnexText()] },
            weights: [4, 4, 3, 4], rowHeaders: true)))
    }

    // MARK: Clauses

    /// "This activity (`id` in the plan) is carried out by A, B and C.", or for an excluded
    /// activity, that it is excluded (it is not carried out).
    func participants(_ entry: AnnexEntry, phrase: AnnexPhraseKey = .activityParticipants) -> AnnexText {
        let names = entry.evaluation.activity.parties.map { plan.parties[$0].name }
        return phrases.rich(phrase, [
            "activity": AnnexText(.code(entry.report.id)), "parties": plain(names.isEmpty ? "—" : phrases.list(names)),
        ])
    }

    /// What the parties may do: the `permits` texts of the deciding rules.
    mutating func permits(_ entry: AnnexEntry) -> AnnexText {
        var texts: [String] = []
        for index in entry.evaluation.deciding {
            let rule = ruleSet.rules[index]
            if let permits = rule.permits {
                if !texts.contains(permits[language]) { texts.append(permits[language]) }
            } else if warned.insert("rule " + rule.id).inserted {
                diagnostics.append(.warning(
                    "WB731",
                    "\(rule.id) has no `permits` text; the annex says only that the parties may carry out the activity as the plan describes it",
                    nl: "\(rule.id) heeft geen `permits`-tekst; de bijlage zegt alleen dat partijen de activiteit mogen uitvoeren zoals het plan die beschrijft",
                    at: rule.range, suggestion: "permits nl \"Partijen mogen …\" en \"The parties may …\""))
            }
        }
        return plain(texts.isEmpty ? phrases.text(.permitsFallback) : withParameters(texts.joined(separator: " ")))
    }

    /// The obligation of a safeguard in words: its `undertaking`, else its definition.
    mutating func undertaking(_ id: String) -> (label: String, text: String) {
        guard let index = vocabulary.safeguardIndex[id] else { return (id, id) }
        let term = vocabulary.safeguards[index]
        if let undertaking = term.undertaking { return (term.label[language], withParameters(undertaking[language])) }
        if warned.insert("safeguard " + id).inserted {
            diagnostics.append(.warning(
                "WB730", "safeguard `\(id)` has no `undertaking`; the annex states its definition as the obligation instead",
                nl: "waarborg `\(id)` heeft geen `undertaking`; de bijlage vermeldt in plaats daarvan de definitie ervan als verplichting",
                at: term.range, suggestion: "undertaking nl \"Partijen …\" en \"The parties …\""))
        }
        return (term.label[language], withParameters(term.definition?[language] ?? term.label[language]))
    }

    /// Parameters in an obligation or permission: `{P-IX-AGE}` reads as the value in force
    /// on the as-of date (`ten minste {P-IX-AGE} maanden` → `ten minste 12 maanden`); a bare
    /// `P-IX-AGE` keeps its name and gains the value (`P-IX-AGE (12)`), so a sentence that
    /// names the parameter still reads right and the parties see the number they undertake.
    /// Without a value in force the text stays as written.
    func withParameters(_ text: String) -> String {
        guard !ruleSet.parameters.isEmpty else { return text }
        func value(_ name: String) -> String? {
            guard let index = ruleSet.parameterIndex[name], let version = ruleSet.parameters[index].version(on: report.asOf) else { return nil }
            return vocabulary.render(version.value, type: ruleSet.parameters[index].type, language: language)
        }
        let characters = Array(text)
        func isNameCharacter(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_" || character == "-"
        }
        var result = ""
        var index = 0
        while index < characters.count {
            guard isNameCharacter(characters[index]) else {
                result.append(characters[index])
                index += 1
                continue
            }
            var end = index
            while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
            let word = String(characters[index..<end])
            let braced = index > 0 && characters[index - 1] == "{" && end < characters.count && characters[end] == "}"
            if let value = value(word) {
                if braced {
                    result.removeLast()
                    result += value
                    end += 1
                } else {
                    result += word + " (" + value + ")"
                }
            } else {
                result += word
            }
            index = end
        }
        return result
    }

    mutating func safeguardItem(_ safeguard: SafeguardReport, recommended: Bool) -> AnnexText {
        let (label, text) = undertaking(safeguard.id)
        var heading = label.prefix(1).uppercased() + label.dropFirst()
        if recommended { heading += " (" + phrases.text(.recommendedMark) + ")" }
        var item = AnnexText(.emphasis(heading + "."))
        item.append(.text(" " + text))
        return item
    }

    /// The safeguards the parties undertake: by default those the verdict depends on.
    mutating func safeguards(_ entry: AnnexEntry, clause: inout ClauseCounter, compliance: Int, obligations: [SafeguardReport]? = nil) {
        let required = obligations ?? entry.report.requiredSafeguards
        let recommended = entry.report.recommendedSafeguards.filter { safeguard in !required.contains { $0.id == safeguard.id } }
        if required.isEmpty {
            let article = AnnexText(.reference(String(compliance), anchor: AnnexNumbering.anchor([compliance])))
            blocks.append(.clause(number: clause.next(), text: phrases.rich(.safeguardsNone, ["article": article])))
        } else {
            blocks.append(.clause(number: clause.next(), text: plain(phrases.text(.safeguardsRequired))))
            var items: [AnnexText] = []
            for safeguard in required { items.append(safeguardItem(safeguard, recommended: false)) }
            blocks.append(.items(items))
        }
        if !recommended.isEmpty {
            blocks.append(.clause(number: clause.next(), text: plain(phrases.text(.safeguardsRecommended))))
            var items: [AnnexText] = []
            for safeguard in recommended { items.append(safeguardItem(safeguard, recommended: true)) }
            blocks.append(.items(items))
        }
    }

    /// Why: the deciding rules' rationale; then the notes that apply, each with its sources.
    mutating func explanation(_ entry: AnnexEntry, clause: inout ClauseCounter) {
        let reasons = entry.report.reasons.map(\.text).filter { !$0.isEmpty }
        if !reasons.isEmpty {
            var text = AnnexText(.emphasis(phrases.text(.labelExplanation) + "."))
            text.append(.text(" " + reasons.joined(separator: " ")))
            blocks.append(.clause(number: clause.next(), text: text))
        }
        notes(entry, clause: &clause)
    }

    /// The notes that apply to the activity ("Let op"), each with its sources.
    mutating func notes(_ entry: AnnexEntry, clause: inout ClauseCounter) {
        for note in entry.report.notes where note.certain {
            var text = AnnexText(.emphasis(phrases.text(.labelNote) + "."))
            text.append(.text(" " + note.text))
            for number in cite(note.sources) { text.append(.footnote(number)) }
            blocks.append(.clause(number: clause.next(), text: text))
        }
    }

    /// The rules the assessment rests on, with their sources as footnotes.
    mutating func basis(_ entry: AnnexEntry, clause: inout ClauseCounter) {
        guard !entry.evaluation.deciding.isEmpty else { return }
        let references = entry.evaluation.deciding.map { index in
            let rule = ruleSet.rules[index]
            return phrases.text(.ruleReference, ["rule": rule.id, "title": rule.title[language], "version": rule.version])
        }
        var text = plain(phrases.text(.basis, ["rules": phrases.list(references)]))
        for number in cite(entry.report.reasons.flatMap(\.sources)) { text.append(.footnote(number)) }
        blocks.append(.clause(number: clause.next(), text: text))
    }

    /// New footnotes for the citations (each once), numbered in order of appearance.
    mutating func cite(_ sources: [SourceReference]) -> [Int] {
        var seen = Set<String>()
        var numbers: [Int] = []
        for source in sources where seen.insert(source.id + "\u{0}" + source.pinpoint).inserted {
            footnotes.append(plain(phrases.text(.footnote, ["source": source.id, "pinpoint": source.pinpoint])))
            cited.insert(source.id)
            numbers.append(footnotes.count)
        }
        return numbers
    }

    /// What would lift the verdict: safeguards to add, changes of the activity, or both.
    /// One remedy is one clause: a remedy that needs a change and safeguards names all its
    /// parts in one clause, so no clause reads as if the safeguards alone lifted the verdict.
    /// Returns whether a remedy with safeguards was given.
    mutating func remedies(_ entry: AnnexEntry, clause: inout ClauseCounter) -> Bool {
        var withSafeguards = false
        for remedy in entry.report.remedies {
            let verdict = phrases.verdict(remedy.reaches)
            let safeguards = phrases.list(remedy.add.map(\.label))
            let changes = phrases.list(remedy.changes.map(\.text))
            withSafeguards = withSafeguards || !remedy.add.isEmpty
            let text: String
            switch (remedy.add.isEmpty, remedy.changes.isEmpty) {
            case (false, false): text = phrases.text(.remedyCombined, ["changes": changes, "safeguards": safeguards, "verdict": verdict])
            case (false, true): text = phrases.text(.remedySafeguards, ["safeguards": safeguards, "verdict": verdict])
            case (true, false): text = phrases.text(.remedyChanges, ["changes": changes, "verdict": verdict])
            case (true, true): continue
            }
            blocks.append(.clause(number: clause.next(), text: plain(text)))
        }
        return withSafeguards
    }

    /// An open question with the verdict each answer leads to.
    func question(_ report: QuestionReport, _ question: Question) -> AnnexText {
        let type = vocabulary.facts[question.fact].type
        let ranges = question.outcomes.contains { if case .range = $0.answer { true } else { false } }
        var groups: [(answers: [String], verdict: Verdict)] = []
        if ranges {
            groups = question.outcomes.map { ([answer($0.answer, type: type)], $0.verdict) }
        } else {
            for verdict in Verdict.allCases {
                let answers = question.outcomes.filter { $0.verdict == verdict }.map { answer($0.answer, type: type) }
                if !answers.isEmpty { groups.append((answers, verdict)) }
            }
        }
        var text = plain(report.question)
        if let verdict = report.routeVerdict, !report.routes.isEmpty {
            // Every answer gives the same verdict; the answer opens or closes a lowering route.
            text.append(.text(" (" + phrases.text(.answerRoute, ["verdict": phrases.verdict(verdict), "rules": phrases.list(report.routes)]) + ")"))
        } else if !groups.isEmpty {
            let outcomes = groups.map { group in
                phrases.text(.answerOutcome, ["answer": group.answers.joined(separator: ", "), "verdict": phrases.verdict(group.verdict)])
            }
            text.append(.text(" (" + outcomes.joined(separator: "; ") + ")"))
        }
        if !report.unknownAttributes.isEmpty {
            text.append(.text(" "))
            text.append(phrases.rich(.pendingAttributes, ["attributes": phrases.list(report.unknownAttributes.map { AnnexText(.code($0)) })]))
        }
        return text
    }

    /// An answer in the reader's language: `ja`, a value's label, `≥ 12`, `12–23`.
    func answer(_ answer: Answer, type: ValueType) -> String {
        switch answer {
        case .value(let value):
            switch (value, type) {
            case (.member(let member), .oneOf(let index)):
                return vocabulary.enumerations[index].members[member].label[language]
            case (.members(let set), .setOf(let index)):
                return set.members.map { vocabulary.enumerations[index].members[$0].label[language] }.joined(separator: ", ")
            default:
                return vocabulary.render(value, type: type, language: language)
            }
        case .range(let lower, let upper):
            func show(_ amount: Amount) -> String { vocabulary.render(.amount(amount), type: type, language: language) }
            switch (lower, upper) {
            case let (lower?, upper?): return lower == upper ? show(lower) : "\(show(lower))–\(show(upper))"
            case let (lower?, nil): return "≥ \(show(lower))"
            case let (nil, upper?): return "≤ \(show(upper))"
            case (nil, nil): return phrases.text(.answerAny)
            }
        }
    }
}

/// Numbers the clauses of one article or activity: prefix.1, prefix.2, …
private struct ClauseCounter {
    let prefix: [Int]
    var count = 0

    mutating func next() -> [Int] {
        count += 1
        return prefix + [count]
    }
}
