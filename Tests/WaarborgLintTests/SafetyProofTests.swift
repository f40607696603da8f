import Testing
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax
@testable import WaarborgLint

/// The safety proof: a hardcore fact stated yes never reaches a permitting verdict outside a
/// declared route; where it can, lint fails with a counterexample that really does.
@Suite struct SafetyProofTests {
    /// A hardcore fact `cartel`, and a guard rule for the kinds in `kinds`.
    func rules(guardKinds kinds: String, extra: String = "", routes: String? = "") -> String {
        (routes.map { "precedence hardcore\n  lowered by rule SC-1 to allowed\n\($0)\n" } ?? "") + """

        fact cartel
          type boolean
          hardcore
          label nl "kartel" en "cartel"
          question nl "Kartel?" en "Cartel?"

        rule HC-9
          title nl "Kartel" en "Cartel"
          group hardcore
          applies to \(kinds)
          when cartel
          then prohibited
          because nl "Verboden." en "Prohibited."
          source SRC-A "para 20"
          example "a cartel"
            kind = exchange
            cartel = yes
            competitors = yes
            data_kinds = {prices}
            age_months = 2
            expect prohibited by EX-1, HC-9

        """ + extra
    }

    @Test func aGuardOnEveryKindProvesEveryPair() throws {
        let ruleSet = try mini(extra: rules(guardKinds: "exchange, purchasing, unregulated"))
        let result = Linter(ruleSet: ruleSet).run()
        #expect(result.safety.count == ruleSet.vocabulary.activityKinds.count)
        #expect(result.provenCount == result.safety.count)
        #expect(!result.diagnostics.contains { $0.code == "WB740" })
    }

    @Test func aKindWithoutAGuardFailsWithACounterexampleThatReallyPermits() throws {
        let ruleSet = try mini(extra: rules(guardKinds: "exchange, unregulated"))
        let result = Linter(ruleSet: ruleSet).run()
        let failures = result.diagnostics.filter { $0.code == "WB740" }
        #expect(failures.count == 1)
        let message = try #require(failures.first?.message)
        #expect(message.hasPrefix("hardcore fact `cartel` is not safe for activity kind `purchasing`"))
        // The counterexample: purchasing below the share threshold, the cartel stated yes.
        #expect(message.contains("reaches allowed_with_safeguards:\nactivity counterexample\n  kind = purchasing\n  cartel = yes\n"), "\(message)")
        #expect(message.contains("\n  share = "), "\(message)")
        let finding = try #require(result.safety.first { $0.guardRule == nil })
        #expect(finding.counterexampleVerdict == .allowedWithSafeguards)
    }

    @Test func anOverrideThatLowersTheGuardBreaksTheProofUnlessItIsADeclaredRoute() throws {
        let lowering = """
            rule DM-9
              title nl "Klein" en "Small"
              group area
              applies to exchange, purchasing, unregulated
              when undertakings <= 2
              overrides HC-9
              then allowed
              because nl "Klein." en "Small."
              source SRC-A "para 21"
              example "small"
                kind = unregulated
                undertakings = 2
                cartel = yes
                expect allowed by DM-9

            """
        // Without a precedence the checker lets the override through; the proof does not.
        let unprotected = Linter(ruleSet: try mini(extra: rules(guardKinds: "exchange, purchasing, unregulated", extra: lowering, routes: nil))).run()
        #expect(unprotected.provenCount < unprotected.safety.count)
        let routed = Linter(ruleSet: try mini(extra: rules(
            guardKinds: "exchange, purchasing, unregulated", extra: lowering, routes: "  lowered by rule DM-9 to allowed"))).run()
        #expect(routed.provenCount == routed.safety.count)
        let ruleSet = try mini(extra: rules(guardKinds: "exchange", extra: lowering, routes: "  lowered by rule DM-9 to allowed"))
        #expect(routed.safety.allSatisfy { $0.routes.map { ruleSet.rules[$0].id }.contains("DM-9") })
    }
}
