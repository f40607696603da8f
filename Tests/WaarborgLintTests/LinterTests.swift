import Foundation
import Testing
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax
@testable import WaarborgLint

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func mini(extra: String = "") throws -> RuleSet {
    func read(_ name: String) -> String { (try? String(contentsOf: root.appendingPathComponent("Tests/Fixtures/mini/\(name)"), encoding: .utf8)) ?? "" }
    let files = ["mini/vocabulary.wbr": read("vocabulary.wbr"), "mini/rules.wbr": read("rules.wbr"), "mini/zz.wbr": extra]
    let parsed = files.keys.sorted().map { RuleFileParser.parse(SourceFile(path: $0, text: files[$0]!)) }
    let (ruleSet, diagnostics) = RuleSetChecker.check(parsed.map(\.syntax))
    #expect(!(parsed.flatMap(\.diagnostics) + diagnostics).hasErrors, "\((parsed.flatMap(\.diagnostics) + diagnostics).map(\.message))")
    return try #require(ruleSet)
}

@Suite struct LinterTests {
    @Test func theMiniRuleSetIsCleanOfErrorsAndFullyCovered() throws {
        let result = Linter(ruleSet: try mini()).run()
        #expect(!result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics.filter { $0.severity == .error }.map(\.message))")
        #expect(result.coveragePercent == 100)
        #expect(result.branchCount == 10)
    }

    @Test func anExceptionThatContradictsItsRuleIsReported() throws {
        let extra = """
            rule ZZ-1
              title nl "a" en "a"
              group area
              applies to unregulated
              when competitors
              then prohibited
              because nl "a" en "a"
              unless not competitors
                then allowed
                because nl "b" en "b"
              source SRC-A "p"
              example "e"
                competitors = yes
                expect prohibited by ZZ-1
            """
        let result = Linter(ruleSet: try mini(extra: extra)).run()
        let finding = try #require(result.diagnostics.first { $0.code == "WB701" })
        #expect(finding.message == "`unless 1` of ZZ-1 can never apply: its condition contradicts the rule's `when`")
        #expect(finding.location?.description == "mini/zz.wbr:8:3")
        // The exception's branch cannot be covered either.
        #expect(result.coveragePercent < 100)
        #expect(result.diagnostics.contains { $0.code == "WB720" && $0.message.contains("`unless 1` branch of ZZ-1") })
    }

    @Test func overlappingPermitAndProhibitionAreAnErrorWithTheFacts() throws {
        let extra = """
            rule ZZ-2
              title nl "a" en "a"
              group area
              applies to purchasing
              when share >= 10%
              then prohibited
              because nl "a" en "a"
              source SRC-A "p"
              example "e"
                share = 12%
                competitors = no
                expect prohibited by ZZ-2
            """
        let result = Linter(ruleSet: try mini(extra: extra)).run()
        let finding = try #require(result.diagnostics.first { $0.code == "WB702" })
        #expect(finding.message.hasPrefix("PU-1 (`then`: allowed_with_safeguards) and ZZ-2 (`then`: prohibited) of group `area` both apply when kind = purchasing, share = "))
        // Relating them with an override silences it.
        let related = extra.replacingOccurrences(of: "  then prohibited", with: "  overrides PU-1\n  then prohibited")
        #expect(!Linter(ruleSet: try mini(extra: related)).run().diagnostics.contains { $0.code == "WB702" })
    }

    /// `intended overlap with RULE` and a reason silences WB703 for that pair (and only
    /// WB703: a permit and a prohibition stay a conflict); the checker wants a known rule
    /// and the reason in both languages.
    @Test func anIntendedOverlapIsNotReported() throws {
        let overlap = """
            rule ZZ-3
              title nl "a" en "a"
              group area
              applies to purchasing
              when share >= 10%
              then needs_assessment
              because nl "a" en "a"
              source SRC-A "p"
              example "e"
                share = 12%
                competitors = no
                expect needs_assessment by ZZ-3
            """
        let warned = Linter(ruleSet: try mini(extra: overlap)).run().diagnostics.filter { $0.code == "WB703" }
        #expect(warned.count == 1)
        #expect(warned.first?.message.hasPrefix("PU-1 (`then`: allowed_with_safeguards) and ZZ-3 (`then`: needs_assessment)") == true)
        let intended = overlap.replacingOccurrences(of: "  source SRC-A", with: """
              intended overlap with PU-1
                nl "Beide gelden; het zwaarste oordeel wint."
                en "Both apply; the worse verdict wins."
              source SRC-A
            """)
        let ruleSet = try mini(extra: intended)
        #expect(!Linter(ruleSet: ruleSet).run().diagnostics.contains { $0.code == "WB703" })
        let rule = try #require(ruleSet.ruleIndex["ZZ-3"].map { ruleSet.rules[$0] })
        #expect(rule.intendedOverlaps.map { ruleSet.rules[$0.rule].id } == ["PU-1"])
        #expect(rule.intendedOverlaps.first?.reason.en == "Both apply; the worse verdict wins.")

        #expect(!Linter(ruleSet: ruleSet).run().diagnostics.contains { $0.code == "WB704" })
        // A statement about rules that do not overlap (EX-1 is about another kind) is stale.
        let stale = Linter(ruleSet: try mini(extra: intended.replacingOccurrences(of: "with PU-1", with: "with EX-1"))).run().diagnostics
        #expect(stale.contains { $0.code == "WB704" && $0.message.hasPrefix("ZZ-3 states an intended overlap with EX-1, but no activity gets different verdicts from both") })
        #expect(stale.contains { $0.code == "WB703" })

        // A conflict stays an error, intended or not.
        let conflict = intended.replacingOccurrences(of: "  then needs_assessment", with: "  then prohibited")
            .replacingOccurrences(of: "expect needs_assessment by ZZ-3", with: "expect prohibited by ZZ-3")
        #expect(Linter(ruleSet: try mini(extra: conflict)).run().diagnostics.contains { $0.code == "WB702" })

        // An unknown rule, a reason in one language, a missing `with`.
        func check(_ text: String) -> [Diagnostic] {
            let files = ["vocabulary.wbr", "rules.wbr"].map { name in
                RuleFileParser.parse(SourceFile(path: name, text: (try? String(contentsOf: root.appendingPathComponent("Tests/Fixtures/mini/\(name)"), encoding: .utf8)) ?? ""))
            } + [RuleFileParser.parse(SourceFile(path: "zz.wbr", text: text))]
            return files.flatMap(\.diagnostics) + RuleSetChecker.check(files.map(\.syntax)).diagnostics
        }
        let unknown = check(intended.replacingOccurrences(of: "with PU-1", with: "with PU-9"))
        #expect(unknown.contains { $0.code == "WB345" && $0.message.contains("`ZZ-3` states an intended overlap with `PU-9`, which is not a rule") })
        let english = check(intended.replacingOccurrences(of: "    nl \"Beide gelden; het zwaarste oordeel wint.\"\n", with: ""))
        #expect(english.contains { $0.code == "WB303" && $0.message.contains("has no Dutch") })
        let bare = check(intended.replacingOccurrences(of: "intended overlap with PU-1", with: "intended PU-1"))
        #expect(bare.contains { $0.code == "WB140" })
    }

    @Test func aLapsedRuleIsLintedOnADayItWasInForce() throws {
        let extra = """
            parameter P-OLD
              title nl "oud" en "old"
              type percentage
              value 5% from 2008-01-01 until 2023-01-01 source SRC-A "p"
            rule ZZ-3
              title nl "a" en "a"
              group area
              applies to unregulated
              valid from 2008-01-01 until 2023-01-01
              when share > P-OLD
              then needs_assessment
              because nl "a" en "a"
              unless safeguard clean_team
                then allowed_with_safeguards
                because nl "b" en "b"
              source SRC-A "p"
              example "e"
                date = 2022-06-01
                share = 6%
                expect needs_assessment by ZZ-3
              example "f"
                date = 2022-06-01
                share = 6%
                safeguards = clean_team
                expect allowed_with_safeguards by ZZ-3
            """
        // The rule set's date (2026) lies after the rule lapsed; its exception is still possible.
        let result = Linter(ruleSet: try mini(extra: extra)).run()
        #expect(!result.diagnostics.contains { $0.code == "WB701" }, "\(result.diagnostics.filter { $0.code == "WB701" }.map(\.message))")
    }

    @Test func unusedDeclarationsAreReported() throws {
        let extra = """
            parameter P-UNUSED
              title nl "x" en "x"
              type number
              value 3 source SRC-A "p"
            """
        let result = Linter(ruleSet: try mini(extra: extra)).run()
        #expect(result.diagnostics.contains { $0.code == "WB710" && $0.message == "parameter `P-UNUSED` is not used by any rule" })
        #expect(result.diagnostics.contains { $0.code == "WB711" && $0.message.hasPrefix("fact `combined_turnover` is not tested") })
        #expect(result.diagnostics.contains { $0.code == "WB715" && $0.message.hasPrefix("no rule applies to activity kind `unregulated`") })
    }

    @Test func aSourceTextWithoutEnglishIsReportedButAQuotationIsNot() throws {
        let extra = """
            source SRC-Z
              title "Titel" en "Title"
              issuer "Uitgever"
              status verified
            parameter P-UNTRANSLATED
              title nl "x" en "x"
              type number
              value 3 source SRC-Z "lid 1"
            parameter P-QUOTED
              title nl "x" en "x"
              type number
              value 3 from 2020-01-01 source SRC-Z quote "letterlijk"
            parameter P-TRANSLATED
              title nl "x" en "x"
              type number
              value 3 source SRC-Z "lid 2" en "para. 2"
            """
        let warnings = Linter(ruleSet: try mini(extra: extra)).run().diagnostics.filter { $0.code == "WB750" }.map(\.message)
        #expect(warnings.contains { $0.hasPrefix("the issuer of source `SRC-Z` has no English text") })
        #expect(warnings.contains { $0.hasPrefix("the note of a value of `P-UNTRANSLATED` has no English text") })
        #expect(!warnings.contains { $0.contains("P-QUOTED") || $0.contains("P-TRANSLATED") || $0.contains("title of source `SRC-Z`") })
    }

    @Test func theSearchFindsWitnessesAndProvesImpossibility() throws {
        let ruleSet = try mini()
        let search = SatisfiabilitySearch(ruleSet: ruleSet, date: DateValue(year: 2026, month: 6, day: 1)!)
        let exchange = ruleSet.vocabulary.activityKindIndex["exchange"]!
        let ex1 = ruleSet.rules[ruleSet.ruleIndex["EX-1"]!].condition!
        let ex2 = ruleSet.rules[ruleSet.ruleIndex["EX-2"]!].condition!
        // "age < 12" and "age >= 12" exclude each other.
        guard case .impossible = search.find([ex1, ex2], kinds: [exchange]) else {
            Issue.record("EX-1 and EX-2 cannot both apply")
            return
        }
        guard case .satisfiable(let witness) = search.find([ex1], kinds: [exchange]) else {
            Issue.record("EX-1 can apply")
            return
        }
        let age = ruleSet.vocabulary.factIndex["age_months"]!
        #expect(witness.facts[age].map { if case .amount(let value) = $0 { value < Amount(12) } else { false } } == true)
    }
}
