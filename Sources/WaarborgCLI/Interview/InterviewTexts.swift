import Foundation
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// Everything the interview says, in Dutch and English (one run speaks one language).
/// The vocabulary's own labels, questions and definitions come from the rule files.
struct InterviewTexts {
    let language: Language
    /// `--plain`: no box drawing and no arrows, for screen readers and logs.
    let plain: Bool

    private func pick(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    var arrow: String { plain ? "->" : "→" }
    func rule(_ width: Int) -> String { String(repeating: plain ? "-" : "─", count: width) }

    // MARK: Opening and closing

    var welcome: String {
        pick(
            "Waarborg-interview: een plan uit een gesprek. Antwoord op elke vraag en druk op Enter. Typ ? als u het antwoord niet weet: de vraag blijft dan open in het plan. Een lijst kiest u met een nummer, een naam of een zoekwoord. Ctrl-C stopt zonder het planbestand te wijzigen.",
            "Waarborg interview: a plan from a conversation. Answer each question and press Enter. Type ? when you do not know: the question then stays open in the plan. Choose from a list by number, name or a word to search for. Ctrl-C stops without changing the plan file.")
    }
    func resuming(_ path: String, activities: Int) -> String {
        pick(
            "Verder met \(path) (\(activities) \(activities == 1 ? "activiteit" : "activiteiten")): alleen wat nog open is wordt gevraagd.",
            "Resuming \(path) (\(activities) \(activities == 1 ? "activity" : "activities")): only what is still open is asked.")
    }
    var headerTitle: String { pick("Het plan", "The plan") }
    var partiesTitle: String { pick("Partijen", "Parties") }
    var competitionTitle: String { pick("Wie concurreert met wie", "Who competes with whom") }
    var activitiesTitle: String { pick("Activiteiten", "Activities") }
    func activityTitle(_ id: String, title: String?) -> String {
        pick("Activiteit ", "Activity ") + id + (title.map { " — \($0)" } ?? "")
    }

    var planName: String { pick("Hoe heet het samenwerkingsverband of plan?", "What is the name of the cooperation or plan?") }
    var planDate: String {
        pick("Op welke datum geldt het plan (JJJJ-MM-DD)? Leeg: vandaag.", "On what date does the plan apply (YYYY-MM-DD)? Empty: today.")
    }
    var planRegion: String { pick("In welke regio? (leeg: geen)", "In which region? (empty: none)") }

    func partyName(_ number: Int) -> String {
        pick("Naam van partij \(number)? (leeg: geen partijen meer)", "Name of party \(number)? (empty: no more parties)")
    }
    func partyKind(_ name: String) -> String { pick("Wat voor partij is \(name)?", "What kind of party is \(name)?") }
    func attribute(_ label: String, party: String) -> String { pick("\(party): \(label)?", "\(party): \(label)?") }
    func undertaking(_ name: String) -> String {
        pick(
            "Hoort \(name) tot dezelfde onderneming (één rechtspersoon, of een groep onder één zeggenschap met gedeelde winst en risico) als een van deze partijen? (leeg of geen: nee)",
            "Does \(name) belong to the same undertaking (one legal entity, or a group under single control sharing profit and risk) as one of these parties? (empty or none: no)")
    }
    func competes(_ name: String) -> String {
        pick(
            "Met welke van deze partijen concurreert \(name) (dezelfde soort zorg in een overlappend verzorgingsgebied)? Meerdere: met komma's; geen: geen.",
            "Which of these parties does \(name) compete with (the same kind of care in an overlapping catchment area)? Several: separated by commas; none: none.")
    }
    func activityTitleQuestion(_ number: Int) -> String {
        pick("Omschrijf activiteit \(number) in een paar woorden (leeg: geen activiteiten meer).", "Describe activity \(number) in a few words (empty: no more activities).")
    }
    var activityKind: String { pick("Wat voor samenwerking is het? Kies of zoek (bijvoorbeeld: inkoop).", "What kind of cooperation is it? Choose or search (for example: purchasing).") }
    var activityParties: String { pick("Welke partijen doen mee? Meerdere: met komma's; alle: alle.", "Which parties take part? Several: separated by commas; all: all.") }
    func safeguardsQuestion(_ verdict: String) -> String {
        pick(
            "Het oordeel is nu \(verdict). Welke van deze waarborgen zijn afgesproken? Meerdere: met komma's; geen: geen.",
            "The verdict is now \(verdict). Which of these safeguards are agreed? Several: separated by commas; none: none.")
    }

    // MARK: The conduct checklist

    var checklistTitle: String { pick("Gedrag in de hele samenwerking", "Conduct in the whole cooperation") }
    var checklistIntro: String {
        pick(
            "Deze vragen gelden voor alle activiteiten samen. Nee: geen enkele activiteit doet dit; het plan vermeldt dat één keer. Ja: bij elke activiteit waar het ertoe doet wordt het gevraagd. ?: het blijft open.",
            "These questions are about all activities together. No: no activity does this; the plan states it once. Yes: it is asked for each activity where it matters. ?: it stays open.")
    }
    func checklistTopic(_ subject: ConductChecklist.Subject) -> String {
        switch subject {
        case .prices: return pick("Prijzen en tarieven", "Prices and tariffs")
        case .areas: return pick("Gebieden en patiënten", "Areas and patients")
        case .output: return pick("Aanbod en openingstijden", "Output and hours")
        case .boycott: return pick("Boycot", "Boycott")
        case .staff: return pick("Personeel en beloning", "Staff and pay")
        case .data: return pick("Strategische gegevens", "Strategic data")
        case .newcomers: return pick("Nieuwkomers", "Newcomers")
        case .other: return pick("Ander gedrag", "Other conduct")
        }
    }
    var sharesDataQuestion: String {
        pick(
            "Delen de partijen in een van de activiteiten gegevens met elkaar (zoals prijzen, kosten, volumes, capaciteit, plannen of lonen), rechtstreeks of via een derde? Nee: het plan vermeldt één keer dat er geen gegevens worden gedeeld. Ja: per activiteit wordt gevraagd welke.",
            "Do the parties share any data with each other in one of the activities (such as prices, costs, volumes, capacity, plans or pay), directly or through a third party? No: the plan states once that no data are shared. Yes: each activity is asked which.")
    }
    func checklistQuestion(_ number: Int) -> String { pick("Vraag \(number) over de hele samenwerking", "Question \(number) about the whole cooperation") }
    var askedPerActivity: String { pick("Wordt per activiteit gevraagd.", "Asked per activity.") }

    // MARK: Hints under a question

    func hint(_ type: ValueType) -> String {
        let kind: String
        switch type {
        case .scalar(let scalar): kind = TypeWords(scalar, language: language).hint
        case .oneOf: kind = pick("kies er één", "choose one")
        case .setOf: kind = pick("kies er een of meer, met komma's; geen: geen", "choose one or more, separated by commas; none: none")
        }
        return "(" + kind + pick("; ? = weet niet)", "; ? = don't know)")
    }
    var chooseHint: String { pick("(nummer, naam of zoekwoord)", "(number, name or search word)") }
    func leadsTo(_ answers: String, _ verdict: String) -> String { "\(answers) \(arrow) \(verdict)" }
    var anyValue: String { pick("elke waarde", "any value") }
    var outcomesTitle: String { pick("Wat elk antwoord betekent:", "What each answer leads to:") }

    // MARK: Progress

    func question(_ number: Int, of activity: String) -> String { pick("Vraag \(number) over \(activity)", "Question \(number) about \(activity)") }
    func now(_ verdict: String, possible: [String], left: Int) -> String {
        let rest = left == 1 ? pick("1 vraag", "1 question") : pick("\(left) vragen", "\(left) questions")
        return pick(
            "Oordeel nu: \(verdict). Nog mogelijk: \(possible.joined(separator: ", ")) (\(rest) te gaan).",
            "Verdict now: \(verdict). Still possible: \(possible.joined(separator: ", ")) (\(rest) to go).")
    }
    func settled(_ verdict: String) -> String { pick("Vastgesteld: \(verdict).", "Settled: \(verdict).") }
    func staysOpen(_ verdict: String, facts: [String]) -> String {
        pick(
            "Blijft \(verdict) zolang deze vragen open zijn: \(facts.joined(separator: ", ")).",
            "Stays \(verdict) while these questions are open: \(facts.joined(separator: ", ")).")
    }
    func noQuestionChanges(_ verdict: String) -> String {
        pick("Oordeel: \(verdict); geen antwoord op een feit verandert dat nog.", "Verdict: \(verdict); no answer about a fact changes it any more.")
    }
    var dontKnowNoted: String { pick("Genoteerd als open vraag.", "Noted as an open question.") }
    var noAnswerInFile: String { pick("(geen antwoord in het antwoordbestand: weet niet)", "(no answer in the answers file: don't know)") }

    // MARK: Problems with a reply

    func noMatch(_ text: String) -> String { pick("Niets gevonden voor \"\(text)\"; kies een nummer uit de lijst.", "Nothing matches \"\(text)\"; choose a number from the list.") }
    func ambiguous(_ text: String, _ options: [String]) -> String {
        pick("\"\(text)\" past bij meer dan één: \(options.joined(separator: ", ")). Kies er één.", "\"\(text)\" matches more than one: \(options.joined(separator: ", ")). Choose one.")
    }
    func notA(_ type: ValueType, _ text: String) -> String {
        pick("\"\(text)\" is geen geldig antwoord; verwacht: ", "\"\(text)\" is not a valid answer; expected: ") + hint(type)
    }
    var required: String { pick("Dit antwoord is nodig.", "This answer is needed.") }
    func notAccepted(_ message: String) -> String { pick("Niet overgenomen: \(message)", "Not accepted: \(message)") }

    // MARK: The file and the closing note

    func openComment(_ fact: String) -> String {
        pick("Open vraag: \(fact) (in het interview beantwoord met 'weet niet')", "Open question: \(fact) (answered 'don't know' in the interview)")
    }
    func unchanged(_ path: String) -> String {
        pick("Niets nieuws beantwoord: \(path) is niet gewijzigd.", "Nothing new was answered: \(path) was not changed.")
    }
    func written(_ path: String) -> String { pick("Plan geschreven: \(path)", "Plan written: \(path)") }
    func closing(asked: Int, answered: Int, open: Int) -> String {
        pick(
            "\(asked) \(asked == 1 ? "vraag" : "vragen") over feiten en waarborgen gesteld; het plan vermeldt er nu \(answered), \(open) \(open == 1 ? "blijft" : "blijven") open.",
            "\(asked) \(asked == 1 ? "question" : "questions") about facts and safeguards asked; the plan now states \(answered), \(open) \(open == 1 ? "stays" : "stay") open.")
    }
    func unusedAnswers(_ count: Int, available: Int) -> String {
        pick(
            "Het antwoordbestand had \(available) \(available == 1 ? "antwoord" : "antwoorden") over feiten en waarborgen; \(count) daarvan \(count == 1 ? "was" : "waren") niet nodig.",
            "The answers file had \(available) \(available == 1 ? "answer" : "answers") about facts and safeguards; \(count) of them \(count == 1 ? "was" : "were") not needed.")
    }
    /// Commands on lines of their own, never wrapped, so they can be copied.
    func nextSteps(_ path: String) -> String {
        pick(
            "Volledig rapport:      waarborg check \(path)\nOpen vragen later:     waarborg interview \(path)\n",
            "Full report:           waarborg check \(path)\nAnswer open questions: waarborg interview \(path)\n")
    }
    var interrupted: String { pick("Onderbroken: het planbestand is niet gewijzigd.", "Interrupted: the plan file was not changed.") }
    func summaryLine(_ id: String, _ verdict: String) -> String { "  \(id): \(verdict)" }
    var summaryTitle: String { pick("Oordelen:", "Verdicts:") }
}
