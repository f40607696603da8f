import Testing
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

@Suite struct RemedyTests {
    func ids(_ safeguards: [Int], _ ruleSet: RuleSet) -> [String] { safeguards.map { ruleSet.vocabulary.safeguards[$0].id } }

    /// Every remedy reaches its promise, and leaving out any one safeguard loses it.
    func assertMinimalAndKept(_ evaluation: Detailed, _ ruleSet: RuleSet, _ evaluator: Evaluator) {
        for remedy in evaluation.remedies {
            var fixed = evaluation.activity
            for safeguard in remedy.addSafeguards { fixed.safeguards.insert(safeguard) }
            for change in remedy.changeFacts { fixed.facts[change.fact] = FactValue(value: change.to, origin: .supposed) }
            #expect(evaluator.evaluateDetailed(fixed, on: june2026).verdict == remedy.reaches)
            for left in remedy.addSafeguards {
                var smaller = evaluation.activity
                for safeguard in remedy.addSafeguards where safeguard != left { smaller.safeguards.insert(safeguard) }
                for change in remedy.changeFacts { smaller.facts[change.fact] = FactValue(value: change.to, origin: .supposed) }
                #expect(evaluator.evaluateDetailed(smaller, on: june2026).verdict > remedy.reaches, "\(ids(remedy.addSafeguards, ruleSet)) is not minimal")
            }
        }
    }

    @Test func aMissingPairOfSafeguardsIsFoundAsOneMinimalSet() throws {
        let ruleSet = try miniRuleSet()
        let evaluator = Evaluator(ruleSet: ruleSet)
        let historic = activity(ruleSet, kind: "exchange", facts: [
            "undertakings": .amount(Amount(2)), "competitors": .boolean(true), "data_kinds": .members(MemberSet([1])),
            "age_months": .amount(Amount(30)),
        ])
        let result = evaluator.evaluateDetailed(historic, on: june2026)
        #expect(result.verdict == .needsAssessment)
        #expect(result.remedies.count == 1)
        #expect(ids(result.remedies[0].addSafeguards, ruleSet).sorted() == ["aggregation", "third_party"])
        #expect(result.remedies[0].reaches == .allowedWithSafeguards)
        #expect(result.remedies[0].exceptions == [ExceptionReference(rule: ruleSet.ruleIndex["EX-2"]!, exception: 0)])
        assertMinimalAndKept(result, ruleSet, evaluator)
    }

    @Test func remediesAreOrderedBySizeThenVerdict() throws {
        let extra = """
            rule ZZ-4
              title nl "Getrapt" en "Stepped"
              group area
              applies to unregulated
              then prohibited
              because nl "Verboden." en "Prohibited."
              unless safeguard clean_team
                then needs_assessment
                because nl "Nader." en "Assess."
              unless safeguards third_party, aggregation
                then allowed_with_safeguards
                because nl "Mits." en "Provided."
              unless safeguards third_party, aggregation, clean_team
                then allowed
                because nl "Toegestaan." en "Allowed."
              source SRC-A "para 15"
            """
        let ruleSet = try miniRuleSet(extra: ["mini/zz.wbr": extra])
        let evaluator = Evaluator(ruleSet: ruleSet)
        let result = evaluator.evaluateDetailed(activity(ruleSet, kind: "unregulated", facts: [:]), on: june2026)
        #expect(result.verdict == .prohibited)
        // The full set of three makes two exceptions hold at once (a conflict), so it reaches
        // no better than needs assessment and is dominated by clean_team alone.
        #expect(result.remedies.map { ids($0.addSafeguards, ruleSet).sorted() } == [["clean_team"], ["aggregation", "third_party"]])
        #expect(result.remedies.map(\.reaches) == [.needsAssessment, .allowedWithSafeguards])
        let sizes = result.remedies.map { $0.addSafeguards.count + $0.changeFacts.count }
        #expect(sizes == sizes.sorted())
        assertMinimalAndKept(result, ruleSet, evaluator)
    }

    @Test func factChangesAppearWhereSafeguardsCannotReachAllowedWithSafeguards() throws {
        let ruleSet = try miniRuleSet()
        let evaluator = Evaluator(ruleSet: ruleSet)
        let recent = activity(ruleSet, kind: "exchange", facts: [
            "undertakings": .amount(Amount(2)), "competitors": .boolean(true), "data_kinds": .members(MemberSet([1])),
            "age_months": .amount(Amount(3)),
        ])
        let result = evaluator.evaluateDetailed(recent, on: june2026)
        #expect(result.verdict == .prohibited)
        let safeguardOnly = result.remedies.filter { $0.changeFacts.isEmpty }
        #expect(safeguardOnly.map { ids($0.addSafeguards, ruleSet) } == [["clean_team"]])
        #expect(safeguardOnly.first?.reaches == .needsAssessment)
        // Two ways to change the activity: only non-competitors take part, or older data.
        let changed = result.remedies.filter { !$0.changeFacts.isEmpty }.map { ruleSet.vocabulary.facts[$0.changeFacts[0].fact].id }
        #expect(changed == ["competitors", "age_months"])
        let change = try #require(result.remedies.first { $0.changeFacts.first.map { ruleSet.vocabulary.facts[$0.fact].id } == "age_months" })
        #expect(change.changeFacts.count == 1)
        #expect(ruleSet.vocabulary.facts[change.changeFacts[0].fact].id == "age_months")
        #expect(change.changeFacts[0].kind == .atLeast)
        #expect(change.changeFacts[0].to == .amount(Amount(12)), "the smallest age that counts as historic under P-AGE")
        #expect(ids(change.addSafeguards, ruleSet).sorted() == ["aggregation", "third_party"])
        #expect(change.reaches == .allowedWithSafeguards)
        assertMinimalAndKept(result, ruleSet, evaluator)
    }

    /// A fact-change remedy whose verdict still depends on an unknown fact names no rules:
    /// every contributing rule would be listed, though none decides. A remedy whose verdict
    /// is decided names the rules that decide it.
    @Test func aRemedyNamesItsRulesOnlyWhenTheyDecide() throws {
        let extra = """
            rule ZZ-5
              title nl "Concurrenten" en "Competitors"
              group area
              applies to unregulated
              when competitors
              then prohibited
              because nl "Verboden." en "Prohibited."
              source SRC-A "para 1"

            rule ZZ-6
              title nl "Groot aandeel" en "Large share"
              group area
              applies to unregulated
              when share > 10%
              then needs_assessment
              because nl "Nader." en "Assess."
              source SRC-A "para 2"

            rule ZZ-7
              title nl "Geen concurrenten" en "No competitors"
              group area
              applies to unregulated
              when not competitors
              then allowed
              because nl "Toegestaan." en "Allowed."
              source SRC-A "para 3"
            """
        let ruleSet = try miniRuleSet(extra: ["mini/zz.wbr": extra])
        let evaluator = Evaluator(ruleSet: ruleSet)
        let open = evaluator.evaluateDetailed(activity(ruleSet, kind: "unregulated", facts: ["competitors": .boolean(true)]), on: june2026)
        #expect(open.verdict == .prohibited)
        let change = try #require(open.remedies.first { !$0.changeFacts.isEmpty })
        #expect(ruleSet.vocabulary.facts[change.changeFacts[0].fact].id == "competitors")
        #expect(change.reaches == .needsAssessment)
        // With competitors = no the verdict hangs on the unknown share: undetermined.
        var changed = open.activity
        changed.facts[change.changeFacts[0].fact] = FactValue(value: change.changeFacts[0].to, origin: .supposed)
        #expect(evaluator.evaluate(changed, on: june2026).determination == .undetermined)
        #expect(change.rules.isEmpty, "\(change.rules.map { ruleSet.rules[$0].id }) do not decide")
        #expect(change.exceptions.isEmpty)

        // With the share stated, the same change reaches a decided verdict and names its rule.
        let known = evaluator.evaluateDetailed(
            activity(ruleSet, kind: "unregulated", facts: ["competitors": .boolean(true), "share": .amount(Amount(5))]), on: june2026)
        let decided = try #require(known.remedies.first { !$0.changeFacts.isEmpty })
        #expect(decided.reaches == .allowed)
        #expect(decided.rules.map { ruleSet.rules[$0].id } == ["ZZ-7"])
    }

    /// A remedy only changes what the parties can change: a fact declared `fixed` (whether
    /// the parties compete, a market share) is never proposed.
    @Test func aFixedFactIsNeverProposedAsARemedy() throws {
        let fixedVocabulary = fixture("vocabulary.wbr").replacingOccurrences(
            of: "fact competitors\n  type boolean\n", with: "fact competitors\n  type boolean\n  fixed\n")
        #expect(fixedVocabulary != fixture("vocabulary.wbr"))
        let ruleSet = try miniRuleSet(extra: ["mini/vocabulary.wbr": fixedVocabulary])
        #expect(ruleSet.vocabulary.facts[ruleSet.vocabulary.factIndex["competitors"]!].isFixed)
        let recent = activity(ruleSet, kind: "exchange", facts: [
            "undertakings": .amount(Amount(2)), "competitors": .boolean(true), "data_kinds": .members(MemberSet([1])),
            "age_months": .amount(Amount(3)),
        ])
        let result = Evaluator(ruleSet: ruleSet).evaluateDetailed(recent, on: june2026)
        let changed = result.remedies.flatMap(\.changeFacts).map { ruleSet.vocabulary.facts[$0.fact].id }
        #expect(!changed.contains("competitors"))
        #expect(changed.contains("age_months"))
    }

    @Test func noRemedyIsOfferedThatEmptiesTheActivity() throws {
        let ruleSet = try miniRuleSet()
        let result = Evaluator(ruleSet: ruleSet).evaluateDetailed(activity(ruleSet, kind: "exchange", facts: [
            "undertakings": .amount(Amount(2)), "competitors": .boolean(true), "data_kinds": .members(MemberSet([0])),
            "age_months": .amount(Amount(3)),
        ]), on: june2026)
        for remedy in result.remedies {
            for change in remedy.changeFacts {
                #expect(change.to != .members(MemberSet()), "removing every kind of data is not a way to carry on")
            }
        }
    }

    @Test func questionsSayWhereEachAnswerLeads() throws {
        let ruleSet = try miniRuleSet()
        let open = activity(ruleSet, kind: "exchange", facts: [
            "undertakings": .amount(Amount(2)), "competitors": .boolean(true), "data_kinds": .members(MemberSet([1])),
        ], safeguards: ["third_party", "aggregation"])
        let result = Evaluator(ruleSet: ruleSet).evaluateDetailed(open, on: june2026)
        let question = try #require(result.questions.first)
        #expect(ruleSet.vocabulary.facts[question.fact].id == "age_months")
        #expect(question.outcomes == [
            AnswerOutcome(answer: .range(lower: nil, upper: Amount(11)), verdict: .prohibited),
            AnswerOutcome(answer: .range(lower: Amount(12), upper: nil), verdict: .allowedWithSafeguards),
        ])
        let competitors = Evaluator(ruleSet: ruleSet).evaluateDetailed(activity(ruleSet, kind: "exchange", facts: [
            "undertakings": .amount(Amount(2)), "data_kinds": .members(MemberSet([0])), "age_months": .amount(Amount(3)),
        ]), on: june2026)
        #expect(competitors.questions.first?.outcomes == [
            AnswerOutcome(answer: .value(.boolean(true)), verdict: .prohibited),
            AnswerOutcome(answer: .value(.boolean(false)), verdict: .allowed),
        ])
    }
}
