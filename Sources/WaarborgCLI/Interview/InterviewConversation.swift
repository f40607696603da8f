import Foundation
import WaarborgEngine
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// The conversation of `waarborg interview`: the plan's header, the parties, who
/// competes with whom, and the activities, each followed by its `ActivityDialogue`. It
/// builds a `PlanDraft`; the command checks and writes it. Replies come through an
/// `InterviewIO`, so the same conversation runs at a terminal and from an answers file.
struct InterviewConversation {
    let ruleSet: RuleSet
    let texts: InterviewTexts
    let io: InterviewIO
    /// The plan file's path, for the checker's locations.
    let path: String
    let today: DateValue
    private(set) var draft: PlanDraft
    /// Questions about facts and safeguards asked, and those answered with a value.
    private(set) var asked = 0
    private(set) var answered = 0

    init(ruleSet: RuleSet, texts: InterviewTexts, io: InterviewIO, path: String, today: DateValue, draft: PlanDraft) {
        self.ruleSet = ruleSet
        self.texts = texts
        self.io = io
        self.path = path
        self.today = today
        self.draft = draft
    }

    private var vocabulary: Vocabulary { ruleSet.vocabulary }
    private var reader: ReplyReader { ReplyReader(vocabulary: vocabulary, language: texts.language) }

    mutating func run() throws(InterviewStop) {
        let resuming = !draft.header.isEmpty
        show(texts.welcome)
        if resuming {
            show(texts.resuming(path, activities: draft.activities.count))
        } else {
            try header()
        }
        let existingParties = draft.parties.count
        try parties()
        try competition(existing: existingParties)
        try checklist()
        heading(texts.activitiesTitle)
        for number in draft.activities.indices { try interview(activity: number) }
        try newActivities()
    }

    // MARK: Output

    private func show(_ text: String, indent: String = "") {
        io.show(InterviewLayout.wrap(text, indent: indent, first: indent))
    }

    private func heading(_ title: String) {
        io.show("\n" + title + "\n" + texts.rule(min(title.count, InterviewLayout.width)) + "\n")
    }

    private func list(_ options: [InterviewOption], suffix: (Int) -> String = { _ in "" }) {
        let digits = String(options.map { $0.number ?? 0 }.max().map { max($0, options.count) } ?? options.count).count
        for (index, option) in options.enumerated() {
            let number = String(option.number ?? index + 1)
            let lead = "  " + String(repeating: " ", count: digits - number.count) + number + ". "
            var line = option.label
            if option.id != option.label { line += " (\(option.id))" }
            line += suffix(index)
            io.show(InterviewLayout.wrap(line, indent: String(repeating: " ", count: lead.count), first: lead))
            if let help = option.help, !help.isEmpty {
                io.show(InterviewLayout.wrap(help, indent: String(repeating: " ", count: lead.count + 2), first: String(repeating: " ", count: lead.count + 2)))
            }
        }
    }

    private func missing(_ key: InterviewKey) -> InterviewStop {
        .badAnswers([.error(
            "WB453", "the answers file has no `\(key.names[0])`; add a line `\(key.names[0]) = …`",
            nl: "het antwoordbestand heeft geen `\(key.names[0])`; voeg een regel `\(key.names[0]) = …` toe", at: nil)])
    }

    // MARK: Asking

    /// Free text; nil when left empty (and not required).
    private func text(_ key: InterviewKey, _ question: String, required: Bool) throws(InterviewStop) -> String? {
        while true {
            show(question)
            let reply = try io.ask(key, prompt: "> ")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if !reply.isEmpty { return reply }
            if !required { return nil }
            if io.isScripted { throw missing(key) }
            try io.reject(key) { $0.required }
        }
    }

    /// What is wrong with a reply, in the words of `texts` (the run's, or, for the
    /// diagnostic of an answers file, each language's).
    private func explain(_ problem: ReplyProblem, options: [InterviewOption], in texts: InterviewTexts) -> String {
        switch problem {
        case .noMatch(let text): return texts.noMatch(text)
        case .ambiguous(let text, let found): return texts.ambiguous(text, found.map { "\($0 + 1). \(options[$0].label)" })
        case .notA(let type, let text): return texts.notA(type, text)
        }
    }

    /// One option from a list (required).
    private func choice(_ key: InterviewKey, _ question: String, _ options: [InterviewOption]) throws(InterviewStop) -> Int {
        show(question)
        list(options)
        while true {
            guard let reply = try io.ask(key, prompt: texts.chooseHint + " > "), !reply.isEmpty else {
                if io.isScripted { throw missing(key) }
                try io.reject(key) { $0.required }
                continue
            }
            switch reader.choose(reply, from: options) {
            case .success(let index): return index
            case .failure(let problem): try io.reject(key) { explain(problem, options: options, in: $0) }
            }
        }
    }

    /// Several options; `[]` for none (or an empty reply when `emptyIsNone`), nil for
    /// don't know (when allowed). `extra` options are accepted but not listed.
    private func choices(
        _ key: InterviewKey, _ question: String, _ options: [InterviewOption], extra: [InterviewOption] = [],
        dontKnow: Bool, emptyIsNone: Bool
    ) throws(InterviewStop) -> [Int]? {
        show(question)
        list(options)
        while true {
            let hint = dontKnow ? texts.hint(.setOf(0)) + " > " : "> "
            let reply = try io.ask(key, prompt: hint) ?? ""
            if reply.trimmingCharacters(in: .whitespaces).isEmpty {
                if emptyIsNone { return [] }
                if io.isScripted {
                    if dontKnow { show(texts.noAnswerInFile); return nil }
                    throw missing(key)
                }
                try io.reject(key) { $0.required }
                continue
            }
            if dontKnow, ReplyReader.isDontKnow(reply) { return nil }
            switch reader.chooseMany(reply, from: options + extra) {
            case .success(let chosen): return chosen
            case .failure(let problem): try io.reject(key) { explain(problem, options: options + extra, in: $0) }
            }
        }
    }

    // MARK: Header and parties

    private mutating func header() throws(InterviewStop) {
        heading(texts.headerTitle)
        let name = try text(InterviewKey("plan", "name"), texts.planName, required: true)!
        var date = today.description
        while true {
            let key = InterviewKey("plan", "date")
            guard let typed = try text(key, texts.planDate, required: false) else { break }
            if let parsed = DateValue(iso: typed) {
                date = parsed.description
                break
            }
            try io.reject(key) { $0.notA(.scalar(.date), typed) }
        }
        draft.header = ["plan \(PlanDraft.quote(name))", "  date = \(date)"]
        if let region = try text(InterviewKey("plan", "region"), texts.planRegion, required: false) {
            draft.header.append("  region = \(PlanDraft.quote(region))")
        }
    }

    /// Ids in use, and words a plan gives a meaning of their own.
    private var takenIDs: Set<String> {
        Set(draft.parties.map(\.id) + draft.activities.map(\.id) + ["none", "yes", "no", "plan", "party", "activity", "waiver"])
    }

    private mutating func parties() throws(InterviewStop) {
        heading(texts.partiesTitle)
        let kinds = vocabulary.partyKinds.map { ReplyReader.option($0.term, texts.language) }
        while true {
            let number = draft.parties.count + 1
            guard let name = try text(InterviewKey("party", number: number, "name"), texts.partyName(number), required: false) else { return }
            let id = PlanDraft.identifier(from: name, taken: takenIDs, fallback: "party")
            let kind = try choice(InterviewKey("party", number: number, id: id, "kind"), texts.partyKind(name), kinds)
            var block = PlanDraft.Block(id: id, lines: ["  name = \(PlanDraft.quote(name))", "  kind = \(kinds[kind].id)"])
            if !draft.parties.isEmpty {
                let others = draft.parties.indices.map(partyOption)
                let chosen = try choices(
                    InterviewKey("party", number: number, id: id, "undertaking"), texts.undertaking(name), others, dontKnow: false, emptyIsNone: true) ?? []
                if let first = chosen.first {
                    let other = draft.parties[first]
                    block.set("undertaking", other.value("undertaking") ?? other.id)
                }
            }
            let defaults = vocabulary.partyKinds[kind].defaults
            for attribute in vocabulary.attributes where defaults[attribute.index] == nil {
                // Turnover and market share are asked of every party up front: the thresholds
                // of de minimis and of the block exemptions read them.
                switch attribute.type {
                case .scalar(let scalar) where scalar == .money || scalar == .percentage:
                    let key = InterviewKey("party", number: number, id: id, attribute.id)
                    if case .value(let value)? = try value(key, texts.attribute(attribute.label[texts.language], party: name), type: attribute.type, help: nil) {
                        block.set(attribute.id, value)
                    }
                case .scalar, .oneOf, .setOf:
                    // Asked only when an activity's verdict needs it, as the derived fact.
                    break
                }
            }
            draft.parties.append(block)
        }
    }

    /// A party in a list, chosen by its number in the interview, its id or its name.
    private func partyOption(_ index: Int) -> InterviewOption {
        InterviewOption(id: draft.parties[index].id, label: partyName(draft.parties[index]), help: nil, number: index + 1)
    }

    private func partyName(_ block: PlanDraft.Block) -> String {
        block.value("name").map { String($0.dropFirst().dropLast()) } ?? block.id
    }

    /// Asks each party about the parties it has not been asked about yet, so every pair is
    /// asked once; parties already in a resumed plan are not asked about each other.
    private mutating func competition(existing: Int) throws(InterviewStop) {
        let ids = draft.parties.map(\.id)
        var competes: [Set<String>?] = draft.parties.map { block in
            guard let value = block.value("competes_with") else { return nil }
            return value == "none" ? [] : Set(value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        var settled = Set<[Int]>()
        // Parts of one undertaking are one economic unit, not competitors: not asked.
        let undertakings = draft.parties.map { $0.value("undertaking") ?? $0.id }
        for i in ids.indices {
            for j in ids.indices where i < j && (j < existing || undertakings[i] == undertakings[j]) { settled.insert([i, j]) }
        }
        var titled = false
        for i in ids.indices {
            let options = ids.indices.filter { $0 != i && !settled.contains([min(i, $0), max(i, $0)]) }
            if options.isEmpty {
                if competes[i] == nil, i >= existing { competes[i] = Set(ids.indices.filter { competes[$0]?.contains(ids[i]) ?? false }.map { ids[$0] }) }
                continue
            }
            if !titled {
                heading(texts.competitionTitle)
                titled = true
            }
            let shown = options.map(partyOption)
            let key = InterviewKey("party", number: i + 1, id: ids[i], "competes_with")
            // Parties the answers name that were asked about before count too.
            let others = ids.indices.filter { $0 != i && !options.contains($0) }.map(partyOption)
            guard let chosen = try choices(key, texts.competes(partyName(draft.parties[i])), shown, extra: others, dontKnow: true, emptyIsNone: false) else {
                continue
            }
            for option in options { settled.insert([min(i, option), max(i, option)]) }
            let named = chosen.map { $0 < shown.count ? shown[$0].id : others[$0 - shown.count].id }
            var own = competes[i] ?? Set(ids.indices.filter { competes[$0]?.contains(ids[i]) ?? false }.map { ids[$0] })
            own.formUnion(named)
            competes[i] = own
            for other in named { if let j = ids.firstIndex(of: other), competes[j] != nil { competes[j]!.insert(ids[i]) } }
        }
        for (index, set) in competes.enumerated() {
            guard let set else { continue }
            let ordered = ids.filter { set.contains($0) }
            draft.parties[index].set("competes_with", ordered.isEmpty ? "none" : ordered.joined(separator: ", "))
        }
    }

    // MARK: The conduct checklist

    /// The hardcore conduct facts, once for the whole plan (`ConductChecklist`): a `no` is
    /// stated in the header, a `yes` is asked per activity, "don't know" stays open for
    /// every activity. A resumed plan is asked only the facts it states nowhere.
    private mutating func checklist() throws(InterviewStop) {
        let checklist = ConductChecklist(vocabulary: vocabulary)
        let draft = self.draft
        func statedAnywhere(_ fact: Int) -> Bool {
            let id = vocabulary.facts[fact].id
            return draft.headerValue(id) != nil || draft.activities.contains { $0.value(id) != nil }
        }
        let pending = checklist.topics.compactMap { topic -> (ConductChecklist.Topic, [Int])? in
            let facts = (topic.subject == .data ? checklist.dataKinds.map { [$0] } ?? [] : topic.facts).filter { !statedAnywhere($0) }
            return facts.isEmpty ? nil : (topic, facts)
        }
        guard !pending.isEmpty else { return }
        heading(texts.checklistTitle)
        show(texts.checklistIntro)
        var number = 0
        for (topic, facts) in pending {
            io.show("\n" + texts.checklistTopic(topic.subject) + "\n")
            for fact in facts {
                number += 1
                let definition = vocabulary.facts[fact]
                let key = InterviewKey("plan", definition.id)
                let question = topic.subject == .data ? texts.sharesDataQuestion : definition.question?[texts.language] ?? definition.label[texts.language]
                while true {
                    let reply = try value(key, "\(number). \(question) [\(key.names[0])]", type: .scalar(.boolean), help: nil) ?? .dontKnow
                    asked += 1
                    var changed = self.draft
                    switch reply {
                    case .value("no"):
                        changed.setHeader(definition.id, topic.subject == .data ? "{}" : "no")
                    case .value:
                        show(texts.askedPerActivity, indent: "  ")
                    case .dontKnow:
                        if topic.subject == .data {
                            show(texts.askedPerActivity, indent: "  ")
                        } else {
                            changed.open[PlanDraft.headerKey, default: []].append(definition.id)
                            show(texts.dontKnowNoted, indent: "  ")
                        }
                    }
                    if let error = changed.check(ruleSet: ruleSet, path: path).diagnostics.first(where: { $0.severity == .error }) {
                        asked -= 1
                        try io.reject(key) { $0.notAccepted(error.text[$0.language]) }
                        continue
                    }
                    if changed.headerValue(definition.id) != nil { answered += 1 }
                    self.draft = changed
                    break
                }
            }
        }
    }

    // MARK: Activities

    private mutating func newActivities() throws(InterviewStop) {
        let kinds = vocabulary.activityKinds.map { ReplyReader.option($0, texts.language) }
        while true {
            let number = draft.activities.count + 1
            if number > 1 { io.show("\n") }
            guard let title = try text(InterviewKey("activity", number: number, "title"), texts.activityTitleQuestion(number), required: false) else { return }
            let id = PlanDraft.identifier(from: title, taken: takenIDs, fallback: "activity")
            let kind = try choice(InterviewKey("activity", number: number, id: id, "kind"), texts.activityKind, kinds)
            var block = PlanDraft.Block(id: id, lines: ["  title = \(PlanDraft.quote(title))", "  kind = \(kinds[kind].id)"])
            if !draft.parties.isEmpty {
                let options = draft.parties.indices.map(partyOption)
                let chosen = try choices(
                    InterviewKey("activity", number: number, id: id, "parties"), texts.activityParties, options, dontKnow: false, emptyIsNone: false) ?? []
                block.set("parties", chosen.map { options[$0].id }.joined(separator: ", "))
            }
            draft.activities.append(block)
            try interview(activity: draft.activities.count - 1)
        }
    }

    /// A value of a fact or attribute; nil when the answers file has none (don't know).
    private func value(_ key: InterviewKey, _ question: String, type: ValueType, help: String?, outcomes: [AnswerOutcome] = []) throws(InterviewStop) -> InterviewReply? {
        show(question)
        if let help { show(help, indent: "  ") }
        var members: [InterviewOption] = []
        switch type {
        case .oneOf(let enumeration), .setOf(let enumeration): members = reader.options(enumeration)
        case .scalar: break
        }
        if !members.isEmpty {
            var verdicts: [Int: Verdict] = [:]
            for outcome in outcomes {
                switch outcome.answer {
                case .value(.member(let member)): verdicts[member] = outcome.verdict
                case .value(.members(let set)) where set.members.count == 1: verdicts[set.members[0]] = outcome.verdict
                default: break
                }
            }
            list(members) { index in verdicts[index].map { " \(texts.arrow) " + $0.label(texts.language) } ?? "" }
        } else if !outcomes.isEmpty {
            show(texts.outcomesTitle)
            for (verdict, answers) in groupedOutcomes(outcomes, type: type) {
                show(texts.leadsTo(answers.joined(separator: ", "), verdict.label(texts.language)), indent: "  ")
            }
        }
        while true {
            guard let reply = try io.ask(key, prompt: texts.hint(type) + " > "), !reply.isEmpty else {
                if io.isScripted {
                    show(texts.noAnswerInFile)
                    return nil
                }
                try io.reject(key) { $0.notA(type, "") }
                continue
            }
            switch reader.value(reply, type: type) {
            case .success(let read): return read
            case .failure(let problem): try io.reject(key) { explain(problem, options: members, in: $0) }
            }
        }
    }

    /// Answers by the verdict they lead to; ranges of numbers in their own order.
    private func groupedOutcomes(_ outcomes: [AnswerOutcome], type: ValueType) -> [(Verdict, [String])] {
        var groups: [(Verdict, [String])] = []
        for outcome in outcomes {
            let text = answerText(outcome.answer, type: type)
            if case .range = outcome.answer {
                groups.append((outcome.verdict, [text]))
            } else if let index = groups.firstIndex(where: { $0.0 == outcome.verdict }) {
                groups[index].1.append(text)
            } else {
                groups.append((outcome.verdict, [text]))
            }
        }
        return groups
    }

    private func answerText(_ answer: Answer, type: ValueType) -> String {
        switch answer {
        case .value(let value):
            return vocabulary.render(value, type: type, language: texts.language)
        case .range(let lower, let upper):
            func show(_ amount: Amount) -> String { vocabulary.render(.amount(amount), type: type, language: texts.language) }
            switch (lower, upper) {
            case let (lower?, upper?): return lower == upper ? show(lower) : "\(show(lower)) – \(show(upper))"
            case let (lower?, nil): return "≥ \(show(lower))"
            case let (nil, upper?): return "≤ \(show(upper))"
            case (nil, nil): return texts.anyValue
            }
        }
    }

    private func verdictText(_ verdict: Verdict) -> String { verdict.label(texts.language) }

    /// The activity's unknown facts, most decisive first, until its verdict is settled.
    private mutating func interview(activity position: Int) throws(InterviewStop) {
        let block = draft.activities[position]
        let number = position + 1
        heading(texts.activityTitle(block.id, title: block.value("title").map { String($0.dropFirst().dropLast()) }))
        var dialogue = ActivityDialogue(ruleSet: ruleSet, activityID: block.id, draft: draft, path: path, settled: draft.open[PlanDraft.headerKey] ?? [])
        var count = 0
        defer {
            asked += dialogue.questionsAsked
            answered += dialogue.questionsAnswered
        }
        while let state = dialogue.state() {
            let step = dialogue.next(state)
            var asking = true
            if case .settled = step { asking = false }
            if count > 0, asking {
                show(texts.now(
                    verdictText(state.evaluation.verdict), possible: ActivityDialogue.stillPossible(state).map(verdictText),
                    left: state.remaining.count))
            }
            switch step {
            case .fact(let question):
                count += 1
                let definition = vocabulary.facts[question.fact]
                let key = InterviewKey("activity", number: number, id: block.id, definition.id)
                io.show("\n" + InterviewLayout.wrap(texts.question(count, of: block.id) + " [\(key.names[0])]"))
                var reply: InterviewReply?
                while true {
                    reply = try value(
                        key, definition.question?[texts.language] ?? definition.label[texts.language], type: definition.type,
                        help: nil, outcomes: question.outcomes)
                    let errors = dialogue.answer(fact: question.fact, reply ?? .dontKnow)
                    guard let error = errors.first else { break }
                    try io.reject(key) { $0.notAccepted(error.text[$0.language]) }
                }
                if reply == .dontKnow { show(texts.dontKnowNoted) }
            case .safeguards(let offered):
                count += 1
                let key = InterviewKey("activity", number: number, id: block.id, "safeguards")
                io.show("\n" + InterviewLayout.wrap(texts.question(count, of: block.id) + " [\(key.names[0])]"))
                let option = { (index: Int) in ReplyReader.option(vocabulary.safeguards[index], texts.language) }
                let others = vocabulary.safeguards.indices.filter { !offered.contains($0) }
                let chosen = try choices(
                    key, texts.safeguardsQuestion(verdictText(state.evaluation.verdict)), offered.map(option), extra: others.map(option),
                    dontKnow: true, emptyIsNone: false)
                dialogue.answer(safeguards: chosen.map { $0.map { $0 < offered.count ? offered[$0] : others[$0 - offered.count] } }, offered: offered)
            case .settled:
                draft = dialogue.draft
                let verdict = verdictText(state.evaluation.verdict)
                if state.evaluation.determination != .undetermined {
                    show(texts.settled(verdict))
                } else if let open = draft.open[block.id], !open.isEmpty {
                    show(texts.staysOpen(verdict, facts: open))
                } else {
                    show(texts.noQuestionChanges(verdict))
                }
                return
            }
        }
        draft = dialogue.draft
    }
}
