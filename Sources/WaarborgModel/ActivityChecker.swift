import WaarborgSyntax

/// Resolves an activity (of a plan, or of a rule's example) against the vocabulary:
/// its kind, parties, safeguards and facts, then the facts derived from its parties.
struct ActivityChecker: Sendable {
    let vocabulary: Vocabulary
    let parties: [Party]
    let partyIndex: [String: Int]
    /// Whether `parties = …` may be written (plans: yes; rule examples: no, they state
    /// derived facts directly).
    let allowsParties: Bool
    /// The facts that parties' attributes can give, in vocabulary order: read for every
    /// activity, so gathered once rather than by walking (and copying) every definition.
    let derivations: [(fact: Int, derivation: Derivation)]

    init(vocabulary: Vocabulary, parties: [Party], partyIndex: [String: Int], allowsParties: Bool) {
        self.vocabulary = vocabulary
        self.parties = parties
        self.partyIndex = partyIndex
        self.allowsParties = allowsParties
        derivations = vocabulary.facts.indices.compactMap { index in vocabulary.facts[index].derivation.map { (index, $0) } }
    }

    static let builtinKeys = ["title", "clause", "kind", "parties", "safeguards"]

    struct Result {
        var activity: Activity
        var date: DateValue?
    }

    /// `owner` names the activity in messages, in both languages ("activity `x`" and
    /// "activiteit `x`"); spelled out only for a message.
    func check(
        id: String, range: SourceRange, assignments: [AssignmentSyntax], defaultKind: Int?, defaultClause: String? = nil,
        inherited: (set: MemberSet, ranges: [Int: SourceRange]), inheritedFacts: FactTable = FactTable(), allowsDate: Bool,
        owner: @autoclosure () -> Bilingual, diagnostics: inout [Diagnostic]
    ) -> Result? {
        let values = ValueChecker(vocabulary: vocabulary)
        var seen: [String: SourceRange] = [:]
        // Grown once: a plan's activity states dozens of facts.
        seen.reserveCapacity(assignments.count)
        var title: String?
        var clause = defaultClause
        var kind: Int? = defaultKind
        var kindRange: SourceRange?
        var kindStated = false
        var participants: [Int] = []
        var participantSet = Set<Int>()
        var facts = FactTable()
        var safeguards = inherited.set
        var safeguardRanges = SafeguardRanges(inherited: inherited.ranges)
        var date: DateValue?
        var failed = false

        for assignment in assignments {
            let key = assignment.key.text
            if let first = seen[key] {
                let owner = owner()
                diagnostics.append(.error(
                    "WB403", "`\(key)` is stated twice in \(owner.en); keep one", nl: "`\(key)` staat twee keer in \(owner.nl); houd er één",
                    at: assignment.key.range, notes: [DiagnosticNote("first stated here", nl: "hier voor het eerst vermeld", at: first)]))
                continue
            }
            seen[key] = assignment.key.range
            switch key {
            case "title":
                if case .string(let text) = assignment.value.kind { title = text } else {
                    diagnostics.append(.error(
                        "WB401", "`title` is a text in double quotes", nl: "`title` is een tekst tussen dubbele aanhalingstekens",
                        at: assignment.value.range, suggestion: "title = \"…\""))
                }
            case "clause" where allowsParties:
                if case .string(let text) = assignment.value.kind, !text.isEmpty { clause = text } else {
                    diagnostics.append(.error(
                        "WB401", "`clause` is the agreement's clause as text in double quotes",
                        nl: "`clause` is de bepaling uit de overeenkomst, als tekst tussen dubbele aanhalingstekens", at: assignment.value.range,
                        suggestion: "clause = \"art. 5 Benchmarking\""))
                }
            case "kind":
                kindStated = true
                guard case .name(let word) = assignment.value.kind else {
                    diagnostics.append(.error(
                        "WB401", "`kind` is an activity kind such as `information_exchange`",
                        nl: "`kind` is een activiteitsoort, zoals `information_exchange`", at: assignment.value.range))
                    failed = true
                    continue
                }
                if let (index, deprecated) = vocabulary.activityKind(named: word) {
                    if deprecated {
                        diagnostics.append(DeprecatedName.warning(
                            word, new: vocabulary.activityKinds[index].id, what: Bilingual("activity kind", nl: "de activiteitsoort"),
                            at: assignment.value.range))
                    }
                    kind = index
                    kindRange = assignment.value.range
                } else {
                    let suggestion = Suggestions.closest(to: word, in: vocabulary.activityKinds.map(\.id))
                    diagnostics.append(.error(
                        "WB404",
                        Bilingual("unknown activity kind `\(word)`", nl: "onbekende activiteitsoort `\(word)`") + Suggestions.didYouMean(suggestion, otherwise: Bilingual("; see the activity kinds in the rule set's vocabulary", nl: "; zie de activiteitsoorten in de vocabulaire van de regelset")),
                        at: assignment.value.range, suggestion: suggestion))
                    failed = true
                }
            case "parties" where allowsParties:
                for name in assignment.value.listedNames {
                    if let index = partyIndex[name.text] {
                        if participantSet.contains(index) {
                            diagnostics.append(.warning(
                                "WB405", "party `\(name.text)` is listed twice", nl: "partij `\(name.text)` staat twee keer in de lijst", at: name.range))
                        } else {
                            participants.append(index)
                            participantSet.insert(index)
                        }
                    } else {
                        let suggestion = Suggestions.closest(to: name.text, in: parties.map(\.id))
                        diagnostics.append(.error(
                            "WB406",
                            Bilingual("party `\(name.text)` is not declared in this plan", nl: "partij `\(name.text)` is niet gedeclareerd in dit plan") + Suggestions.didYouMean(suggestion, otherwise: Bilingual("; declare it with `party \(name.text)`", nl: "; declareer die met `party \(name.text)`")),
                            at: name.range, suggestion: suggestion))
                        failed = true
                    }
                }
            case "safeguards":
                let resolved = vocabulary.resolveSafeguards(assignment.value, diagnostics: &diagnostics)
                for (index, range) in resolved.found {
                    safeguards.insert(index)
                    safeguardRanges[index] = range
                }
                if resolved.failed { failed = true }
            case "date" where allowsDate:
                if case .date(let value) = assignment.value.kind { date = value } else {
                    diagnostics.append(.error(
                        "WB401", "`date` is a date such as 2026-03-01", nl: "`date` is een datum, zoals 2026-03-01", at: assignment.value.range))
                }
            default:
                guard let (index, deprecated) = vocabulary.fact(named: key) else {
                    var candidates = ActivityChecker.builtinKeys + vocabulary.facts.map(\.id)
                    if allowsDate { candidates.append("date") }
                    let suggestion = Suggestions.closest(to: key, in: candidates)
                    let owner = owner()
                    var message = "unknown fact `\(key)` in \(owner.en)"
                    var dutch = "onbekend feit `\(key)` in \(owner.nl)"
                    if key == "parties", !allowsParties {
                        message = "an example has no parties; state the facts they would give (such as `parties_are_competitors = yes`) directly"
                        dutch = "een voorbeeld heeft geen partijen; vermeld direct de feiten die zij zouden opleveren (zoals `parties_are_competitors = yes`)"
                    } else if vocabulary.safeguardIndex[key] != nil {
                        message += "; `\(key)` is a safeguard: list it under `safeguards = …`"
                        dutch += "; `\(key)` is een waarborg: zet die onder `safeguards = …`"
                    } else if let suggestion {
                        message += "; did you mean `\(suggestion)`?"
                        dutch += "; bedoelde je `\(suggestion)`?"
                    } else {
                        message += "; facts are declared with `fact` in the rule set"
                        dutch += "; feiten worden gedeclareerd met `fact` in de regelset"
                    }
                    diagnostics.append(.error("WB408", message, nl: dutch, at: assignment.key.range, suggestion: suggestion))
                    failed = true
                    continue
                }
                if deprecated {
                    diagnostics.append(DeprecatedName.warning(key, new: vocabulary.facts[index].id, what: Bilingual("fact", nl: "het feit"), at: assignment.key.range))
                }
                // The subject is only spelled out for a message (an autoclosure).
                if let value = values.check(assignment.value, as: vocabulary.facts[index].type, subject: Bilingual(verbatim: "`\(key)`"), diagnostics: &diagnostics) {
                    facts[index] = FactValue(value: value, origin: .stated(assignment.range))
                } else {
                    failed = true
                }
            }
        }
        guard let kind else {
            if kindStated { return nil }
            let owner = owner()
            diagnostics.append(.error(
                "WB409", "\(owner.en) has no `kind`; say what kind of activity it is",
                nl: "\(owner.nl) heeft geen `kind`; geef aan welke soort activiteit het is", at: range,
                suggestion: "kind = information_exchange"))
            return nil
        }
        if failed { return nil }
        // The plan header's facts, for those the activity does not state itself; they
        // count as stated (at the header's line), so they win over a derivation too.
        for (fact, value) in inheritedFacts.entries where facts[fact] == nil { facts[fact] = value }
        derive(into: &facts, participants: participants)
        facts.shrinkToFit()
        var activity = Activity(
            id: id, title: title, kind: kind, parties: participants, facts: facts, safeguards: safeguards,
            safeguardRanges: safeguardRanges, range: range, kindRange: kindRange)
        activity.unknownDerivations = unknownAttributes(facts: facts, participants: participants)
        activity.clause = clause
        return Result(activity: activity, date: date)
    }

    // MARK: Derived facts

    /// For each derived fact left unknown, the party attributes it waits for.
    private func unknownAttributes(facts: FactTable, participants: [Int]) -> [Int: [UnknownAttribute]] {
        var result: [Int: [UnknownAttribute]] = [:]
        guard !participants.isEmpty else { return result }
        for (fact, derivation) in derivations where facts[fact] == nil {
            var needed: [Int] = []
            switch derivation {
            case .competingPair, .singleUndertaking: break
            case .count(let filter): needed = filter.map { [$0] } ?? []
            case .sum(let attribute, let filter), .max(let attribute, let filter), .min(let attribute, let filter),
                .any(let attribute, let filter), .all(let attribute, let filter):
                needed = [attribute] + (filter.map { [$0] } ?? [])
            }
            var missing: [UnknownAttribute] = []
            for party in participants {
                for attribute in needed where parties[party].attributes[attribute] == nil {
                    missing.append(UnknownAttribute(party: party, attribute: attribute))
                }
            }
            if case .competingPair = derivation {
                // Competition is unknown when a party has not said whom it competes with.
                missing = participants.filter { parties[$0].competesWith == nil }
                    .map { UnknownAttribute(party: $0, attribute: UnknownAttribute.competesWith) }
            }
            if !missing.isEmpty { result[fact] = missing }
        }
        return result
    }

    private func derive(into facts: inout FactTable, participants: [Int]) {
        guard !participants.isEmpty else { return }
        let members = Members(participants.map { parties[$0] })
        for (fact, derivation) in derivations where facts[fact] == nil {
            if let value = derive(derivation, participants: participants, members: members) { facts[fact] = value }
        }
    }

    /// An activity's parties, with their ids listed once: every derived fact's note names
    /// the parties it was derived from, and most name all of them, so they share one
    /// array instead of each holding a copy (for a plan of 100,000 activities that is a
    /// hundred megabytes).
    private struct Members {
        let parties: [Party]
        let ids: [String]

        init(_ parties: [Party]) {
            self.parties = parties
            ids = parties.map(\.id)
        }

        /// The ids of `included`, a subsequence of the parties in their order.
        func ids(_ included: [Party]) -> [String] {
            included.count == parties.count ? ids : included.map(\.id)
        }
    }

    private func derive(_ derivation: Derivation, participants: [Int], members all: Members) -> FactValue? {
        let members = all.parties
        func ids(_ included: [Party]) -> [String] { all.ids(included) }
        switch derivation {
        case .competingPair:
            // Linear in the parties and their declared competitors, not in pairs, so an
            // activity with thousands of parties stays fast. Reports the first competing
            // pair in plan order.
            var position: [Int: Int] = [:]
            for (offset, index) in participants.enumerated() where position[index] == nil { position[index] = offset }
            var first: (Int, Int)?
            for (i, index) in participants.enumerated() {
                guard let competitors = parties[index].competesWith else { continue }
                for other in competitors {
                    guard let j = position[other], j != i else { continue }
                    let pair = (min(i, j), max(i, j))
                    if first == nil || pair < first! { first = pair }
                }
            }
            if let (i, j) = first {
                return FactValue(value: .boolean(true), origin: .derived(DerivationNote(.competes, parties: [members[i].id, members[j].id])))
            }
            if members.allSatisfy({ $0.competesWith != nil }) {
                return FactValue(value: .boolean(false), origin: .derived(DerivationNote(.noneCompete, parties: ids(members))))
            }
            return nil
        case .singleUndertaking:
            let groups = Set(members.map(\.undertaking))
            if groups.count == 1 {
                return FactValue(value: .boolean(true), origin: .derived(DerivationNote(.oneUndertaking, parties: ids(members))))
            }
            return FactValue(value: .boolean(false), origin: .derived(DerivationNote(.separateUndertakings, parties: ids(members), count: groups.count)))
        case .count(let filter):
            guard let included = filtered(members, filter) else { return nil }
            return FactValue(
                value: .amount(Amount(included.count)),
                origin: .derived(DerivationNote(.count, parties: ids(included), attribute: filter.map { vocabulary.attributes[$0].id })))
        case .sum(let attribute, let filter):
            guard let included = filtered(members, filter) else { return nil }
            var total = Amount.zero
            for party in included {
                guard case .amount(let amount)? = party.attributes[attribute], let sum = total.adding(amount) else { return nil }
                total = sum
            }
            return FactValue(value: .amount(total), origin: .derived(DerivationNote(.sum, parties: ids(included), attribute: vocabulary.attributes[attribute].id)))
        case .max(let attribute, let filter), .min(let attribute, let filter):
            guard let included = filtered(members, filter), !included.isEmpty else { return nil }
            var amounts: [Amount] = []
            for party in included {
                guard case .amount(let amount)? = party.attributes[attribute] else { return nil }
                amounts.append(amount)
            }
            let isMax: Bool
            if case .max = derivation { isMax = true } else { isMax = false }
            let result = isMax ? amounts.max()! : amounts.min()!
            return FactValue(
                value: .amount(result),
                origin: .derived(DerivationNote(isMax ? .max : .min, parties: ids(included), attribute: vocabulary.attributes[attribute].id)))
        case .any(let attribute, let filter), .all(let attribute, let filter):
            guard let included = filtered(members, filter) else { return nil }
            let wantsAll: Bool
            if case .all = derivation { wantsAll = true } else { wantsAll = false }
            var sawUnknown = false
            for party in included {
                switch party.attributes[attribute] {
                case .boolean(let flag)?:
                    if wantsAll && !flag {
                        return FactValue(value: .boolean(false), origin: .derived(DerivationNote(.oneLacks, parties: [party.id], attribute: vocabulary.attributes[attribute].id)))
                    }
                    if !wantsAll && flag {
                        return FactValue(value: .boolean(true), origin: .derived(DerivationNote(.anyHas, parties: [party.id], attribute: vocabulary.attributes[attribute].id)))
                    }
                default:
                    sawUnknown = true
                }
            }
            if sawUnknown { return nil }
            return FactValue(
                value: .boolean(wantsAll),
                origin: .derived(DerivationNote(wantsAll ? .allHave : .noneHas, parties: ids(included), attribute: vocabulary.attributes[attribute].id)))
        }
    }

    /// The parties passing a yes/no attribute filter; nil when a party's value is unknown.
    private func filtered(_ members: [Party], _ filter: Int?) -> [Party]? {
        guard let filter else { return members }
        var result: [Party] = []
        for party in members {
            guard case .boolean(let flag)? = party.attributes[filter] else { return nil }
            if flag { result.append(party) }
        }
        return result
    }
}
