import Testing
import WaarborgModel
import WaarborgSyntax

/// The declared precedence (`precedence GROUP`) and the XP-04 cap on open norms are build
/// errors, located where the rule that breaks them is written.
@Suite struct PrecedenceTests {
    /// Two groups, a protected hardcore rule, and `extra` rules and declarations.
    func check(_ extra: String, precedence: String? = nil) -> (RuleSet?, [String]) {
        let vocabulary = baseVocabulary + """

            group hardcore
              label nl "kern" en "hardcore"
            group scope
              label nl "reikwijdte" en "scope"
            safeguard counsel
              recommended only
              label nl "advocaat aanwezig" en "counsel present"
            fact self_declared_necessary
              type boolean
              open norm
              label nl "strikt noodzakelijk" en "strictly necessary"
              question nl "Noodzakelijk?" en "Necessary?"

            """
        let hardcore = """
            rule HC-1
              title nl "Prijs" en "Price"
              group hardcore
              applies to exchange
              when competitors and data_kinds includes prices
              then prohibited
              because nl "Verboden." en "Prohibited."
              source MW-6 "lid 1"

            """
        var files = ["a.wbr": vocabulary, "b.wbr": hardcore + extra]
        if let precedence { files["c.wbr"] = precedence }
        let (ruleSet, diagnostics) = checkRules(files)
        return (ruleSet, diagnostics.filter { $0.severity == .error }.map(rendered))
    }

    let protected = """
        precedence hardcore
          lowered by group scope to allowed
        """

    /// With a route for DM-1, which the test then declares.
    var protectedWithDM1: String { protected + "\n  lowered by rule DM-1 to needs_assessment\n" }

    func overrider(_ id: String, group: String, verdict: String) -> String {
        """
        rule \(id)
          title nl "Lager" en "Lower"
          group \(group)
          applies to exchange
          when undertakings <= 8
          overrides HC-1
          then \(verdict)
          because nl "Lager." en "Lower."
          source MW-6 "lid 2"

        """
    }

    @Test func aDeclaredRouteMayLowerAsFarAsItsFloor() throws {
        let rules = overrider("SC-1", group: "scope", verdict: "allowed") + overrider("DM-1", group: "area", verdict: "needs_assessment")
        let (ruleSet, errors) = check(rules, precedence: protectedWithDM1)
        #expect(errors == [])
        let precedence = try #require(ruleSet?.precedences.first)
        #expect(precedence.routes.map(\.floor) == [.allowed, .needsAssessment])
    }

    @Test func anOverrideOfAProtectedRuleWithoutARouteIsAnError() {
        let (ruleSet, errors) = check(overrider("AR-1", group: "area", verdict: "allowed"), precedence: protected)
        #expect(ruleSet == nil)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("b.wbr:9:6: error: `AR-1` overrides `HC-1` of group `hardcore` and can lower it to `allowed`") == true, "\(errors)")
    }

    @Test func aRouteThatLowersBelowItsFloorIsAnError() {
        let (_, errors) = check(overrider("DM-1", group: "area", verdict: "allowed"), precedence: protectedWithDM1)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("`DM-1` can lower `HC-1` of group `hardcore` to `allowed`, below `needs_assessment`") == true)
    }

    @Test func anOverrideThatDoesNotLowerNeedsNoRoute() {
        let (_, errors) = check(overrider("AR-2", group: "area", verdict: "prohibited"), precedence: protected)
        #expect(errors == [])
    }

    @Test func withoutAPrecedenceNothingIsEnforced() {
        let (_, errors) = check(overrider("AR-1", group: "area", verdict: "allowed"))
        #expect(errors == [])
    }

    @Test func aProtectedRuleLowersItselfToNeedsAssessmentAtMost() {
        let lifting = """
            rule HC-2
              title nl "Prijs" en "Price"
              group hardcore
              applies to exchange
              when competitors
              then prohibited
              because nl "Verboden." en "Prohibited."
              unless safeguard aggregation
                then allowed_with_safeguards
                because nl "Mits." en "Provided."
              unless undertakings <= 8
                then needs_assessment
                because nl "Nader." en "Assess."
              source MW-6 "lid 1"

            """
        let (_, errors) = check(lifting, precedence: protected)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("an exception of `HC-2` (group `hardcore`) lowers it to `allowed_with_safeguards`") == true)
    }

    @Test func aPrecedenceNamesKnownGroupsRulesAndVerdicts() {
        let wrong = """
            precedence hardcor
              lowered by group scope to allowed
            precedence hardcore
              lowered by rule DM-9 to needs_assessment
              lowered by group scope to permitted
            """
        let (_, errors) = check("", precedence: wrong)
        #expect(errors.contains { $0.contains("unknown group `hardcor`; did you mean `hardcore`?") })
        #expect(errors.contains { $0.contains("`DM-9` is not a rule") })
        #expect(errors.contains { $0.contains("unknown verdict `permitted`") })
        let (_, syntaxErrors) = check("", precedence: "precedence hardcore\n  lowered through scope\n")
        #expect(syntaxErrors == ["c.wbr:2:3: error: expected `by` after `lowered`: lowered by group NAME to VERDICT, or lowered by rule ID to VERDICT"])
    }

    @Test func aPermissionOnAnOpenNormIsCappedAtNeedsAssessment() {
        let permissive = """
            rule OH-1
              title nl "Waarneming" en "Rota"
              group area
              applies to exchange
              when self_declared_necessary
              then allowed
              because nl "Toegestaan." en "Allowed."
              source MW-6 "lid 1"

            rule OH-2
              title nl "Waarneming" en "Rota"
              group area
              applies to exchange
              when competitors
              then needs_assessment
              because nl "Nader." en "Assess."
              unless self_declared_necessary and safeguard aggregation
                then allowed_with_safeguards
                because nl "Mits." en "Provided."
              unless not self_declared_necessary
                then prohibited
                because nl "Verboden." en "Prohibited."
              source MW-6 "lid 1"

            """
        let (_, errors) = check(permissive)
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.contains("an open norm the consortium only asserts; XP-04 caps such a permission at `needs_assessment`") })
        #expect(errors.contains { $0.contains("`OH-1` reaches `allowed` on `self_declared_necessary`") })
        #expect(errors.contains { $0.contains("`OH-2` reaches `allowed_with_safeguards` on `self_declared_necessary`") })
    }

    @Test func aRuleMayRestAtNeedsAssessmentOnAnOpenNorm() throws {
        let capped = """
            rule OH-3
              title nl "Waarneming" en "Rota"
              group area
              applies to exchange
              when self_declared_necessary
              then needs_assessment
              because nl "Nader." en "Assess."
              source MW-6 "lid 1"

            """
        let (ruleSet, errors) = check(capped)
        #expect(errors == [])
        let fact = try #require(ruleSet?.vocabulary.facts.first { $0.id == "self_declared_necessary" })
        #expect(fact.isOpenNorm)
    }

    @Test func aPermissionThatNeedsARecommendedOnlySafeguardIsAnError() throws {
        let rules = """
            rule GV-9
              title nl "Overleg" en "Meeting"
              group area
              applies to exchange
              when competitors
              then needs_assessment
              because nl "Nader." en "Assess."
              unless safeguards counsel, aggregation
                then allowed_with_safeguards
                because nl "Mits." en "Provided."
              unless not safeguard counsel
                then prohibited
                because nl "Verboden." en "Prohibited."
              source MW-6 "lid 1"

            """
        let (_, errors) = check(rules)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("`GV-9` reaches `allowed_with_safeguards` only with `counsel`, a safeguard that is recommended only") == true)
        let recommending = rules.replacingOccurrences(of: "safeguards counsel, aggregation", with: "safeguard aggregation")
            + "  recommend counsel\n"
        let (ruleSet, none) = check(recommending.replacingOccurrences(of: "  source MW-6 \"lid 1\"\n\n  recommend", with: "  source MW-6 \"lid 1\"\n  recommend"))
        #expect(none == [])
        #expect(ruleSet?.vocabulary.safeguards.first { $0.id == "counsel" }?.recommendedOnly == true)
    }
}
