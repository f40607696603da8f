import Testing
import WaarborgModel
import WaarborgSyntax

/// The checker's view of named and nested exceptions: the flat list with parents, and the
/// diagnostics for duplicate names, too deep nesting and a nested exception that cannot
/// change the verdict of the exception it is nested in.
@Suite struct NestedExceptionCheckerTests {
    func check(_ rule: String) -> (RuleSet?, [String]) {
        let (ruleSet, diagnostics) = checkRules(["a.wbr": baseVocabulary, "b.wbr": rule])
        return (ruleSet, diagnostics.map(rendered))
    }

    /// A rule whose `by_law` exception has `inner` nested in it (lines 11-13).
    func rule(inner: String) -> String {
        """
        rule R-1
          title nl "Titel" en "Title"
          group area
          applies to exchange
          when competitors
          then prohibited
          because nl "Omdat." en "Because."
          unless by_law: age >= P-AGE
            then needs_assessment
            because nl "Wet." en "Law."
        \(inner)
          source MW-6 "lid 1"
          example "e"
            competitors = yes
            age = 3
            expect prohibited by R-1
        """
    }

    @Test func aNestedExceptionIsCheckedIntoTheFlatListWithItsParent() throws {
        let (ruleSet, messages) = check(rule(inner: """
                unless beyond_law: data_kinds includes prices
                  then prohibited
                  because nl "Verder dan de wet." en "Beyond the law."
            """))
        #expect(!messages.contains { $0.contains("error") }, "\(messages)")
        let checked = try #require(ruleSet?.rules.first)
        #expect(checked.exceptions.map(\.label) == ["by_law", "beyond_law"])
        #expect(checked.exceptions.map(\.parent) == [nil, 0])
        #expect(checked.replacedVerdict(of: checked.exceptions[1]) == .needsAssessment)
    }

    @Test func aDuplicateNameIsAnErrorThatPointsAtTheFirst() {
        let (_, messages) = check(rule(inner: """
                unless by_law: data_kinds includes prices
                  then prohibited
                  because nl "Verder dan de wet." en "Beyond the law."
            """))
        #expect(messages.contains(
            "b.wbr:11:12: error: rule `R-1` already has an exception named `by_law` (line 8, column 10); names of exceptions are unique within a rule, so give this one another name"))
    }

    @Test func aNestedExceptionWithItsParentsVerdictIsAWarning() {
        let (_, messages) = check(rule(inner: """
                unless same: data_kinds includes prices
                  then needs_assessment
                  because nl "Hetzelfde." en "The same."
            """))
        #expect(messages.contains(
            "b.wbr:11:5: warning: this exception to the `unless by_law` of rule `R-1` reaches the same verdict as that exception (`needs_assessment`), so it cannot change it; give it the verdict that applies when it holds, or drop it"))
    }

    @Test func nestingDeeperThanThreeIsRefused() {
        let (_, messages) = check(rule(inner: """
                unless two: data_kinds includes prices
                  then prohibited
                  because nl "Twee." en "Two."
                  unless three: data_kinds includes costs
                    then allowed
                    because nl "Drie." en "Three."
                    unless four: age >= 30
                      then prohibited
                      because nl "Vier." en "Four."
            """))
        #expect(messages.contains { $0.hasPrefix("b.wbr:17:9: error: exceptions nest at most 3 deep") && $0.contains("overrides rule `R-1`") }, "\(messages)")
    }

    @Test func moreThanSixtyFourExceptionsAreRefusedAtTheSixtyFifth() {
        // 1 (by_law) + 64 below: the 65th `unless` is line 11 + 3 × 63.
        let inner = (1...64).map { index in
            """
                unless data_kinds includes prices
                  then prohibited
                  because nl "Uitzondering \(index)." en "Exception \(index)."
            """
        }.joined(separator: "\n")
        let (ruleSet, messages) = check(rule(inner: inner))
        #expect(ruleSet == nil)
        #expect(messages.contains {
            $0.hasPrefix("b.wbr:200:5: error: rule `R-1` has 65 exceptions; a rule has at most 64 (nested ones included)")
        }, "\(messages.filter { $0.contains("error") })")
        let (accepted, fewer) = check(rule(inner: inner.split(separator: "\n").dropLast(3).joined(separator: "\n")))
        #expect(accepted != nil, "\(fewer.filter { $0.contains("error") })")
    }

    @Test func anUnnamedExceptionKeepsItsNumber() throws {
        let (ruleSet, _) = check(rule(inner: """
                unless data_kinds includes prices
                  then prohibited
                  because nl "Verder dan de wet." en "Beyond the law."
            """))
        let checked = try #require(ruleSet?.rules.first)
        #expect(checked.exceptionPath(1) == "by_law › 2")
    }
}
