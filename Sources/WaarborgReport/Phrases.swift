import WaarborgSyntax
import WaarborgEngine
import WaarborgModel

/// The report's own words in Dutch and English. Legal texts (rule titles, rationale,
/// questions, labels) come from the rule files; only the frame around them is here.
struct Phrases {
    let language: Language

    private func pick(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    var plan: String { pick("Plan", "Plan") }
    var date: String { pick("datum", "date") }
    var region: String { pick("regio", "region") }
    var rules: String { pick("Regels", "Rules") }
    var asOf: String { pick("beoordeeld per", "assessed as of") }
    var activity: String { pick("Activiteit", "Activity") }
    var verdict: String { pick("Oordeel", "Verdict") }
    var why: String { pick("Waarom", "Why") }
    var decidedBy: String { pick("Beslist door", "Decided by") }
    var mayDecide: String { pick("Hangt af van", "Depends on") }
    var sources: String { pick("Bronnen", "Sources") }
    var basedOn: String { pick("Op grond van", "Based on") }
    var dependsOnSafeguards: String { pick("Afhankelijk van waarborgen", "Depends on safeguards") }
    var recommended: String { pick("Aanbevolen", "Recommended") }
    var note: String { pick("Let op", "Note") }
    func baselineStatus(_ status: BaselineStatus, previous: String?) -> String {
        switch status {
        case .new: return pick("Ten opzichte van de basislijn: nieuw", "Compared with the baseline: new")
        case .changed:
            return pick("Ten opzichte van de basislijn: gewijzigd", "Compared with the baseline: changed") + (previous.map { pick(" (was: \($0))", " (was: \($0))") } ?? "")
        case .unchanged: return pick("Ten opzichte van de basislijn: ongewijzigd", "Compared with the baseline: unchanged")
        }
    }
    func hiddenByBaseline(_ count: Int, file: String) -> String {
        pick("\(count) ongewijzigde activiteiten niet getoond (basislijn \(file))", "\(count) unchanged activities not shown (baseline \(file))")
    }
    var waivedFindings: String { pick("Bevindingen waarvan het risico is aanvaard (waiver)", "Waived findings (risk accepted)") }
    func waiver(rule: String, owner: String, expires: String) -> String {
        pick("waiver van \(rule) door \(owner), geldig tot en met \(expires)", "waiver of \(rule) by \(owner), valid through \(expires)")
    }
    func withoutWaived(_ verdict: String) -> String {
        pick("zonder de gewaivede bevindingen: \(verdict)", "without the waived findings: \(verdict)")
    }
    var mayNote: String { pick("Let op (mogelijk van toepassing)", "Note (may apply)") }
    var overview: String { pick("Overzicht", "Overview") }
    var whatToDo: String { pick("Te doen", "To do") }
    var waived: String { pick("risico aanvaard", "risk accepted") }
    var inPlace: String { pick("Waarborgen aanwezig", "Safeguards in place") }
    var haveAssessed: String { pick("laat een jurist het beoordelen", "have a lawyer assess it") }
    func answer(_ questions: String) -> String { pick("beantwoord de open vragen (\(questions))", "answer the open questions (\(questions))") }
    func keep(_ safeguards: String) -> String { pick("houd deze waarborgen aan: \(safeguards)", "keep these safeguards: \(safeguards)") }
    func summaryOfPlans(_ count: Int) -> String { pick("Samenvatting van \(count) plannen", "Summary of \(count) plans") }
    var toComply: String { pick("Om te voldoen", "To comply") }
    var questions: String { pick("Open vragen", "Open questions") }
    var parameters: String { pick("Parameters", "Parameters") }
    var planVerdict: String { pick("Oordeel over het plan", "Verdict on the plan") }
    var noRemedy: String {
        pick(
            "geen waarborg maakt dit toelaatbaar; verander de activiteit zelf",
            "no safeguard makes this acceptable; change the activity itself")
    }
    var notLegalAdvice: String {
        pick(
            "Waarborg toetst het plan aan de vastgelegde regels; het vervangt geen juridisch advies.",
            "Waarborg checks the plan against the encoded rules; it does not replace legal advice.")
    }

    func add(_ safeguards: String) -> String { pick("voeg toe: \(safeguards)", "add: \(safeguards)") }
    func reaches(_ verdict: String) -> String { pick("leidt tot: \(verdict)", "reaches: \(verdict)") }
    func since(_ date: String) -> String { pick("sinds \(date)", "since \(date)") }
    func until(_ date: String) -> String { pick("tot \(date)", "until \(date)") }
    func ruleCount(_ count: Int) -> String { pick("\(count) regels", "\(count) rules") }
    /// What the rules' digest is called in a header (`RulesUsed`).
    var digest: String { pick("kenmerk", "digest") }
    /// An open norm's answer (XP-04).
    var assertedNotVerified: String { pick("door het samenwerkingsverband gesteld, niet geverifieerd", "asserted by the consortium, not verified") }
    func stated(at location: String) -> String { pick("vermeld op \(location)", "stated at \(location)") }
    /// Where a fact is stated: the line in the plan, or the answers file and its line.
    func stated(at location: SourceLocation, planFile: String) -> String {
        location.file == planFile
            ? pick("vermeld op regel \(location.line)", "stated on line \(location.line)")
            : pick("vermeld in \(location.description)", "stated in \(location.description)")
    }
    func derived(_ note: String) -> String { pick("afgeleid: \(note)", "derived: \(note)") }
    func activityCount(_ counts: [(Verdict, Int)]) -> String {
        let stated = counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.label(language))" }
        return stated.isEmpty ? pick("geen activiteiten", "no activities") : stated.joined(separator: ", ")
    }

    func undetermined(_ facts: [String]) -> String {
        pick(
            "Het oordeel hangt af van gegevens die het plan niet vermeldt (\(facts.joined(separator: "; "))). Zolang die ontbreken, is nadere beoordeling nodig.",
            "The verdict depends on facts the plan does not state (\(facts.joined(separator: "; "))). Until they are known, the activity needs assessment.")
    }

    var undeterminedWithoutFacts: String {
        pick(
            "Het oordeel is onzeker: regels die misschien van toepassing zijn, komen tot verschillende oordelen.",
            "The verdict is uncertain: rules that may apply reach different verdicts.")
    }

    func conflict(_ rules: [String]) -> String {
        pick(
            "Regels van hetzelfde niveau komen tot tegengestelde oordelen (\(rules.joined(separator: ", "))) en geen regel gaat voor. Een jurist moet beoordelen welke geldt.",
            "Rules of the same level reach opposite verdicts (\(rules.joined(separator: ", "))) and none takes precedence. A lawyer must assess which one governs.")
    }

    var uncovered: String {
        pick(
            "Geen enkele regel is op deze activiteit van toepassing. Waarborg verklaart een activiteit nooit toegestaan zonder een regel die dat zegt; laat haar beoordelen.",
            "No rule applies to this activity. Waarborg never declares an activity allowed without a rule that says so; have it assessed.")
    }

    func change(label: String, kind: FactChange.Kind, value: String, members: String) -> String {
        switch kind {
        case .atLeast: return pick("\(label) ten minste \(value)", "\(label) at least \(value)")
        case .atMost: return pick("\(label) ten hoogste \(value)", "\(label) at most \(value)")
        case .set: return pick("\(label): \(value)", "\(label): \(value)")
        case .remove: return pick("\(label) zonder \(members)", "\(label) without \(members)")
        case .add: return pick("\(label) ook met \(members)", "\(label) also with \(members)")
        }
    }

    /// How a derived fact followed from the parties, in words. With the vocabulary (the
    /// reports a reader reads) the attribute is named by its label in the report's language;
    /// without it (`explain`, which shows the rule language) by its id.
    func derivation(_ note: DerivationNote, vocabulary: Vocabulary? = nil) -> String {
        let parties = note.parties.joined(separator: ", ")
        let id = note.attribute ?? ""
        guard let vocabulary, let index = vocabulary.attributeIndex[id] else { return derivation(note, parties: parties, attribute: id, labelled: false) }
        return derivation(note, parties: parties, attribute: vocabulary.attributes[index].label[language], labelled: true)
    }

    private func derivation(_ note: DerivationNote, parties: String, attribute: String, labelled: Bool) -> String {
        switch note.kind {
        case .competes: return pick("\(note.parties[0]) concurreert met \(note.parties[1])", "\(note.parties[0]) competes with \(note.parties[1])")
        case .noneCompete: return pick("geen twee van \(parties) concurreren", "no two of \(parties) compete")
        case .oneUndertaking: return pick("\(parties) vormen één onderneming", "\(parties) form one undertaking")
        case .separateUndertakings:
            return pick("\(parties) zijn \(note.count ?? note.parties.count) ondernemingen", "\(parties) are \(note.count ?? note.parties.count) undertakings")
        case .count where labelled:
            return note.parties.isEmpty
                ? pick("geen partijen waarvoor geldt: \(attribute)", "no parties for which holds: \(attribute)")
                : pick("partijen waarvoor geldt ‘\(attribute)’: \(parties)", "parties for which ‘\(attribute)’ holds: \(parties)")
        case .count:
            if note.parties.isEmpty {
                return note.attribute == nil ? pick("geen partijen", "no parties") : pick("geen partijen met \(attribute)", "no parties with \(attribute)")
            }
            return note.attribute == nil ? pick("partijen: \(parties)", "parties: \(parties)") : pick("partijen met \(attribute): \(parties)", "parties with \(attribute): \(parties)")
        case .sum: return pick("som van \(attribute) van \(parties)", "sum of \(attribute) of \(parties)")
        case .max: return pick("hoogste \(attribute) van \(parties)", "largest \(attribute) of \(parties)")
        case .min: return pick("laagste \(attribute) van \(parties)", "smallest \(attribute) of \(parties)")
        case .anyHas where note.parties.isEmpty, .allHave where note.parties.isEmpty, .noneHas where note.parties.isEmpty, .oneLacks where note.parties.isEmpty:
            return pick("geen partijen om \(attribute) van te toetsen", "no parties to test \(attribute) of")
        case .anyHas where labelled: return "\(parties): \(attribute)"
        case .oneLacks where labelled: return pick("\(parties) — \(attribute): nee", "\(parties) — \(attribute): no")
        case .allHave where labelled: return pick("\(parties) (allen): \(attribute)", "\(parties) (all): \(attribute)")
        case .noneHas where labelled: return pick("geen van \(parties): \(attribute)", "none of \(parties): \(attribute)")
        case .anyHas: return pick("\(parties) heeft \(attribute)", "\(parties) has \(attribute)")
        case .oneLacks: return pick("\(parties) heeft geen \(attribute)", "\(parties) has no \(attribute)")
        case .allHave: return pick("\(parties) hebben allen \(attribute)", "all of \(parties) have \(attribute)")
        case .noneHas: return pick("geen van \(parties) heeft \(attribute)", "none of \(parties) has \(attribute)")
        }
    }

    var yes: String { pick("ja", "yes") }
    var no: String { pick("nee", "no") }
    var none: String { pick("geen", "none") }

    /// A fact's type in words (the plan language's `yes/no` and `one of …` are English).
    func typeName(_ type: ValueType, vocabulary: Vocabulary, language: Language) -> String {
        switch type {
        case .scalar(let scalar): return TypeWords(scalar, language: language).name
        case .oneOf: return pick("één keuze", "one choice")
        case .setOf: return pick("een of meer keuzes", "one or more choices")
        }
    }

    /// A question whose every answer gives the same verdict, asked because an answer opens or
    /// closes a lowering route: said so, not shown as "any value → …" (of no consequence).
    func routeOnly(_ verdict: Verdict, routes: [String]) -> String {
        let rules = routes.joined(separator: ", ")
        return pick(
            "elk antwoord → \(verdict.label(language)); het antwoord bepaalt wel of \(rules) dit oordeel nog kan verlagen",
            "every answer → \(verdict.label(language)); the answer does decide whether \(rules) can still lower this verdict")
    }

    /// How an answer of `type` is written in a plan or answers file. English keeps the
    /// plan language's own names (`yes/no`, `one of recipients`); Dutch says it in Dutch and
    /// lists the ids a value may take (`ja` and `nee` are accepted for yes and no).
    func answerSyntax(_ type: ValueType, vocabulary: Vocabulary) -> String {
        guard language == .nl else { return vocabulary.typeName(type) }
        switch type {
        case .scalar(let scalar): return TypeWords(scalar, language: language).answerSyntax
        case .oneOf(let index): return "één van: " + vocabulary.enumerations[index].members.map(\.id).joined(separator: ", ")
        case .setOf(let index): return "{…} met een of meer van: " + vocabulary.enumerations[index].members.map(\.id).joined(separator: ", ")
        }
    }

    func notStated(_ attributes: String) -> String { pick("onbekend in het plan: \(attributes)", "not stated in the plan: \(attributes)") }

    func changeActivity(_ changes: String) -> String { pick("verander de activiteit: \(changes)", "change the activity: \(changes)") }

    /// Facts that are what they are (who decides a division): not advice to restate them.
    func onlyIfInFact(_ changes: String) -> String { pick("alleen als in feite geldt: \(changes)", "only if in fact: \(changes)") }

    var noSafeguardHelps: String {
        pick("geen waarborg maakt dit toelaatbaar", "no safeguard makes this acceptable")
    }

    func mayApply(_ text: String) -> String { pick("Mogelijk van toepassing: \(text)", "May apply: \(text)") }
}

/// The words for a single-value type, in the run's language: a new `ScalarType` is answered
/// here and nowhere else in the reports or the interview.
public struct TypeWords: Sendable {
    /// The type's name (`bedrag` / `amount of money`).
    public let name: String
    /// How an answer is written in a plan or answers file. English keeps the plan
    /// language's own names (`yes/no`); Dutch says it in Dutch.
    public let answerSyntax: String
    /// The hint under an interview question (`een bedrag in euro`).
    public let hint: String

    public init(_ scalar: ScalarType, language: Language) {
        func pick(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }
        let plain = scalar.name
        switch scalar {
        case .boolean: (name, answerSyntax, hint) = (pick("ja/nee", "yes/no"), pick("ja/nee", plain), pick("ja of nee", "yes or no"))
        case .number: (name, answerSyntax, hint) = (pick("getal", "number"), pick("getal", plain), pick("een getal", "a number"))
        case .money:
            (name, answerSyntax, hint) = (pick("bedrag", "amount of money"), pick("bedrag, zoals EUR 250_000", plain), pick("een bedrag in euro", "an amount in euros"))
        case .percentage:
            (name, answerSyntax, hint) = (pick("percentage", "percentage"), pick("percentage, zoals 12%", plain), pick("een percentage", "a percentage"))
        case .date:
            (name, answerSyntax, hint) = (pick("datum", "date"), pick("datum, JJJJ-MM-DD", plain), pick("een datum, JJJJ-MM-DD", "a date, YYYY-MM-DD"))
        case .text: (name, answerSyntax, hint) = (pick("tekst", "text"), pick("tekst tussen aanhalingstekens", plain), pick("tekst", "text"))
        }
    }
}
