import Testing
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax
@testable import WaarborgLint

/// Lint over nested exceptions: each nested exception is a branch needing an example, an
/// exception that contradicts the exceptions it is nested in can never apply, and the
/// safety proof sees that an exception to a lowering exception can restore the guard.
@Suite struct NestedExceptionLintTests {
    static func rule(examples: String, inner: String = "share > 10%") -> String {
        """
        rule NE-1
          title nl "Genest" en "Nested"
          group area
          applies to unregulated
          when competitors
          then prohibited
          because nl "Verboden." en "Prohibited."
          unless by_law: age_months >= 24
            then allowed
            because nl "Wet." en "Law."
            unless beyond_law: \(inner)
              then needs_assessment
              because nl "Verder." en "Beyond."
          source SRC-A "para 30"
          example "prohibited"
            competitors = yes
            age_months = 3
            expect prohibited by NE-1
          example "imposed by law"
            competitors = yes
            age_months = 30
            share = 5%
            expect allowed by NE-1
        \(examples)
        """
    }

    @Test func aNestedExceptionIsABranchThatNeedsAnExample() throws {
        let ruleSet = try mini(extra: Self.rule(examples: ""))
        let uncovered = Linter(ruleSet: ruleSet).run()
        let index = try #require(ruleSet.rules.first { $0.id == "NE-1" }).index
        let entry = try #require(uncovered.coverage.first { $0.rule == index })
        #expect(entry.branches == ["then", "unless by_law", "unless by_law › beyond_law"])
        #expect(entry.covered == [true, true, false])
        let warning = try #require(uncovered.diagnostics.first { $0.code == "WB720" && $0.message.contains("NE-1") })
        #expect(warning.message == "no example exercises the `unless by_law › beyond_law` branch of NE-1; add an example where it decides")
        #expect(warning.location?.description == "mini/zz.wbr:11:5")
        let covered = Linter(ruleSet: try mini(extra: Self.rule(examples: """
              example "beyond the law"
                competitors = yes
                age_months = 30
                share = 20%
                expect needs_assessment by NE-1
            """))).run()
        #expect(covered.coveragePercent == 100)
    }

    @Test func aNestedExceptionThatContradictsItsParentCanNeverApply() throws {
        let result = Linter(ruleSet: try mini(extra: Self.rule(examples: "", inner: "age_months < 12"))).run()
        let finding = try #require(result.diagnostics.first { $0.code == "WB701" })
        #expect(finding.message
            == "`unless by_law › beyond_law` of NE-1 can never apply: its condition contradicts the rule's `when` and of the exceptions it is nested in (`unless by_law`)")
        #expect(finding.location?.description == "mini/zz.wbr:11:5")
    }

    @Test func anExceptionToALoweringExceptionCanKeepTheGuard() throws {
        func guardRule(nested: Bool) -> String {
            let base = SafetyProofTests().rules(guardKinds: "exchange, purchasing")
            return base + """

                rule HC-8
                  title nl "Kartel, ongeregeld" en "Cartel, unregulated"
                  group area
                  applies to unregulated
                  when cartel
                  then prohibited
                  because nl "Verboden." en "Prohibited."
                  unless small: share <= 5%
                    then allowed
                    because nl "Klein." en "Small."
                """ + (nested ? """

                        unless still_a_cartel: cartel
                          then prohibited
                          because nl "Toch een kartel." en "Still a cartel."
                    """ : "") + """

                  source SRC-A "para 21"
                  example "a cartel"
                    kind = unregulated
                    cartel = yes
                    share = 20%
                    expect prohibited by HC-8
                """
        }
        // Without the exception to the exception, `small` lowers a cartel: no guard.
        let open = Linter(ruleSet: try mini(extra: guardRule(nested: false))).run()
        #expect(open.diagnostics.contains { $0.code == "WB740" && $0.message.contains("`unregulated`") })
        // With it, whenever the cartel is stated the innermost exception restores prohibited.
        let ruleSet = try mini(extra: guardRule(nested: true))
        let closed = Linter(ruleSet: ruleSet).run()
        #expect(!closed.diagnostics.contains { $0.code == "WB740" }, "\(closed.diagnostics.filter { $0.code == "WB740" }.map(\.message))")
        let unregulated = try #require(ruleSet.vocabulary.activityKindIndex["unregulated"])
        let finding = try #require(closed.safety.first { $0.kind == unregulated })
        #expect(finding.guardRule.map { ruleSet.rules[$0].id } == "HC-8")
    }
}
