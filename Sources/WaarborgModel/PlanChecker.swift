import WaarborgSyntax

/// Checks a parsed plan against a rule set's vocabulary and resolves it.
public enum PlanChecker {
    static let partyKeys = ["name", "kind", "legal_form", "competes_with", "undertaking"]
    static let headerKeys = ["date", "region", "safeguards"]

    /// Checks a plan against a rule set: the vocabulary, and the rules its waivers name.
    public static func check(_ syntax: PlanSyntax, ruleSet: RuleSet, concurrently: Bool = true) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        check(syntax, vocabulary: ruleSet.vocabulary, ruleSet: ruleSet, concurrently: concurrently)
    }

    /// The whole plan's syntax, checked as `PlanCheckSession` checks a streamed one; the
    /// activities on every core unless `concurrently` is false (several plans loaded at once).
    public static func check(
        _ syntax: PlanSyntax, vocabulary: Vocabulary, ruleSet: RuleSet? = nil, concurrently: Bool = true
    ) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        var session = PlanCheckSession(
            file: syntax.file, header: syntax.header, parties: syntax.parties, vocabulary: vocabulary, ruleSet: ruleSet)
        session.add(contentsOf: syntax.activities, concurrently: concurrently)
        return session.finish()
    }

    static let waiverKeys = ["justification", "owner", "expires"]

    /// A waiver names a rule that can decide this activity, says why, who accepted the
    /// risk and until when; it may never cover a hardcore restriction.
    static func checkWaivers(_ syntax: [WaiverSyntax], ruleSet: RuleSet?, activity: Activity, diagnostics: inout [Diagnostic]) -> [Waiver] {
        var waivers: [Waiver] = []
        var seen: [String: SourceRange] = [:]
        for waiver in syntax {
            guard let ruleSet else {
                diagnostics.append(.error(
                    "WB432", "waivers are checked against the rule set; none was given",
                    nl: "waivers worden getoetst aan de regelset; er is geen regelset opgegeven", at: waiver.rule.range))
                continue
            }
            guard let index = ruleSet.ruleIndex[waiver.rule.text] else {
                let suggestion = Suggestions.closest(to: waiver.rule.text, in: ruleSet.rules.map(\.id))
                diagnostics.append(.error(
                    "WB432", Bilingual("the waiver names `\(waiver.rule.text)`, which is not a rule", nl: "de waiver noemt `\(waiver.rule.text)`, maar dat is geen regel") + Suggestions.didYouMean(suggestion),
                    at: waiver.rule.range, suggestion: suggestion))
                continue
            }
            let rule = ruleSet.rules[index]
            if let first = seen[rule.id] {
                diagnostics.append(.error(
                    "WB433", "activity `\(activity.id)` waives \(rule.id) twice; keep one waiver",
                    nl: "activiteit `\(activity.id)` heeft twee keer een waiver voor \(rule.id); houd één waiver", at: waiver.rule.range,
                    notes: [DiagnosticNote("the first waiver", nl: "de eerste waiver", at: first)]))
                continue
            }
            seen[rule.id] = waiver.rule.range
            let group = ruleSet.vocabulary.groups[rule.group]
            if !group.waivable {
                diagnostics.append(.error(
                    "WB431", "\(rule.id) is a \(group.label.en.lowercased()) rule; a hardcore restriction can never be waived. Change the activity instead",
                    nl: "\(rule.id) is een regel van de groep \(group.label.nl.lowercased()); voor een kernbeperking is nooit een waiver mogelijk. Verander in plaats daarvan de activiteit",
                    at: waiver.rule.range))
                continue
            }
            if !rule.appliesTo.contains(activity.kind) {
                diagnostics.append(.warning(
                    "WB434", "\(rule.id) does not apply to activities of kind `\(ruleSet.vocabulary.activityKinds[activity.kind].id)`, so this waiver waives nothing",
                    nl: "\(rule.id) geldt niet voor activiteiten van de soort `\(ruleSet.vocabulary.activityKinds[activity.kind].id)`, dus deze waiver heeft geen effect",
                    at: waiver.rule.range))
            }
            var justification: String?
            var owner: String?
            var expires: DateValue?
            for assignment in waiver.assignments {
                switch (assignment.key.text, assignment.value.kind) {
                case ("justification", .string(let text)) where !text.allSatisfy(\.isWhitespace): justification = text
                case ("owner", .string(let text)) where !text.allSatisfy(\.isWhitespace): owner = text
                case ("expires", .date(let date)): expires = date
                case ("justification", _), ("owner", _):
                    diagnostics.append(.error(
                        "WB401", "`\(assignment.key.text)` is a text in double quotes",
                        nl: "`\(assignment.key.text)` is een tekst tussen dubbele aanhalingstekens", at: assignment.value.range))
                case ("expires", _):
                    diagnostics.append(.error(
                        "WB401", "`expires` is a date such as 2027-06-30", nl: "`expires` is een datum, zoals 2027-06-30", at: assignment.value.range))
                default:
                    let suggestion = Suggestions.closest(to: assignment.key.text, in: waiverKeys)
                    diagnostics.append(.error(
                        "WB430", Bilingual("unknown key `\(assignment.key.text)` in a waiver; a waiver has justification, owner and expires", nl: "onbekende sleutel `\(assignment.key.text)` in een waiver; een waiver heeft justification, owner en expires") + Suggestions.didYouMean(suggestion),
                        at: assignment.key.range, suggestion: suggestion))
                }
            }
            var missing: [Bilingual] = []
            if justification == nil { missing.append(Bilingual("a `justification` (why the risk is accepted)", nl: "een `justification` (waarom het risico is aanvaard)")) }
            if owner == nil { missing.append(Bilingual("an `owner` (who accepted it)", nl: "een `owner` (wie het heeft aanvaard)")) }
            if expires == nil { missing.append(Bilingual("an `expires` date", nl: "een datum `expires`")) }
            guard let justification, let owner, let expires else {
                diagnostics.append(.error(
                    "WB430", "the waiver of \(rule.id) in activity `\(activity.id)` needs \(missing.map(\.en).joined(separator: ", "))",
                    nl: "de waiver van \(rule.id) in activiteit `\(activity.id)` mist \(missing.map(\.nl).joined(separator: ", "))", at: waiver.rule.range,
                    suggestion: "justification = \"…\"\n    owner = \"…\"\n    expires = 2027-01-01"))
                continue
            }
            waivers.append(Waiver(rule: index, justification: justification, owner: owner, expires: expires, range: waiver.range))
        }
        return waivers
    }

    static func checkParty(
        _ entry: PlanEntrySyntax, vocabulary: Vocabulary, partyIndex: [String: Int], diagnostics: inout [Diagnostic]
    ) -> Party? {
        let owner = Bilingual("party `\(entry.id.text)`", nl: "partij `\(entry.id.text)`")
        let values = ValueChecker(vocabulary: vocabulary)
        var name = entry.id.text
        var kind: Int?
        var legalForm: Int?
        var competes: Set<Int>?
        var undertaking = entry.id.text
        var attributes = [Value?](repeating: nil, count: vocabulary.attributes.count)
        var stated = Set<Int>()
        var seen: [String: SourceRange] = [:]
        var failed = false
        for assignment in entry.assignments {
            let key = assignment.key.text
            if let first = seen[key] {
                diagnostics.append(.error(
                    "WB403", "`\(key)` is stated twice in \(owner.en); keep one", nl: "`\(key)` staat twee keer in \(owner.nl); houd er één",
                    at: assignment.key.range, notes: [DiagnosticNote("first stated here", nl: "hier voor het eerst vermeld", at: first)]))
                continue
            }
            seen[key] = assignment.key.range
            switch key {
            case "name":
                if case .string(let text) = assignment.value.kind { name = text } else {
                    diagnostics.append(.error(
                        "WB401", "`name` is a text in double quotes", nl: "`name` is een tekst tussen dubbele aanhalingstekens",
                        at: assignment.value.range, suggestion: "name = \"…\""))
                }
            case "kind":
                if case .name(let word) = assignment.value.kind, let index = vocabulary.partyKindIndex[word] {
                    kind = index
                } else {
                    let word: String
                    if case .name(let written) = assignment.value.kind { word = written } else { word = "" }
                    let suggestion = Suggestions.closest(to: word, in: vocabulary.partyKinds.map(\.term.id))
                    diagnostics.append(.error(
                        "WB416",
                        Bilingual("unknown party kind `\(word)`", nl: "onbekende partijsoort `\(word)`") + Suggestions.didYouMean(suggestion, otherwise: Bilingual("; see the party kinds in the rule set's vocabulary", nl: "; zie de partijsoorten in de vocabulaire van de regelset")),
                        at: assignment.value.range, suggestion: suggestion))
                    failed = true
                }
            case "legal_form":
                if case .name(let word) = assignment.value.kind, let index = vocabulary.legalFormIndex[word] {
                    legalForm = index
                } else {
                    var word = ""
                    if case .name(let written) = assignment.value.kind { word = written }
                    if case .string(let written) = assignment.value.kind { word = written }
                    let spellings = vocabulary.legalForms.map(\.id)
                    let suggestion = Suggestions.closest(to: word, in: spellings)
                    let listed = spellings.map { "`\($0)`" }.joined(separator: ", ")
                    let valid = spellings.isEmpty
                        ? Bilingual(
                            "the rule set declares no legal forms (`legal_form` in its vocabulary)",
                            nl: "de regelset declareert geen rechtsvormen (`legal_form` in de vocabulaire)")
                        : Bilingual("write one of " + listed, nl: "schrijf een van " + listed)
                    diagnostics.append(.error(
                        "WB429",
                        "unknown legal form `\(word)` in \(owner.en)" + (suggestion.map { " (did you mean `\($0)`?)" } ?? "") + "; \(valid.en)",
                        nl: "onbekende rechtsvorm `\(word)` in \(owner.nl)" + (suggestion.map { " (bedoelde je `\($0)`?)" } ?? "") + "; \(valid.nl)",
                        at: assignment.value.range, suggestion: suggestion))
                    failed = true
                }
            case "competes_with":
                var set = Set<Int>()
                for other in assignment.value.listedNames where other.text != "none" {
                    if other.text == entry.id.text {
                        diagnostics.append(.error(
                            "WB417", "a party cannot compete with itself", nl: "een partij kan niet met zichzelf concurreren", at: other.range))
                        failed = true
                    } else if let index = partyIndex[other.text] {
                        set.insert(index)
                    } else {
                        let suggestion = Suggestions.closest(to: other.text, in: partyIndex.keys)
                        diagnostics.append(.error(
                            "WB406",
                            Bilingual("party `\(other.text)` is not declared in this plan", nl: "partij `\(other.text)` is niet gedeclareerd in dit plan") + Suggestions.didYouMean(suggestion),
                            at: other.range, suggestion: suggestion))
                        failed = true
                    }
                }
                competes = set
            case "undertaking":
                switch assignment.value.kind {
                case .name(let word), .string(let word): undertaking = word
                default:
                    diagnostics.append(.error(
                        "WB401", "`undertaking` is the id of the group the party belongs to",
                        nl: "`undertaking` is de id van de onderneming (het concern) waartoe de partij behoort", at: assignment.value.range))
                }
            default:
                guard let index = vocabulary.attributeIndex[key] else {
                    let suggestion = Suggestions.closest(to: key, in: partyKeys + vocabulary.attributes.map(\.id))
                    diagnostics.append(.error(
                        "WB418",
                        Bilingual("unknown attribute `\(key)` in \(owner.en)", nl: "onbekend kenmerk `\(key)` in \(owner.nl)") + Suggestions.didYouMean(suggestion, otherwise: Bilingual("; party attributes are declared with `attribute` in the rule set", nl: "; kenmerken van partijen worden gedeclareerd met `attribute` in de regelset")),
                        at: assignment.key.range, suggestion: suggestion))
                    failed = true
                    continue
                }
                if let value = values.check(assignment.value, as: vocabulary.attributes[index].type, subject: Bilingual(verbatim: "`\(key)`"), diagnostics: &diagnostics) {
                    attributes[index] = value
                    stated.insert(index)
                } else {
                    failed = true
                }
            }
        }
        guard let kind else {
            if !failed {
                diagnostics.append(.error(
                    "WB419", "\(owner.en) has no `kind`; say what kind of party it is", nl: "\(owner.nl) heeft geen `kind`; geef aan welke soort partij het is",
                    at: entry.id.range, suggestion: "kind = gp_practice"))
            }
            return nil
        }
        for (attribute, value) in vocabulary.partyKinds[kind].defaults where !stated.contains(attribute) {
            attributes[attribute] = value
        }
        if failed { return nil }
        return Party(
            id: entry.id.text, name: name, kind: kind, legalForm: legalForm, competesWith: competes, undertaking: undertaking,
            attributes: attributes, range: entry.id.range)
    }
}
