import Testing
@testable import WaarborgEngine
import WaarborgGenerators
import WaarborgModel
import WaarborgSyntax

/// The two forms of condition evaluation, compared on rule sets and activities generated
/// from seeds: the interpreted one (condition trees, traced) and the compiled one
/// (`LeanSession`) must give the same result, field by field, on every activity and date.
/// The generated rule sets use every condition construct and every fact type, exceptions,
/// overrides, note rules, rule periods and parameters with dated values (see
/// `SyntheticRuleSet`); a failure names the seed, and `SyntheticRuleSet.text(seed:)`
/// gives the rule set back.
@Suite struct GeneratedDifferentialTests {
    /// The seeds: fixed, so every run compares the same rule sets and activities.
    static let seeds: [UInt64] = Array(1...30)
    static let activitiesPerRuleSet = 100

    static func ruleSet(seed: UInt64) -> (RuleSet?, [Diagnostic]) {
        let file = SourceFile(path: "synthetic-\(seed).wbr", text: SyntheticRuleSet.text(seed: seed))
        let parsed = RuleFileParser.parse(file)
        let (ruleSet, diagnostics) = RuleSetChecker.check([parsed.syntax])
        return (ruleSet, parsed.diagnostics + diagnostics)
    }

    /// Which constructs a condition uses: a visitor, so a new construct must be counted here.
    struct Constructs: ConditionVisitor {
        var seen = Set<String>()
        mutating func all(_ parts: [Condition]) { seen.insert("all"); parts.forEach { $0.accept(&self) } }
        mutating func any(_ parts: [Condition]) { seen.insert("any"); parts.forEach { $0.accept(&self) } }
        mutating func not(_ inner: Condition) { seen.insert("not"); inner.accept(&self) }
        mutating func holds(fact: Int, range: SourceRange) { seen.insert("holds") }
        mutating func compare(fact: Int, _ comparison: ComparisonOperator, _ operand: Operand, range: SourceRange) {
            switch operand {
            case .value: seen.insert("compare \(comparison.rawValue) value")
            case .parameter: seen.insert("compare \(comparison.rawValue) parameter")
            }
        }
        mutating func member(fact: Int, _ relation: SetRelation, _ set: MemberSet, range: SourceRange) { seen.insert("member \(relation.rawValue)") }
        mutating func safeguards(_ list: [Int], range: SourceRange) { seen.insert("safeguards") }
        mutating func kind(_ kinds: MemberSet, range: SourceRange) { seen.insert("kind") }
        mutating func rulesApply(_ rules: [Int], range: SourceRange) { seen.insert("rulesApply") }
    }

    @Test func everyGeneratedRuleSetIsAccepted() {
        for seed in Self.seeds {
            let (ruleSet, diagnostics) = Self.ruleSet(seed: seed)
            let errors = diagnostics.filter { $0.severity == .error }
            let lines = SyntheticRuleSet.text(seed: seed).split(separator: "\n", omittingEmptySubsequences: false)
            let shown = errors.map { error in
                let line = error.location.map { $0.line - 1 }.flatMap { lines.indices.contains($0) ? String(lines[$0]) : nil } ?? ""
                return "\(error.location?.description ?? ""): \(error.message) in `\(line)`"
            }
            #expect(ruleSet != nil && errors.isEmpty, "seed \(seed): \(shown)")
            #expect(ruleSet.map { Evaluator(ruleSet: $0).program.isUsable } == true, "seed \(seed): the compiled form is not usable")
        }
    }

    @Test func theGeneratedRuleSetsUseEveryConstruct() throws {
        var constructs = Constructs()
        var factTypes = Set<String>()
        var exceptions = 0, overrides = 0, notes = 0, periods = 0, conduct = 0
        for seed in Self.seeds {
            let ruleSet = try #require(Self.ruleSet(seed: seed).0)
            for rule in ruleSet.rules {
                _ = rule.condition?.accept(&constructs)
                for exception in rule.exceptions { exception.condition.accept(&constructs) }
                for fact in rule.condition?.facts ?? [] { factTypes.insert("\(ruleSet.vocabulary.facts[fact].type)") }
                exceptions += rule.exceptions.count
                if rule.isNote { notes += 1 }
                if rule.validFrom != nil || rule.validUntil != nil { periods += 1 }
                if rule.appliesToAnyActivity { conduct += 1 }
            }
            overrides += ruleSet.overriddenBy.filter { !$0.isEmpty }.count
        }
        var expected: Set<String> = ["all", "any", "not", "holds", "safeguards", "kind", "rulesApply"]
        for relation in ["in", "includes any of", "includes all of", "includes only"] { expected.insert("member \(relation)") }
        for comparison in ComparisonOperator.allCases { expected.insert("compare \(comparison.rawValue) value") }
        for comparison in ["<", "<=", ">", ">="] { expected.insert("compare \(comparison) parameter") }
        #expect(expected.subtracting(constructs.seen).isEmpty, "never generated: \(expected.subtracting(constructs.seen).sorted())")
        #expect(factTypes.count == 8, "fact types tested: \(factTypes.sorted())")
        #expect(exceptions > 0 && overrides > 0 && notes > 0 && periods > 0 && conduct > 0)
    }

    @Test func theCompiledAndInterpretedConditionsDecideAlike() throws {
        var compared = 0
        var reached = Set<Verdict>()
        var withConflicts = 0, withQuestions = 0, withNotes = 0, withMissingParameters = 0, withParameters = 0, overridden = 0
        for seed in Self.seeds {
            let ruleSet = try #require(Self.ruleSet(seed: seed).0, "seed \(seed)")
            let evaluator = Evaluator(ruleSet: ruleSet)
            var random = SplitMix64(seed: seed ^ 0xA5A5_A5A5)
            let activities = SyntheticActivities.generate(Self.activitiesPerRuleSet, for: ruleSet, &random)
            var failures = 0
            for date in SyntheticRuleSet.dates {
                for activity in activities {
                    let lean = evaluator.evaluateCore(activity, on: date, traced: false)
                    let tree = evaluator.treeCore(activity, on: date, traced: true)
                    compared += 1
                    if let difference = LeanEvaluationTests.mismatch(lean, tree), failures < 5 {
                        failures += 1
                        Issue.record("seed \(seed), activity \(activity.id) (\(ruleSet.vocabulary.activityKinds[activity.kind].id)) on \(date): \(difference)")
                    }
                    reached.insert(tree.verdict)
                    if !tree.conflicts.isEmpty { withConflicts += 1 }
                    if !tree.questions.isEmpty { withQuestions += 1 }
                    if !tree.notes.isEmpty { withNotes += 1 }
                    if !tree.missingParameters.isEmpty { withMissingParameters += 1 }
                    if !tree.parameterUses.isEmpty { withParameters += 1 }
                    if tree.applying.count > tree.deciding.count { overridden += 1 }
                }
            }
        }
        #expect(compared == Self.seeds.count * Self.activitiesPerRuleSet * SyntheticRuleSet.dates.count)
        // The comparison means something only if the generated cases reach every outcome.
        #expect(reached == Set(Verdict.allCases), "verdicts reached: \(reached)")
        #expect(withConflicts > 0 && withQuestions > 0 && withNotes > 0 && withMissingParameters > 0 && withParameters > 0 && overridden > 0,
                "conflicts \(withConflicts), questions \(withQuestions), notes \(withNotes), missing parameters \(withMissingParameters), parameters \(withParameters), overridden \(overridden)")
    }
}
