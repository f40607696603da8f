import Foundation
import Testing
import WaarborgModel
import WaarborgSyntax

/// `ScalarType` answers for every single-value type in one place: these tests run each of
/// its cases through the rule language, plans in text and plans in JSON, so a new case is
/// tested by being declared.
@Suite struct ScalarTypeTests {
    /// A vocabulary with one fact of the given type.
    func ruleSet(declaring keyword: String) -> (RuleSet?, [Diagnostic]) {
        checkRules(["a.wbr": baseVocabulary + "\nfact probe\n  type \(keyword)\n  label nl \"proef\" en \"probe\"\n  question nl \"Proef?\" en \"Probe?\"\n"])
    }

    func plan(_ value: String, json: Bool, vocabulary: Vocabulary) -> (Plan?, [String]) {
        let file: SourceFile
        let parsed: (syntax: PlanSyntax, diagnostics: [Diagnostic])
        if json {
            file = SourceFile(path: "p.json", text: """
                {"plan": {"name": "P", "date": "2026-03-01"},
                 "parties": [{"id": "a", "kind": "practice"}],
                 "activities": [{"id": "x", "kind": "exchange", "parties": ["a"], "probe": \(value)}]}
                """)
            parsed = JSONPlanReader.parse(file)
        } else {
            file = SourceFile(path: "p.wbp", text: """
                plan "P"
                  date = 2026-03-01
                party a
                  kind = practice
                activity x
                  kind = exchange
                  parties = a
                  probe = \(value)
                """)
            parsed = PlanParser.parse(file)
        }
        let (plan, diagnostics) = PlanChecker.check(parsed.syntax, vocabulary: vocabulary)
        return (plan, (parsed.diagnostics + diagnostics).map(rendered))
    }

    @Test(arguments: ScalarType.allCases)
    func everyTypeIsDeclaredByItsKeyword(_ scalar: ScalarType) throws {
        let (ruleSet, diagnostics) = ruleSet(declaring: scalar.keyword)
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(rendered))")
        let fact = try #require(ruleSet?.vocabulary.facts.first { $0.id == "probe" })
        #expect(fact.type == .scalar(scalar))
    }

    /// The example a diagnostic proposes is itself accepted, in text and in JSON.
    @Test(arguments: ScalarType.allCases, [false, true])
    func theExampleADiagnosticProposesReads(_ scalar: ScalarType, json: Bool) throws {
        let vocabulary = try #require(ruleSet(declaring: scalar.keyword).0).vocabulary
        let (plan, diagnostics) = plan(scalar.example(json: json), json: json, vocabulary: vocabulary)
        #expect(diagnostics.filter { $0.contains("error") }.isEmpty, "\(scalar) \(json): \(diagnostics)")
        let fact = try #require(vocabulary.factIndex["probe"])
        #expect(try #require(plan).activities[0].facts[fact] != nil)
    }

    /// A value written back in plan syntax (`literal`, what the exporter and the interview
    /// write) reads as the same value.
    @Test(arguments: ScalarType.allCases.filter { $0.storage == .amount })
    func aLiteralReadsBackAsItsAmount(_ scalar: ScalarType) throws {
        let vocabulary = try #require(ruleSet(declaring: scalar.keyword).0).vocabulary
        let fact = try #require(vocabulary.factIndex["probe"])
        // Multiples of the type's step: 12.5 % is a percentage, 125 a number or a count.
        for amount in [Amount.zero, Amount(7), Amount(scaled: scalar.step.scaled * 125), Amount(1_250_000)] {
            if let maximum = scalar.maximum, amount > maximum.amount { continue }
            let (plan, diagnostics) = plan(scalar.literal(amount), json: false, vocabulary: vocabulary)
            #expect(diagnostics.isEmpty, "\(scalar.literal(amount)): \(diagnostics)")
            #expect(plan?.activities[0].facts[fact]?.value == .amount(amount))
            #expect(vocabulary.canonical(.amount(amount), type: .scalar(scalar)) == scalar.canonical(amount))
        }
    }

    /// A wrong value says what the type takes and proposes a value that reads.
    @Test(arguments: ScalarType.allCases)
    func aWrongValueNamesTheType(_ scalar: ScalarType) throws {
        let vocabulary = try #require(ruleSet(declaring: scalar.keyword).0).vocabulary
        let wrong = scalar.storage == .text ? "12" : "\"x\""
        let (_, diagnostics) = plan(wrong, json: false, vocabulary: vocabulary)
        let message = try #require(diagnostics.first { $0.contains("[WB401]") || $0.contains("error") })
        #expect(message.contains("`probe` is \(scalar.expected(json: false))"), "\(message)")
    }

    @Test func aShareAboveItsMaximumIsATypo() throws {
        let vocabulary = try #require(ruleSet(declaring: "percentage").0).vocabulary
        for json in [false, true] {
            let (plan, diagnostics) = plan(json ? "\"250%\"" : "250%", json: json, vocabulary: vocabulary)
            #expect(plan == nil || diagnostics.contains { $0.contains("is more than 100 %") }, "\(diagnostics)")
            #expect(diagnostics.contains { $0.contains("`probe` is a percentage from 0 to 100; `250%` is more than 100 %") }, "\(diagnostics)")
        }
        let (_, negative) = plan("-5", json: true, vocabulary: vocabulary)
        #expect(negative.contains { $0.contains("`-5` is negative; a percentage is from 0 to 100") }, "\(negative)")
    }

    /// A bare number where a percentage is wanted is refused with the number as a percentage
    /// proposed: `15` may mean 15 % or 0.15.
    @Test func aBareNumberIsNoPercentage() throws {
        let vocabulary = try #require(ruleSet(declaring: "percentage").0).vocabulary
        let (_, diagnostics) = plan("15", json: false, vocabulary: vocabulary)
        #expect(diagnostics.contains { $0.contains("write for example `15%`") }, "\(diagnostics)")
    }

    @Test func anUnknownTypeListsTheTypesAndProposesTheNearest() throws {
        let (ruleSet, diagnostics) = ruleSet(declaring: "mony")
        #expect(ruleSet == nil)
        let error = try #require(diagnostics.first { $0.code == "WB116" })
        #expect(error.message == "unknown type `mony`; a type is one of: \(ScalarType.keywords.joined(separator: ", "))")
        #expect(error.suggestion == "money")
        #expect(rendered(error).hasPrefix("a.wbr:"))
    }

    @Test func yesNoIsAnotherWordForBoolean() throws {
        let (ruleSet, diagnostics) = ruleSet(declaring: "yes_no")
        #expect(!diagnostics.hasErrors)
        #expect(ruleSet?.vocabulary.facts.first { $0.id == "probe" }?.type == .scalar(.boolean))
    }
}
