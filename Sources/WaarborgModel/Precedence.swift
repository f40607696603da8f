import WaarborgSyntax

/// `precedence GROUP`: the only routes by which a verdict of the group's rules may be
/// lowered, and how far (legal digest §7.3 "Precedence" and the lowering-routes table of
/// §7.6). Declared once in rules/ and enforced by `PrecedenceChecker` when the rule set is
/// checked, so no rule can quietly let hardcore conduct through.
public struct Precedence: Sendable {
    /// The protected group.
    public let group: Int
    public let routes: [LoweringRoute]
    public let range: SourceRange

    public init(group: Int, routes: [LoweringRoute], range: SourceRange) {
        self.group = group
        self.routes = routes
        self.range = range
    }

    /// The route that lets `rule` lower this group's rules, if any (a route naming the
    /// rule itself wins over one naming its group).
    public func route(for rule: Rule) -> LoweringRoute? {
        routes.first { $0.by == .rule(rule.index) } ?? routes.first { $0.by == .group(rule.group) }
    }
}

/// One route: a rule, or every rule of a group, may lower the protected rules down to `floor`.
public struct LoweringRoute: Sendable, Hashable {
    public enum By: Sendable, Hashable {
        case group(Int)
        case rule(Int)
    }

    public let by: By
    public let floor: Verdict
    public let range: SourceRange

    public init(by: By, floor: Verdict, range: SourceRange) {
        self.by = by
        self.floor = floor
        self.range = range
    }
}

extension Rule {
    /// Every verdict the rule can reach: its conclusion and its exceptions'.
    public var reachableVerdicts: [Verdict] { [conclusion] + exceptions.map(\.conclusion) }
}

/// Checks the rules against the declared precedences.
///
/// - A rule that overrides a rule of a protected group must be one of its routes, and can
///   reach no verdict below the route's floor (WB360, WB361).
/// - A rule of a protected group lowers itself only to needs assessment: an exception of it
///   that reaches a permitting verdict is an error (WB362). Lifting it further is a route's
///   work, declared where everyone sees it.
struct PrecedenceChecker {
    let vocabulary: Vocabulary
    /// The rules that checked. With errors elsewhere some are missing, so a rule is found
    /// by its index (`byIndex`), never by its position in this array.
    let rules: [Rule]

    private var byIndex: [Int: Rule] { Dictionary(uniqueKeysWithValues: rules.map { ($0.index, $0) }) }

    func check(_ syntax: [PrecedenceSyntax], ruleIndex: [String: Int], diagnostics: inout [Diagnostic]) -> [Precedence] {
        var precedences: [Precedence] = []
        var seen: [Int: SourceRange] = [:]
        for declaration in syntax {
            guard let group = vocabulary.groupIndex[declaration.group.text] else {
                let suggestion = Suggestions.closest(to: declaration.group.text, in: vocabulary.groups.map(\.id))
                let hint = Suggestions.didYouMean(suggestion)
                diagnostics.append(.error(
                    "WB332", "unknown group `\(declaration.group.text)`" + hint.en, nl: "onbekende groep `\(declaration.group.text)`" + hint.nl,
                    at: declaration.group.range, suggestion: suggestion))
                continue
            }
            if let earlier = seen[group] {
                diagnostics.append(.error(
                    "WB363", "the precedence of group `\(declaration.group.text)` is declared twice; keep one declaration with all its routes",
                    nl: "de voorrang van groep `\(declaration.group.text)` is twee keer gedeclareerd; houd één declaratie met al haar routes",
                    at: declaration.group.range, notes: [DiagnosticNote("first declared here", nl: "hier voor het eerst gedeclareerd", at: earlier)]))
                continue
            }
            seen[group] = declaration.group.range
            var routes: [LoweringRoute] = []
            for route in declaration.routes {
                guard let floor = Verdict(id: route.floor.text) else {
                    let suggestion = Suggestions.closest(to: route.floor.text, in: Verdict.allCases.map(\.id))
                    let verdicts = Verdict.allCases.map(\.id).joined(separator: ", ")
                    diagnostics.append(.error(
                        "WB331", "unknown verdict `\(route.floor.text)`; a verdict is one of: \(verdicts)",
                        nl: "onbekend oordeel `\(route.floor.text)`; een oordeel is een van: \(verdicts)",
                        at: route.floor.range, suggestion: suggestion))
                    continue
                }
                switch route.by {
                case .group(let name):
                    guard let index = vocabulary.groupIndex[name.text] else {
                        let suggestion = Suggestions.closest(to: name.text, in: vocabulary.groups.map(\.id))
                        let hint = Suggestions.didYouMean(suggestion)
                        diagnostics.append(.error(
                            "WB332", "unknown group `\(name.text)`" + hint.en, nl: "onbekende groep `\(name.text)`" + hint.nl, at: name.range,
                            suggestion: suggestion))
                        continue
                    }
                    routes.append(LoweringRoute(by: .group(index), floor: floor, range: route.range))
                case .rule(let name):
                    guard let index = ruleIndex[name.text] else {
                        let suggestion = Suggestions.closest(to: name.text, in: rules.map(\.id))
                        let hint = Suggestions.didYouMean(suggestion)
                        diagnostics.append(.error(
                            "WB336", "`\(name.text)` is not a rule" + hint.en, nl: "`\(name.text)` is geen regel" + hint.nl, at: name.range,
                            suggestion: suggestion))
                        continue
                    }
                    routes.append(LoweringRoute(by: .rule(index), floor: floor, range: route.range))
                }
            }
            precedences.append(Precedence(group: group, routes: routes, range: declaration.range))
        }
        for precedence in precedences { enforce(precedence, diagnostics: &diagnostics) }
        return precedences
    }

    private func enforce(_ precedence: Precedence, diagnostics: inout [Diagnostic]) {
        let groupID = vocabulary.groups[precedence.group].id
        let declared = DiagnosticNote(
            "the precedence of group `\(groupID)` is declared here", nl: "de voorrang van groep `\(groupID)` is hier gedeclareerd", at: precedence.range)
        let byIndex = self.byIndex
        for rule in rules where rule.group == precedence.group {
            for exception in rule.exceptions where exception.conclusion < .needsAssessment {
                diagnostics.append(.error(
                    "WB362",
                    "an exception of `\(rule.id)` (group `\(groupID)`) lowers it to `\(exception.conclusion.id)`; a rule of this group can lower itself to `needs_assessment` at most. Write `then needs_assessment`, or put the route in its own rule and list it in the precedence",
                    nl: "een uitzondering van `\(rule.id)` (groep `\(groupID)`) verlaagt de regel tot `\(exception.conclusion.id)`; een regel van deze groep kan zichzelf hoogstens tot `needs_assessment` verlagen. Schrijf `then needs_assessment`, of leg de route vast in een eigen regel en neem die op in de voorrang",
                    at: exception.range, notes: [declared]))
            }
            let possible = Set(rule.reachableVerdicts)
            for entry in overriders(of: rule) {
                guard let overrider = byIndex[entry.rule] else { continue }
                // An `if` that covers none of the rule's verdicts removes nothing of it.
                if let verdicts = entry.verdicts, verdicts.isDisjoint(with: possible) { continue }
                let lowest = overrider.reachableVerdicts.min() ?? overrider.conclusion
                guard lowest < rule.reachableVerdicts.max()! else { continue }
                let notes = [DiagnosticNote("`\(rule.id)` is here", nl: "`\(rule.id)` staat hier", at: rule.range), declared]
                guard let route = precedence.route(for: overrider) else {
                    diagnostics.append(.error(
                        "WB360",
                        "`\(overrider.id)` overrides `\(rule.id)` of group `\(groupID)` and can lower it to `\(lowest.id)`, but the precedence of `\(groupID)` lists no route for it; add `lowered by rule \(overrider.id) to VERDICT` there if the law allows it, or remove the override",
                        nl: "`\(overrider.id)` zet `\(rule.id)` van groep `\(groupID)` opzij en kan de regel verlagen tot `\(lowest.id)`, maar de voorrang van `\(groupID)` noemt daarvoor geen route; voeg daar `lowered by rule \(overrider.id) to VERDICT` toe als het recht dat toelaat, of verwijder de `overrides`",
                        at: overrider.range, notes: notes))
                    continue
                }
                if lowest < route.floor {
                    diagnostics.append(.error(
                        "WB361",
                        "`\(overrider.id)` can lower `\(rule.id)` of group `\(groupID)` to `\(lowest.id)`, below `\(route.floor.id)`, the floor of its route; reach `\(route.floor.id)` at most, or change the route",
                        nl: "`\(overrider.id)` kan `\(rule.id)` van groep `\(groupID)` verlagen tot `\(lowest.id)`, onder `\(route.floor.id)`, de ondergrens van zijn route; ga niet lager dan `\(route.floor.id)`, of wijzig de route",
                        at: overrider.range, notes: notes + [DiagnosticNote("the route is here", nl: "de route staat hier", at: route.range)]))
                }
            }
        }
    }

    private func overriders(of rule: Rule) -> [OverrideEntry] {
        var entries: [OverrideEntry] = []
        for other in rules {
            for entry in other.overrides where entry.rule == rule.index {
                entries.append(OverrideEntry(rule: other.index, verdicts: entry.verdicts))
            }
        }
        return entries
    }
}
