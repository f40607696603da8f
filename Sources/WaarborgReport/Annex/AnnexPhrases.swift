import Foundation
import WaarborgModel
import WaarborgSyntax

/// The fixed texts of the safeguards annex, each declared in the rule files
/// (`annex` … `phrase KEY nl "…" en "…"`, by convention in `rules/annex.wbr`), with the
/// placeholders Waarborg fills in. Swift holds no wording of the annex: only these keys,
/// which the annex needs, and where each placeholder's value comes from.
enum AnnexPhraseKey: String, CaseIterable, Sendable {
    // The document
    case title, subtitle
    case monthNames = "month_names", dateFormat = "date_format", listAnd = "list_and"
    case captionParticulars = "caption_particulars", columnItem = "column_item", columnDetails = "column_details"
    case labelCooperation = "label_cooperation", labelRegion = "label_region", labelPlanFile = "label_plan_file"
    case labelPlanDate = "label_plan_date", labelAsOf = "label_as_of", labelRuleset = "label_ruleset"
    case rulesetVersion = "ruleset_version"
    // Parties
    case headingParties = "heading_parties", partiesIntro = "parties_intro", captionParties = "caption_parties"
    case columnParty = "column_party", columnCapacity = "column_capacity", columnReference = "column_reference"
    // Article 1
    case headingGeneral = "heading_general", generalScope = "general_scope", generalBasis = "general_basis"
    case generalRules = "general_rules", captionRules = "caption_rules"
    case columnRule = "column_rule", columnRuleTitle = "column_rule_title", columnVersion = "column_version"
    case generalIndependence = "general_independence", generalPrecedence = "general_precedence"
    // Cleared activities
    case headingCleared = "heading_cleared", clearedIntro = "cleared_intro"
    case activityParticipants = "activity_participants", permitsFallback = "permits_fallback"
    case safeguardsRequired = "safeguards_required", safeguardsRecommended = "safeguards_recommended"
    case recommendedMark = "recommended_mark", safeguardsNone = "safeguards_none"
    case labelExplanation = "label_explanation", labelNote = "label_note"
    case basis, ruleReference = "rule_reference"
    // Activities not yet cleared
    case headingPending = "heading_pending", pendingIntro = "pending_intro", pendingStatus = "pending_status"
    case pendingQuestions = "pending_questions", pendingAttributes = "pending_attributes"
    case answerOutcome = "answer_outcome", answerAny = "answer_any", answerRoute = "answer_route"
    case pendingUncovered = "pending_uncovered", pendingConflict = "pending_conflict"
    case remedySafeguards = "remedy_safeguards", remedyChanges = "remedy_changes", remedyCombined = "remedy_combined"
    case pendingRecommended = "pending_recommended"
    // Excluded activities
    case headingExcluded = "heading_excluded", excludedIntro = "excluded_intro", excludedStatus = "excluded_status"
    case labelReason = "label_reason", excludedNoSafeguard = "excluded_no_safeguard"
    // Waived findings
    case headingWaived = "heading_waived", waivedIntro = "waived_intro", waivedFinding = "waived_finding"
    case waivedWaiver = "waived_waiver"
    // Compliance, meetings and review
    case headingCompliance = "heading_compliance", complianceOfficer = "compliance_officer"
    case complianceOfficerName = "compliance_officer_name", complianceAgendaMinutes = "compliance_agenda_minutes"
    case complianceObjection = "compliance_objection", complianceChanges = "compliance_changes"
    case complianceReview = "compliance_review"
    // Sources, notes, signatures, footer
    case headingSources = "heading_sources", sourcesIntro = "sources_intro", footnote
    case headingNotes = "heading_notes", footnoteLabel = "footnote_label", backToText = "back_to_text"
    case headingSignatures = "heading_signatures", signaturesIntro = "signatures_intro", captionSignatures = "caption_signatures"
    case columnSignatoryName = "column_signatory_name"
    case columnPlaceDate = "column_place_date", columnSignature = "column_signature"
    case footerNote = "footer_note", pageNumber = "page_number"
    // The verdicts' phrases are `verdict_ID`, one per verdict (`Verdict.annexPhraseKey`).

    /// The placeholders Waarborg fills in for this phrase (`{plan}`, …).
    var placeholders: [String] {
        switch self {
        case .subtitle, .partiesIntro, .generalScope: ["plan"]
        case .dateFormat: ["day", "month", "year"]
        case .rulesetVersion: ["ruleset", "version", "date", "digest"]
        case .generalBasis: ["ruleset", "version", "as_of"]
        case .footerNote: ["ruleset", "version", "as_of", "digest"]
        case .activityParticipants, .excludedStatus: ["activity", "parties"]
        case .safeguardsNone: ["article"]
        case .basis: ["rules"]
        case .ruleReference: ["rule", "title", "version"]
        case .pendingStatus, .waivedFinding: ["verdict"]
        case .pendingAttributes: ["attributes"]
        case .answerOutcome: ["answer", "verdict"]
        case .answerRoute: ["verdict", "rules"]
        case .pendingConflict: ["rules"]
        case .remedySafeguards: ["safeguards", "verdict"]
        case .remedyChanges: ["changes", "verdict"]
        case .remedyCombined: ["changes", "safeguards", "verdict"]
        case .pendingRecommended: ["safeguards"]
        case .waivedWaiver: ["rule", "owner", "expires", "justification"]
        case .complianceOfficerName: ["blank"]
        case .footnote: ["source", "pinpoint"]
        case .footnoteLabel: ["number"]
        case .pageNumber: ["page", "pages"]
        default: []
        }
    }
}

/// A piece of a phrase after its placeholders are found: literal text, or a placeholder.
public enum PhrasePiece: Sendable, Hashable {
    case text(String)
    case placeholder(String)
}

/// The annex phrases of a rule set in one language.
struct AnnexPhrases: Sendable {
    let phrases: [String: Bilingual]
    let language: Language

    /// One error per phrase the annex needs and the rule set lacks, pointing at the
    /// `annex` declaration (or, without one, naming where to add it).
    static func missing(in ruleSet: RuleSet) -> [Diagnostic] {
        let keys = AnnexPhraseKey.allCases.map(\.rawValue) + Verdict.allCases.map(\.annexPhraseKey)
        let missing = keys.filter { ruleSet.annexPhrases[$0] == nil }
        guard !missing.isEmpty else { return [] }
        guard let range = ruleSet.annexRange else {
            return [.error(
                "WB302",
                "the rule set has no `annex` declaration; `waarborg annex` takes its fixed texts from one (missing phrases: \(missing.joined(separator: ", "))); add rules/annex.wbr with `annex` and a `phrase KEY nl \"…\" en \"…\"` line per key",
                nl: "de regelset heeft geen `annex`-declaratie; `waarborg annex` haalt zijn vaste teksten daaruit (ontbrekende zinnen: \(missing.joined(separator: ", "))); voeg rules/annex.wbr toe met `annex` en per sleutel een regel `phrase KEY nl \"…\" en \"…\"`",
                at: nil)]
        }
        return missing.map { key in
            .error(
                "WB302", "the annex needs the phrase `\(key)`, which the `annex` declaration does not give",
                nl: "de bijlage heeft de zin `\(key)` nodig, die de `annex`-declaratie niet geeft", at: range,
                suggestion: "phrase \(key) nl \"…\" en \"…\"")
        }
    }

    func raw(_ key: AnnexPhraseKey) -> String {
        phrases[key.rawValue]?[language] ?? "{\(key.rawValue)}"
    }

    /// The phrase split at its placeholders; `{name}` with a name the key does not know
    /// stays literal text, so a typo shows in the output rather than vanishing.
    func pieces(_ key: AnnexPhraseKey) -> [PhrasePiece] {
        Self.pieces(of: raw(key), known: Set(key.placeholders))
    }

    static func pieces(of text: String, known: Set<String>) -> [PhrasePiece] {
        var pieces: [PhrasePiece] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), known.contains(String(rest[afterOpen..<close])) {
                if !literal.isEmpty { pieces.append(.text(literal)) }
                literal = ""
                pieces.append(.placeholder(String(rest[afterOpen..<close])))
                rest = rest[rest.index(after: close)...]
            } else {
                literal += "{"
                rest = rest[afterOpen...]
            }
        }
        literal += rest
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return pieces
    }

    /// Placeholders a phrase uses that Waarborg does not fill in for its key.
    static func unknownPlaceholders(in text: String, key: AnnexPhraseKey) -> [String] {
        var unknown: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !key.placeholders.contains(name), !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" }) { unknown.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return unknown
    }

    /// The phrase with its placeholders filled in as plain text.
    func text(_ key: AnnexPhraseKey, _ values: [String: String] = [:]) -> String {
        var result = ""
        for piece in pieces(key) {
            switch piece {
            case .text(let text):
                // "… U.A." before the phrase's own full stop: one stop, not two.
                result += result.hasSuffix(".") && text.hasPrefix(".") ? String(text.dropFirst()) : text
            case .placeholder(let name):
                result += values[name] ?? "{\(name)}"
            }
        }
        return result
    }

    /// The phrase with placeholders filled in by rich text (emphasis, footnotes, ids).
    func rich(_ key: AnnexPhraseKey, _ values: [String: AnnexText]) -> AnnexText {
        var result = AnnexText()
        for piece in pieces(key) {
            switch piece {
            case .text(let text):
                let endsWithStop = result.plain.hasSuffix(".") && !(result.spans.last.map { if case .footnote = $0 { true } else { false } } ?? false)
                result.append(.text(endsWithStop && text.hasPrefix(".") ? String(text.dropFirst()) : text))
            case .placeholder(let name): result.append(values[name] ?? AnnexText(.text("{\(name)}")))
            }
        }
        return result
    }

    /// The annex's name of a verdict (a phrase without placeholders).
    func verdict(_ verdict: Verdict) -> String {
        phrases[verdict.annexPhraseKey]?[language] ?? "{\(verdict.annexPhraseKey)}"
    }

    /// A date as the annex writes it (`1 maart 2026`), from `month_names` and `date_format`.
    func date(_ date: DateValue) -> String {
        let months = raw(.monthNames).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let month = months.count == 12 ? months[date.month - 1] : String(date.month)
        return text(.dateFormat, ["day": String(date.day), "month": month, "year": String(date.year)])
    }

    /// `a`, `a en b`, `a, b en c`.
    func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " " + text(.listAnd) + " " + items[items.count - 1]
        }
    }

    func list(_ items: [AnnexText]) -> AnnexText {
        var result = AnnexText()
        for (index, item) in items.enumerated() {
            if index > 0 { result.append(.text(index == items.count - 1 ? " " + text(.listAnd) + " " : ", ")) }
            result.append(item)
        }
        return result
    }
}
