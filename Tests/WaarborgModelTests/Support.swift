import Testing
import WaarborgModel
import WaarborgSyntax

/// A compact vocabulary to check rules and plans against.
let baseVocabulary = """
    ruleset "Test"
      version "1"
      date 2026-01-01
    source MW-6
      title "Mededingingswet art. 6"
      status verified
    group area
      label nl "gebied" en "area"
    activity exchange
      label nl "uitwisseling" en "exchange"
    party practice
      label nl "praktijk" en "practice"
      default is_undertaking = yes
    party municipality
      label nl "gemeente" en "municipality"
    safeguard aggregation
      label nl "aggregatie" en "aggregation"
    attribute is_undertaking
      type boolean
      label nl "onderneming" en "undertaking"
    attribute turnover
      type money
      label nl "omzet" en "turnover"
    attribute share
      type percentage
      label nl "aandeel" en "share"
    values data_kind
      label nl "soort" en "kind"
      value prices nl "prijzen" en "prices"
      value costs nl "kosten" en "costs"
    fact competitors
      type boolean
      label nl "concurrenten" en "competitors"
      question nl "Concurrenten?" en "Competitors?"
      derived competing_pair
    fact undertakings
      type number
      label nl "ondernemingen" en "undertakings"
      question nl "Hoeveel?" en "How many?"
      derived count where is_undertaking
    fact total_turnover
      type money
      label nl "omzet" en "turnover"
      question nl "Omzet?" en "Turnover?"
      derived sum turnover
    fact biggest_share
      type percentage
      label nl "grootste aandeel" en "largest share"
      question nl "Aandeel?" en "Share?"
      derived max share
    fact data_kinds
      type set of data_kind
      label nl "gegevens" en "data"
      question nl "Welke?" en "Which?"
    fact age
      type number
      label nl "ouderdom" en "age"
      question nl "Hoe oud?" en "How old?"
    parameter P-AGE
      title nl "leeftijd" en "age"
      type number
      value 12 from 2019-01-01 source MW-6 "lid 1"
    """

func checkRules(_ files: [String: String]) -> (RuleSet?, [Diagnostic]) {
    let parsed = files.keys.sorted().map { RuleFileParser.parse(SourceFile(path: $0, text: files[$0]!)) }
    let syntaxErrors = parsed.flatMap(\.diagnostics)
    if syntaxErrors.hasErrors { return (nil, syntaxErrors) }
    return RuleSetChecker.check(parsed.map(\.syntax))
}

func rendered(_ diagnostic: Diagnostic) -> String {
    "\(diagnostic.location.map { "\($0): " } ?? "")\(diagnostic.severity.rawValue): \(diagnostic.message)"
}
