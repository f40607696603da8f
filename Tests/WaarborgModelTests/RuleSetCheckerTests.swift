import Foundation
import Testing
import WaarborgModel
import WaarborgSyntax

@Suite struct RuleSetCheckerTests {
    /// Checks `rule` (placed after the base vocabulary) and returns the error lines.
    func errors(_ rule: String) -> [String] {
        let (_, diagnostics) = checkRules(["a.wbr": baseVocabulary, "b.wbr": rule])
        return diagnostics.filter { $0.severity == .error }.map(rendered)
    }

    let validRule = """
        rule R-1
          title nl "Titel" en "Title"
          group area
          applies to exchange
          when competitors and data_kinds includes prices and age < P-AGE
          then needs_assessment
          because nl "Omdat." en "Because."
          unless safeguard aggregation
            then allowed_with_safeguards
            because nl "Mits." en "Provided."
          source MW-6 "lid 1"
          example "e"
            competitors = yes
            data_kinds = {prices}
            age = 3
            expect needs_assessment by R-1
        """

    @Test func aValidRuleChecks() throws {
        let (ruleSet, diagnostics) = checkRules(["a.wbr": baseVocabulary, "b.wbr": validRule])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(rendered))")
        let rules = try #require(ruleSet).rules
        #expect(rules.map(\.id) == ["R-1"])
        #expect(rules[0].exceptions.count == 1)
        #expect(rules[0].examples.count == 1)
        #expect(rules[0].sources.map { "\($0.source) \($0.pinpoint.nl)" } == ["MW-6 lid 1"])
    }

    /// `examples assume` is checked once: an example takes the assumed facts it does not
    /// state, and a mistake in the assumptions is reported once, where it is written.
    @Test func exampleAssumptionsAreCheckedOnceAndFillInWhatAnExampleLeavesOut() throws {
        func vocabulary(assuming lines: String) -> String {
            baseVocabulary.replacingOccurrences(of: "  date 2026-01-01\n", with: "  date 2026-01-01\n  examples assume\n" + lines)
        }
        let withoutAge = validRule.replacingOccurrences(of: "    age = 3\n", with: "")
        let secondExample = withoutAge + """

              example "f"
                competitors = no
                expect allowed
            """
        let (ruleSet, diagnostics) = checkRules(["a.wbr": vocabulary(assuming: "    age = 3\n    competitors = yes\n"), "b.wbr": secondExample])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(rendered))")
        let examples = try #require(ruleSet).rules[0].examples
        let age = try #require(ruleSet?.vocabulary.factIndex["age"])
        let competitors = try #require(ruleSet?.vocabulary.factIndex["competitors"])
        #expect(examples.map { $0.activity.facts[age]?.value } == [.amount(Amount(3)), .amount(Amount(3))])
        // The example's own statement wins over the assumption.
        #expect(examples.map { $0.activity.facts[competitors]?.value } == [.boolean(true), .boolean(false)])
        if case .stated(let range)? = examples[0].activity.facts[age]?.origin {
            #expect(range.location.description == "a.wbr:5:5")
        } else {
            Issue.record("the assumed fact should point at its line in `examples assume`")
        }

        let broken = vocabulary(assuming: "    competitorz = yes\n    age = 3\n    age = 4\n    kind = exchange\n")
        let (_, found) = checkRules(["a.wbr": broken, "b.wbr": secondExample])
        #expect(found.filter { $0.severity == .error }.map(rendered) == [
            "a.wbr:5:5: error: unknown fact `competitorz` in `examples assume`; did you mean `competitors`?",
            "a.wbr:7:5: error: `age` is stated twice in `examples assume`; keep one",
            "a.wbr:8:5: error: unknown fact `kind` in `examples assume`; `examples assume` lists facts only, state `kind` in the examples themselves",
        ])
    }

    @Test func missingEnglishTitle() {
        let rule = validRule.replacingOccurrences(of: #"title nl "Titel" en "Title""#, with: #"title nl "Titel""#)
        #expect(errors(rule) == [
            "b.wbr:2:3: error: the title of rule `R-1` has no English (`en \"…\"`) text; every text is given in both languages"
        ])
    }

    @Test func unknownSourceAndMissingPinpoint() {
        let unknown = validRule.replacingOccurrences(of: #"source MW-6 "lid 1""#, with: #"source MW-66 "lid 1""#)
        #expect(errors(unknown) == ["b.wbr:11:10: error: rule `R-1` cites `MW-66`, which is not a declared source; did you mean `MW-6`?"])
        let bare = validRule.replacingOccurrences(of: #"source MW-6 "lid 1""#, with: "source MW-6")
        #expect(errors(bare) == ["b.wbr:11:3: error: rule `R-1` cites `MW-6` without a pinpoint; say where in the source (article, paragraph, chapter)"])
    }

    @Test func unknownFactSuggestsTheClosestOrTheSafeguardForm() {
        let typo = validRule.replacingOccurrences(of: "when competitors and", with: "when competitor and")
        #expect(errors(typo) == ["b.wbr:5:8: error: unknown fact `competitor`; did you mean `competitors`?"])
        let safeguard = validRule.replacingOccurrences(of: "unless safeguard aggregation", with: "unless aggregation")
        #expect(errors(safeguard) == ["b.wbr:8:10: error: unknown fact `aggregation`; `aggregation` is a safeguard: write `safeguard aggregation`"])
    }

    @Test func typeMismatchesAreExplained() {
        let compareSet = validRule.replacingOccurrences(of: "data_kinds includes prices", with: "data_kinds = prices")
        #expect(errors(compareSet).first?.contains("is a set; test it with `includes`") == true)
        let boolAsNumber = validRule.replacingOccurrences(of: "age < P-AGE", with: "age")
        #expect(errors(boolAsNumber).first?.contains("`age` is a number, not yes/no") == true)
        let percent = validRule.replacingOccurrences(of: "age < P-AGE", with: "age < 10%")
        #expect(errors(percent) == ["b.wbr:5:61: error: `age` is a number; `10%` is not (write for example `12`)"])
    }

    @Test func duplicateRuleNamesBothPlaces() {
        let (_, diagnostics) = checkRules(["a.wbr": baseVocabulary, "b.wbr": validRule, "c.wbr": validRule])
        let duplicate = diagnostics.first { $0.code == "WB301" }
        #expect(duplicate.map(rendered) == "c.wbr:1:6: error: rule `R-1` is declared twice")
        #expect(duplicate?.notes.first?.range?.location.description == "b.wbr:1:6")
    }

    @Test func exampleExpectingAnUnknownRule() {
        let rule = validRule.replacingOccurrences(of: "expect needs_assessment by R-1", with: "expect needs_assessment by R-2")
        #expect(errors(rule) == ["b.wbr:16:32: error: the example expects rule `R-2`, which does not exist; did you mean `R-1`?"])
    }

    @Test func unknownVerdictSuggests() {
        let rule = validRule.replacingOccurrences(of: "then needs_assessment", with: "then needs_asessment")
        #expect(errors(rule) == ["b.wbr:6:8: error: unknown verdict `needs_asessment`; did you mean `needs_assessment`?"])
    }

    @Test func overlappingParameterValuesAreRejected() {
        let parameter = """
            parameter P-X
              title nl "x" en "x"
              type money
              value EUR 10 from 2020-01-01 until 2024-01-01 source MW-6 "a"
              value EUR 20 from 2023-01-01 source MW-6 "b"
            """
        #expect(errors(parameter) == ["b.wbr:5:3: error: two values of parameter `P-X` are in force at the same time; give them dates that do not overlap"])
    }

    @Test func parameterValuesNeedASource() {
        let parameter = """
            parameter P-X
              title nl "x" en "x"
              type number
              value 3 from 2020-01-01
            """
        #expect(errors(parameter).first?.contains("needs its own `source ID \"pinpoint\"`") == true)
    }

    @Test func missingRulesetDeclaration() {
        let (_, diagnostics) = checkRules(["b.wbr": validRule])
        #expect(diagnostics.contains { $0.code == "WB305" })
    }

    @Test func groupOverridesExpandToRules() throws {
        let overriding = validRule.replacingOccurrences(of: "R-1", with: "R-0")
            .replacingOccurrences(of: "  source MW-6", with: "  overrides group area\n  source MW-6")
            .replacingOccurrences(of: "expect needs_assessment by R-0", with: "expect needs_assessment by R-0")
        let (ruleSet, diagnostics) = checkRules(["a.wbr": baseVocabulary, "b.wbr": validRule, "c.wbr": overriding])
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(rendered))")
        let set = try #require(ruleSet)
        let r0 = set.rules[set.ruleIndex["R-0"]!]
        #expect(r0.overrides == [OverrideEntry(rule: set.ruleIndex["R-1"]!, verdicts: nil)])
        #expect(set.overriddenBy[set.ruleIndex["R-1"]!] == [OverrideEntry(rule: r0.index, verdicts: nil)])
    }
}
