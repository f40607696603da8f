import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// Coverage of one rule's branches by the rule set's examples.
public struct RuleCoverage: Sendable {
    public let rule: Int
    /// Branch names: "then" for the general conclusion, "unless 1", … for exceptions,
    /// "note" for a note rule.
    public let branches: [String]
    public let covered: [Bool]

    public var coveredCount: Int { covered.filter { $0 }.count }
}

public struct LintResult: Sendable {
    public let diagnostics: [Diagnostic]
    public let coverage: [RuleCoverage]
    public let examples: [ExampleResult]
    /// The safety proof: one finding per hardcore fact and activity kind.
    public var safety: [SafetyProof.Finding] = []

    public init(diagnostics: [Diagnostic], coverage: [RuleCoverage], examples: [ExampleResult]) {
        self.diagnostics = diagnostics
        self.coverage = coverage
        self.examples = examples
    }

    /// How many (fact, kind) pairs the safety proof established.
    public var provenCount: Int { safety.filter { $0.guardRule != nil }.count }

    public var branchCount: Int { coverage.reduce(0) { $0 + $1.branches.count } }
    public var coveredCount: Int { coverage.reduce(0) { $0 + $1.coveredCount } }
    /// Branch coverage in percent, rounded down to a whole number.
    public var coveragePercent: Int { branchCount == 0 ? 100 : coveredCount * 100 / branchCount }
}

/// Reviews a checked rule set as a lawyer's reviewer would: exceptions that can never
/// apply, rules of one level that overlap with different verdicts and nothing relating
/// them, declarations no rule uses, branches no example exercises, and texts the annex
/// will need.
public struct Linter {
    public let ruleSet: RuleSet
    public let date: DateValue

    public init(ruleSet: RuleSet, date: DateValue? = nil) {
        self.ruleSet = ruleSet
        self.date = date ?? ruleSet.info.date
    }

    public func run() -> LintResult {
        var diagnostics: [Diagnostic] = []
        diagnostics += impossibleExceptions()
        diagnostics += overlaps()
        diagnostics += unused()
        diagnostics += annexTexts()
        diagnostics += unverifiedPermissions()
        diagnostics += untranslatedSourceTexts()
        let safety = self.safety()
        diagnostics += safety.diagnostics
        let examples = ExampleRunner.run(ruleSet, asOf: nil)
        for result in examples where !result.passed {
            diagnostics.append(.error(
                "WB721",
                "example \"\(result.example.title)\" of \(ruleSet.rules[result.rule].id) fails: expects \(result.example.expectedVerdict.id), got \(result.evaluation.verdict.id) by \(result.decidingRules.joined(separator: ", "))",
                nl: "voorbeeld \"\(result.example.title)\" van \(ruleSet.rules[result.rule].id) slaagt niet: verwacht `\(result.example.expectedVerdict.id)`, uitkomst `\(result.evaluation.verdict.id)` door \(result.decidingRules.joined(separator: ", "))",
                at: result.example.expectRange))
        }
        let coverage = self.coverage(examples)
        for entry in coverage {
            let rule = ruleSet.rules[entry.rule]
            for (branch, covered) in zip(entry.branches, entry.covered) where !covered {
                let range = rule.exceptions.first { "unless " + rule.exceptionPath($0.index) == branch }?.range ?? rule.range
                diagnostics.append(.warning(
                    "WB720", "no example exercises the `\(branch)` branch of \(rule.id); add an example where it decides",
                    nl: "geen enkel voorbeeld doorloopt de tak `\(branch)` van \(rule.id); voeg een voorbeeld toe waarin die tak beslist", at: range))
            }
        }
        var result = LintResult(diagnostics: diagnostics, coverage: coverage, examples: examples)
        result.safety = safety.findings
        return result
    }

    // MARK: Exceptions that can never apply

    /// A date on which every given rule (and, as far as possible, the parameters it uses) is
    /// in force: the lint date when it fits, else the nearest day inside their validity.
    /// Nil when the rules are never in force together.
    func date(for rules: [Rule]) -> DateValue? {
        var earliest = DateValue(year: 1, month: 1, day: 1)!
        var latestExclusive: DateValue?
        for rule in rules {
            if let from = rule.validFrom, from > earliest { earliest = from }
            if let until = rule.validUntil, latestExclusive.map({ until < $0 }) ?? true { latestExclusive = until }
            // Parameters narrow the window too, so a lapsed threshold is not "impossible".
            let parameters = (rule.condition?.parameters ?? []) + rule.exceptions.flatMap(\.condition.parameters)
            for index in parameters where ruleSet.parameters[index].version(on: date) == nil {
                if let version = ruleSet.parameters[index].versions.last(where: { ($0.from ?? earliest) <= (latestExclusive ?? date) }) {
                    if let from = version.from, from > earliest { earliest = from }
                    if let until = version.until, latestExclusive.map({ until < $0 }) ?? true { latestExclusive = until }
                }
            }
        }
        if let latestExclusive, latestExclusive <= earliest { return nil }
        if date >= earliest, latestExclusive.map({ date < $0 }) ?? true { return date }
        if date < earliest { return earliest }
        // The lint date is past the window: its last day.
        let last = latestExclusive!.ordinal - 1
        return DateValue.from(ordinal: last)
    }

    func impossibleExceptions() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for rule in ruleSet.rules where !rule.isNote {
            guard let day = date(for: [rule]) else { continue }
            let search = SatisfiabilitySearch(ruleSet: ruleSet, date: day)
            for exception in rule.exceptions {
                // An exception to an exception is tested only where the exceptions it is
                // nested in hold, so their conditions count too.
                let chain = rule.exceptionChain(exception.index)
                let conditions = (rule.condition.map { [$0] } ?? []) + chain.reversed().map { rule.exceptions[$0].condition }
                if case .impossible = search.find(conditions, kinds: rule.appliesTo) {
                    let nested = chain.dropFirst().reversed().map { "`unless \(rule.exceptions[$0].label)`" }.joined(separator: ", ")
                    let parents = chain.count > 1 ? " and of the exceptions it is nested in (" + nested + ")" : ""
                    let parentsNL = chain.count > 1 ? " en met die van de uitzonderingen waarin zij genest is (" + nested + ")" : ""
                    diagnostics.append(.error(
                        "WB701",
                        "`unless \(rule.exceptionPath(exception.index))` of \(rule.id) can never apply: its condition contradicts the rule's `when`\(parents)",
                        nl: "`unless \(rule.exceptionPath(exception.index))` van \(rule.id) kan nooit van toepassing zijn: de voorwaarde ervan is in strijd met de `when` van de regel\(parentsNL)",
                        at: exception.range, notes: [DiagnosticNote("the rule's condition", nl: "de voorwaarde van de regel", at: rule.range)]))
                }
            }
        }
        return diagnostics
    }

    // MARK: Overlapping rules

    /// A rule's outcome under one branch: its condition and verdict.
    struct Branch {
        let name: String
        let conditions: [Condition]
        let verdict: Verdict
    }

    func branches(_ rule: Rule) -> [Branch] {
        let base = rule.condition.map { [$0] } ?? []
        // A branch holds where its exception and those it is nested in hold, and none of the
        // exceptions nested directly in it does.
        func nested(in parent: Int?) -> [Condition] { rule.exceptions.filter { $0.parent == parent }.map { .not($0.condition) } }
        var result = [Branch(name: "then", conditions: base + nested(in: nil), verdict: rule.conclusion)]
        for exception in rule.exceptions {
            let chain = rule.exceptionChain(exception.index).reversed().map { rule.exceptions[$0].condition }
            result.append(Branch(
                name: "unless \(rule.exceptionPath(exception.index))", conditions: base + chain + nested(in: exception.index), verdict: exception.conclusion))
        }
        return result
    }

    /// Whether one rule overrides the other for this verdict, or names it in a condition:
    /// then the lawyer has related them and there is nothing to report.
    func related(_ a: Rule, _ b: Rule, verdictOfA: Verdict, verdictOfB: Verdict) -> Bool {
        if a.overrides.contains(where: { $0.rule == b.index && ($0.verdicts?.contains(verdictOfB) ?? true) }) { return true }
        if b.overrides.contains(where: { $0.rule == a.index && ($0.verdicts?.contains(verdictOfA) ?? true) }) { return true }
        let referencesA = (a.condition?.rules ?? []) + a.exceptions.flatMap(\.condition.rules)
        let referencesB = (b.condition?.rules ?? []) + b.exceptions.flatMap(\.condition.rules)
        return referencesA.contains(b.index) || referencesB.contains(a.index)
    }

    func overlaps() -> [Diagnostic] {
        let rules = ruleSet.rules.filter { !$0.isNote }
        var diagnostics: [Diagnostic] = []
        // Pairs of rules (lower index first) that overlap, reported or intended.
        var overlapping = Set<[Int]>()
        for (position, a) in rules.enumerated() {
            for b in rules[(position + 1)...] where a.group == b.group {
                let kinds = a.appliesTo.filter { b.appliesTo.contains($0) }
                // Rules never in force on the same day cannot overlap.
                guard !kinds.isEmpty, let day = date(for: [a, b]) else { continue }
                let search = SatisfiabilitySearch(ruleSet: ruleSet, date: day, nodeLimit: 4_000)
                pairs: for branchA in branches(a) {
                    for branchB in branches(b) where branchA.verdict != branchB.verdict {
                        guard !related(a, b, verdictOfA: branchA.verdict, verdictOfB: branchB.verdict) else { continue }
                        let conflict = (branchA.verdict.permits && branchB.verdict == .prohibited) || (branchB.verdict.permits && branchA.verdict == .prohibited)
                        guard case .satisfiable(let witness) = search.find(branchA.conditions + branchB.conditions, kinds: kinds) else { continue }
                        overlapping.insert([min(a.index, b.index), max(a.index, b.index)])
                        let message = "\(a.id) (`\(branchA.name)`: \(branchA.verdict.id)) and \(b.id) (`\(branchB.name)`: \(branchB.verdict.id)) of group `\(ruleSet.vocabulary.groups[a.group].id)` both apply when \(describe(witness))"
                        let messageNL = "\(a.id) (`\(branchA.name)`: `\(branchA.verdict.id)`) en \(b.id) (`\(branchB.name)`: `\(branchB.verdict.id)`) van groep `\(ruleSet.vocabulary.groups[a.group].id)` zijn allebei van toepassing als `\(describe(witness))`"
                        let here = DiagnosticNote("\(a.id) is here", nl: "\(a.id) staat hier", at: a.range)
                        if conflict {
                            diagnostics.append(.error(
                                "WB702", message + "; a permit and a prohibition in one group are a conflict (needs assessment): add an `unless` or `overrides` that relates them",
                                nl: messageNL + "; een toestemming en een verbod in één groep vormen een conflict (nadere beoordeling nodig): voeg een `unless` of `overrides` toe die ze met elkaar in verband brengt",
                                at: b.range, notes: [here]))
                        } else if !a.overlapIsIntended(with: b) {
                            diagnostics.append(.warning(
                                "WB703", message + "; the worse verdict wins, so check that this is intended",
                                nl: messageNL + "; het strengste oordeel wint, dus controleer of dit zo bedoeld is",
                                at: b.range, notes: [here]))
                        }
                        break pairs
                    }
                }
            }
        }
        return diagnostics + staleIntendedOverlaps(overlapping)
    }

    /// An `intended overlap with` that no longer describes an overlap (the rules changed,
    /// or they are in different groups, which lint never compares) would silence nothing
    /// and mislead a reader of the catalogue.
    func staleIntendedOverlaps(_ overlapping: Set<[Int]>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for rule in ruleSet.rules {
            for overlap in rule.intendedOverlaps {
                let other = ruleSet.rules[overlap.rule]
                if other.group != rule.group || other.isNote || rule.isNote {
                    diagnostics.append(.warning(
                        "WB704", "\(rule.id) states an intended overlap with \(other.id), but lint compares only rules of one group that reach verdicts (\(rule.id): `\(ruleSet.vocabulary.groups[rule.group].id)`, \(other.id): `\(ruleSet.vocabulary.groups[other.group].id)`); remove the statement",
                        nl: "\(rule.id) vermeldt een bedoelde overlap met \(other.id), maar lint vergelijkt alleen regels van één groep die tot een oordeel komen (\(rule.id): `\(ruleSet.vocabulary.groups[rule.group].id)`, \(other.id): `\(ruleSet.vocabulary.groups[other.group].id)`); verwijder de vermelding",
                        at: overlap.range))
                } else if !overlapping.contains([min(rule.index, other.index), max(rule.index, other.index)]) {
                    diagnostics.append(.warning(
                        "WB704", "\(rule.id) states an intended overlap with \(other.id), but no activity gets different verdicts from both; remove the statement, or check that the rules still say what it describes",
                        nl: "\(rule.id) vermeldt een bedoelde overlap met \(other.id), maar geen enkele activiteit krijgt van beide een verschillend oordeel; verwijder de vermelding, of controleer of de regels nog zeggen wat die vermelding beschrijft",
                        at: overlap.range))
                }
            }
        }
        return diagnostics
    }

    /// The overlapping facts, as a reviewer reads them.
    func describe(_ witness: Witness) -> String {
        let vocabulary = ruleSet.vocabulary
        var parts = ["kind = \(vocabulary.activityKinds[witness.kind].id)"]
        for fact in witness.facts.keys.sorted(by: { vocabulary.facts[$0].id < vocabulary.facts[$1].id }) {
            let definition = vocabulary.facts[fact]
            parts.append("\(definition.id) = \(vocabulary.canonical(witness.facts[fact]!, type: definition.type))")
        }
        if !witness.safeguards.isEmpty {
            parts.append("safeguards = " + witness.safeguards.map { vocabulary.safeguards[$0].id }.sorted().joined(separator: ", "))
        }
        return parts.joined(separator: ", ")
    }

    // MARK: Unused declarations

    func unused() -> [Diagnostic] {
        let vocabulary = ruleSet.vocabulary
        var usedFacts = Set<Int>()
        var usedSafeguards = Set<Int>()
        var usedParameters = Set<Int>()
        var usedMembers: [Int: Set<Int>] = [:]
        var usedKinds = Set<Int>()
        var usedSources = Set<String>()
        func visit(_ condition: Condition) {
            let uses = condition.uses
            usedFacts.formUnion(uses.facts)
            usedSafeguards.formUnion(uses.safeguards)
            usedParameters.formUnion(uses.parameters)
            collectMembers(uses, into: &usedMembers)
        }
        for rule in ruleSet.rules {
            rule.condition.map(visit)
            rule.exceptions.forEach { visit($0.condition) }
            usedSafeguards.formUnion(rule.recommends)
            // A kind only conduct rules (`applies to any activity`) reach has no rule of its
            // own: its activities are judged on hardcore conduct alone.
            if !rule.appliesToAnyActivity { usedKinds.formUnion(rule.appliesTo) }
            for citation in rule.sources + rule.exceptions.flatMap(\.sources) { usedSources.insert(citation.source) }
        }
        for condition in ruleSet.conditions { visit(condition.condition) }
        for parameter in ruleSet.parameters {
            for version in parameter.versions { usedSources.insert(version.citation.source) }
        }
        var diagnostics: [Diagnostic] = []
        for parameter in ruleSet.parameters where !usedParameters.contains(parameter.index) {
            diagnostics.append(.warning("WB710", "parameter `\(parameter.id)` is not used by any rule", nl: "parameter `\(parameter.id)` wordt door geen enkele regel gebruikt", at: parameter.range))
        }
        for fact in vocabulary.facts where !usedFacts.contains(fact.index) {
            diagnostics.append(.warning("WB711", "fact `\(fact.id)` is not tested by any rule; plans may state it, but it decides nothing",
                nl: "feit `\(fact.id)` wordt door geen enkele regel getoetst; plannen mogen het vermelden, maar het beslist niets", at: fact.range))
        }
        for (index, safeguard) in vocabulary.safeguards.enumerated() where !usedSafeguards.contains(index) {
            diagnostics.append(.warning("WB712", "safeguard `\(safeguard.id)` is neither required nor recommended by any rule",
                nl: "waarborg `\(safeguard.id)` wordt door geen enkele regel vereist of aanbevolen", at: safeguard.range))
        }
        for (index, kind) in vocabulary.activityKinds.enumerated() where !usedKinds.contains(index) {
            diagnostics.append(.warning("WB715", "no rule applies to activity kind `\(kind.id)`; such activities are always needs assessment",
                nl: "geen enkele regel is van toepassing op activiteitsoort `\(kind.id)`; zulke activiteiten krijgen altijd het oordeel nadere beoordeling nodig", at: kind.range))
        }
        var usedAttributes = Set<Int>()
        for fact in vocabulary.facts {
            switch fact.derivation {
            case .count(let filter)?: if let filter { usedAttributes.insert(filter) }
            case .sum(let attribute, let filter)?, .max(let attribute, let filter)?, .min(let attribute, let filter)?,
                .any(let attribute, let filter)?, .all(let attribute, let filter)?:
                usedAttributes.insert(attribute)
                if let filter { usedAttributes.insert(filter) }
            default: break
            }
        }
        for attribute in vocabulary.attributes where !usedAttributes.contains(attribute.index) {
            diagnostics.append(.warning("WB717", "party attribute `\(attribute.id)` is used by no derived fact",
                nl: "partijkenmerk `\(attribute.id)` wordt door geen enkel afgeleid feit gebruikt", at: attribute.range))
        }
        for (index, set) in vocabulary.sets.enumerated() where !setUsed(index) {
            diagnostics.append(.warning("WB714", "set `\(set.id)` is not used by any rule", nl: "verzameling `\(set.id)` wordt door geen enkele regel gebruikt", at: set.range))
        }
        for (index, enumeration) in vocabulary.enumerations.enumerated() {
            let used = usedMembers[index] ?? []
            let unusedMembers = enumeration.members.indices.filter { !used.contains($0) }.map { enumeration.members[$0].id }
            if !unusedMembers.isEmpty, unusedMembers.count < enumeration.members.count {
                diagnostics.append(.warning(
                    "WB713", "no rule tests these values of `\(enumeration.id)`: \(unusedMembers.joined(separator: ", "))",
                    nl: "geen enkele regel toetst deze waarden van `\(enumeration.id)`: \(unusedMembers.joined(separator: ", "))", at: enumeration.range))
            }
        }
        for source in ruleSet.sources where !usedSources.contains(source.id) {
            diagnostics.append(.warning("WB718", "source `\(source.id)` is cited by no rule or parameter",
                nl: "bron `\(source.id)` wordt door geen enkele regel of parameter aangehaald", at: source.range))
        }
        return diagnostics
    }

    private func setUsed(_ index: Int) -> Bool {
        // Named sets are expanded when checked; a set is used when some test's members are
        // exactly the set, or contain all of it.
        let members = ruleSet.vocabulary.sets[index].members
        var found = false
        func visit(_ condition: Condition) {
            for test in condition.uses.memberTests where members.isSubset(of: test.set) && !members.isEmpty { found = true }
        }
        for rule in ruleSet.rules {
            rule.condition.map(visit)
            rule.exceptions.forEach { visit($0.condition) }
        }
        ruleSet.conditions.forEach { visit($0.condition) }
        return found
    }

    /// The values of each enumeration that the condition's tests name.
    private func collectMembers(_ uses: ConditionUses, into used: inout [Int: Set<Int>]) {
        for test in uses.memberTests {
            switch ruleSet.vocabulary.facts[test.fact].type {
            case .oneOf(let index), .setOf(let index): used[index, default: []].formUnion(test.set.members)
            default: break
            }
        }
        for test in uses.comparisons {
            if case .value(.member(let member)) = test.operand, case .oneOf(let index) = ruleSet.vocabulary.facts[test.fact].type {
                used[index, default: []].insert(member)
            }
        }
    }

    // MARK: Texts for the annex and unverified permissions

    func annexTexts() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for safeguard in ruleSet.vocabulary.safeguards where safeguard.undertaking == nil {
            diagnostics.append(.warning(
                "WB730", "safeguard `\(safeguard.id)` has no `undertaking`; the annex needs the obligation in words",
                nl: "waarborg `\(safeguard.id)` heeft geen `undertaking`; de bijlage heeft de verplichting in woorden nodig", at: safeguard.range))
        }
        for rule in ruleSet.rules where !rule.isNote && rule.permits == nil {
            let permits = rule.conclusion.permits || rule.exceptions.contains { $0.conclusion.permits }
            if permits {
                diagnostics.append(.warning(
                    "WB731", "\(rule.id) can reach a permitting verdict but has no `permits` text for the annex",
                    nl: "\(rule.id) kan tot een toestaand oordeel komen, maar heeft geen `permits`-tekst voor de bijlage", at: rule.range))
            }
        }
        return diagnostics
    }

    /// A permitting verdict resting only on unverified sources contradicts the digest's
    /// instruction: an unverified point gives needs assessment.
    func unverifiedPermissions() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for rule in ruleSet.rules where !rule.isNote {
            let statuses = rule.sources.compactMap { ruleSet.sourceIndex[$0.source].map { ruleSet.sources[$0].status } }
            guard !statuses.isEmpty, statuses.allSatisfy({ $0 == .unverified }) else { continue }
            if rule.conclusion.permits {
                diagnostics.append(.warning(
                    "WB732", "\(rule.id) permits (\(rule.conclusion.id)) on unverified sources only; an unverified point should give needs assessment",
                    nl: "\(rule.id) staat toe (`\(rule.conclusion.id)`) op grond van alleen niet-geverifieerde bronnen; een niet-geverifieerd punt hoort tot nadere beoordeling nodig te leiden",
                    at: rule.range))
            }
        }
        return diagnostics
    }

    // MARK: Coverage

    func coverage(_ examples: [ExampleResult]) -> [RuleCoverage] {
        var generalCovered = Set<Int>()
        var exceptionCovered = Set<[Int]>()
        let evaluator = Evaluator(ruleSet: ruleSet)
        for result in examples {
            for trace in evaluator.traces(result.evaluation.activity, on: result.date) where trace.status == .applies {
                if trace.heldExceptions.isEmpty { generalCovered.insert(trace.rule) }
                // An exception's branch is exercised where it decides: it holds and no
                // exception nested in it does.
                let rule = ruleSet.rules[trace.rule]
                for held in trace.heldExceptions where !trace.heldExceptions.contains(where: { rule.exceptions[$0].parent == held }) {
                    exceptionCovered.insert([trace.rule, held])
                }
            }
            for note in result.evaluation.notes where note.applies == .yes { generalCovered.insert(note.rule) }
        }
        return ruleSet.rules.map { rule in
            if rule.isNote {
                return RuleCoverage(rule: rule.index, branches: ["note"], covered: [generalCovered.contains(rule.index)])
            }
            var branches = ["then"]
            var covered = [generalCovered.contains(rule.index)]
            for exception in rule.exceptions {
                branches.append("unless \(rule.exceptionPath(exception.index))")
                covered.append(exceptionCovered.contains([rule.index, exception.index]))
            }
            return RuleCoverage(rule: rule.index, branches: branches, covered: covered)
        }
    }
}
