import Testing
@testable import WaarborgSyntax

@Suite struct RuleFileParserTests {
    func parse(_ text: String) -> (RuleFileSyntax, [Diagnostic]) {
        RuleFileParser.parse(SourceFile(path: "r.wbr", text: text))
    }

    func firstRule(_ syntax: RuleFileSyntax) -> RuleSyntax? {
        for declaration in syntax.declarations {
            if case .rule(let rule) = declaration { return rule }
        }
        return nil
    }

    static let fullRule = """
        rule IX-03
          title
            nl "Titel"
            en "Title"
          group area
          applies to information_exchange,
            benchmarking
          valid from 2023-07-01 until 2035-07-01
          version "2"
          when parties_are_competitors
            and data_kinds includes any of sensitive
            and age >= P-AGE
          then needs_assessment
          because nl "Omdat." en "Because."
          unless safeguards a, b
            then allowed_with_safeguards
            because nl "Mits." en "Provided."
            source MW-6 "lid 3"
          overrides IX-04, group area
          overrides group hardcore if needs_assessment, prohibited
          recommend antitrust_protocol
          source HGL-2023 "ch. 6"
          example "an example"
            kind = benchmarking
            parties_are_competitors = yes
            expect allowed_with_safeguards by IX-03, HC-01
        """

    @Test func sourceTextsAreDutchWithEnglishOnTheLineOrBelowOrAQuotation() throws {
        let text = """
            source MW-6
              title "Mededingingswet" en "Competition Act"
              issuer nl "Wetgever"
                en "Legislature"
              date "2007"
            rule R-1
              source MW-6 "lid 1" en "para. 1"
              source MW-6 "lid 2"
                en "para. 2"
              source MW-6 quote "letterlijk"
              source MW-6 "oud"
            """
        let (syntax, diagnostics) = parse(text)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        guard case .source(let source) = syntax.declarations[0] else {
            Issue.record("expected a source")
            return
        }
        #expect(source.title?.nl == "Mededingingswet" && source.title?.en == "Competition Act")
        #expect(source.issuer?.nl == "Wetgever" && source.issuer?.en == "Legislature")
        #expect(source.date?.nl == "2007" && source.date?.en == nil)
        let rule = try #require(firstRule(syntax))
        #expect(rule.sources.map { $0.pinpoint?.nl } == ["lid 1", "lid 2", "letterlijk", "oud"])
        #expect(rule.sources.map { $0.pinpoint?.en } == ["para. 1", "para. 2", nil, nil])
        #expect(rule.sources.map { $0.pinpoint?.quote != nil } == [false, false, true, false])
    }

    @Test func aQuotationWithAnEnglishTextAndATextGivenTwiceAreErrors() throws {
        let (_, quoted) = parse("rule R-1\n  source MW-6 quote \"letterlijk\" en \"verbatim\"\n")
        #expect(quoted.map(\.code) == ["WB150"])
        let (_, twice) = parse("rule R-1\n  source MW-6 \"lid 1\" en \"a\" en \"b\"\n")
        #expect(twice.map(\.code) == ["WB107"])
        let (_, stray) = parse("rule R-1\n  source MW-6 \"lid 1\"\n    fr \"alinéa 1\"\n")
        #expect(stray.map(\.code) == ["WB103"])
    }

    @Test func parsesEveryRuleClause() throws {
        let (syntax, diagnostics) = parse(Self.fullRule)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let rule = try #require(firstRule(syntax))
        #expect(rule.id.text == "IX-03")
        #expect(rule.title?.nl == "Titel" && rule.title?.en == "Title")
        #expect(rule.group?.text == "area")
        #expect(rule.appliesTo.map(\.text) == ["information_exchange", "benchmarking"])
        #expect(rule.version == "2")
        #expect(rule.conclusion?.text == "needs_assessment")
        #expect(rule.rationale?.en == "Because.")
        #expect(rule.exceptions.count == 1)
        #expect(rule.exceptions[0].conclusion?.text == "allowed_with_safeguards")
        #expect(rule.exceptions[0].sources.map(\.source.text) == ["MW-6"])
        #expect(rule.sources.map { $0.pinpoint?.nl } == ["ch. 6"])
        #expect(rule.overrides.count == 2)
        #expect(rule.overrides[0].targets.count == 2)
        #expect(rule.overrides[1].verdicts.map(\.text) == ["needs_assessment", "prohibited"])
        #expect(rule.recommends.map(\.text) == ["antitrust_protocol"])
        #expect(rule.examples.count == 1)
        #expect(rule.examples[0].assignments.map(\.key.text) == ["kind", "parties_are_competitors"])
        #expect(rule.examples[0].expect?.rules.map(\.text) == ["IX-03", "HC-01"])
        guard case .all(let parts, _)? = rule.condition else {
            Issue.record("expected a conjunction")
            return
        }
        #expect(parts.count == 3)
        guard case .member(_, .includesAny, .named(let set), _) = parts[1] else {
            Issue.record("expected includes any of")
            return
        }
        #expect(set.text == "sensitive")
    }

    @Test func andBindsTighterThanOr() throws {
        let (syntax, diagnostics) = parse("rule R\n  when a and b or not c and (d or e)\n")
        #expect(diagnostics.isEmpty)
        let condition = try #require(firstRule(syntax)?.condition)
        guard case .any(let alternatives, _) = condition, alternatives.count == 2,
            case .all(let left, _) = alternatives[0], left.count == 2,
            case .all(let right, _) = alternatives[1], right.count == 2,
            case .not = right[0], case .any = right[1]
        else {
            Issue.record("unexpected shape: \(condition)")
            return
        }
    }

    @Test func setTestsOfEveryForm() throws {
        let (syntax, diagnostics) = parse("""
            rule R
              when x in {a, b} and y not in {c} and s includes d and s includes all of {a} and s includes only set1 and safeguard q
            """)
        #expect(diagnostics.isEmpty)
        guard case .all(let parts, _)? = firstRule(syntax)?.condition else {
            Issue.record("expected a conjunction")
            return
        }
        guard case .member(_, .isIn, .literal(let names, _), _) = parts[0] else { Issue.record("in"); return }
        #expect(names.map(\.text) == ["a", "b"])
        guard case .not(.member(_, .isIn, _, _), _) = parts[1] else { Issue.record("not in"); return }
        guard case .member(_, .includesAny, .literal(let single, _), _) = parts[2] else { Issue.record("includes"); return }
        #expect(single.map(\.text) == ["d"])
        guard case .member(_, .includesAll, _, _) = parts[3] else { Issue.record("includes all of"); return }
        guard case .member(_, .includesOnly, .named, _) = parts[4] else { Issue.record("includes only"); return }
        guard case .safeguards(let list, _) = parts[5] else { Issue.record("safeguard"); return }
        #expect(list.map(\.text) == ["q"])
    }

    @Test func unknownClauseIsReportedWithASuggestion() {
        let (_, diagnostics) = parse("rule R\n  titel nl \"x\" en \"y\"\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].location == SourceLocation(file: "r.wbr", line: 2, column: 3))
        #expect(diagnostics[0].message.contains("did you mean `title`?"))
        #expect(diagnostics[0].suggestion == "title")
    }

    @Test func anUnclosedParenthesisIsOneErrorThatPointsBackToIt() {
        let (_, diagnostics) = parse("rule R\n  when (a\n    and b\n  then prohibited\n")
        #expect(diagnostics.map(\.code) == ["WB122"])
        #expect(diagnostics.first?.message.hasPrefix("expected `)` to close the `(` of line 2, column 8, found `then`") == true)
        #expect(diagnostics.first?.notes.first?.range?.location == SourceLocation(file: "r.wbr", line: 2, column: 8))
    }

    @Test func missingExpectationAndBadTextAreErrors() {
        let (_, diagnostics) = parse("rule R\n  example \"e\"\n    a = yes\n  because nl \"x\" fr \"y\"\n")
        #expect(Set(diagnostics.map(\.code)) == ["WB125", "WB106"])
    }

    @Test func deepNestingIsRefusedNotRecursedInto() {
        let depth = 10_000
        let text = "rule R\n  when " + String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth) + "\n"
        let (_, diagnostics) = parse(text)
        #expect(diagnostics.map(\.code).contains("WB121"))
    }

    @Test func unknownDeclarationSuggestsTheKeyword() {
        let (_, diagnostics) = parse("rul R\n")
        #expect(diagnostics.first?.message == "unknown declaration `rul`; did you mean `rule`?")
    }

    @Test func vocabularyDeclarationsParse() {
        let (syntax, diagnostics) = parse("""
            source MW-6
              title "Mededingingswet"
              status verified
            values kind
              label nl "soort" en "kind"
              value a nl "A" en "A"
            set s of kind
              label nl "s" en "s"
              members a
            fact f
              type set of kind
              label nl "f" en "f"
              question nl "f?" en "f?"
              derived count where undertaking
            party gp
              label nl "huisarts" en "GP"
              default undertaking = yes
            parameter P
              title nl "p" en "p"
              type percentage
              value 10% from 2012-01-01 until 2030-01-01 source MW-7 "lid 2"
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(syntax.declarations.count == 6)
    }
}

@Suite struct PlanParserTests {
    @Test func parsesHeaderPartiesAndActivities() {
        let (plan, diagnostics) = PlanParser.parse(SourceFile(path: "p.wbp", text: """
            plan "Zorghub"
              date = 2026-03-01
            party a
              kind = gp_practice
              competes_with = b, c
            activity x
              kind = benchmarking
              data_kinds = {costs, current_prices}
              safeguards = aggregation
            """))
        #expect(diagnostics.isEmpty)
        #expect(plan.header?.id.text == "Zorghub")
        #expect(plan.parties.count == 1)
        #expect(plan.activities[0].assignments.count == 3)
        guard case .list(let names) = plan.parties[0].assignments[1].value.kind else {
            Issue.record("expected a list")
            return
        }
        #expect(names.map(\.text) == ["b", "c"])
    }

    @Test func missingEqualsSignSaysWhatToWrite() {
        let (_, diagnostics) = PlanParser.parse(SourceFile(path: "p.wbp", text: "activity x\n  kind benchmarking\n"))
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].location == SourceLocation(file: "p.wbp", line: 2, column: 8))
        #expect(diagnostics[0].message == "expected `=` after `kind` in activity `x`, found `benchmarking`")
        #expect(diagnostics[0].suggestion == "kind = …")
    }

    @Test func unknownBlockKeyword() {
        let (_, diagnostics) = PlanParser.parse(SourceFile(path: "p.wbp", text: "activty x\n"))
        #expect(diagnostics[0].message.contains("did you mean `activity`?"))
    }

    /// The entries come one at a time in file order; `parse` collects the same entries and
    /// diagnostics, so the streamed loader and the tree see one parse.
    @Test func entriesInFileOrderWithTheParseDiagnostics() {
        let file = SourceFile(path: "p.wbp", text: """
              activity early
                kind = benchmarking
            party a
              kind = gp_practice
            plan "P"
              date = 2026-03-01
            activity x
              kind benchmarking
            plan "Q"
            party b
              kind = gp_practice
            """)
        var entries = PlanParser.Entries(file)
        var order: [String] = []
        var errorsSeenAt: [Int] = []
        while let entry = entries.next() {
            switch entry {
            case .header(let syntax): order.append("plan \(syntax.id.text)")
            case .party(let syntax): order.append("party \(syntax.id.text)")
            case .activity(let syntax): order.append("activity \(syntax.id.text)")
            }
            if entries.hasErrors { errorsSeenAt.append(order.count) }
        }
        #expect(order == ["activity early", "party a", "plan P", "activity x", "party b"])
        // The indented first block is still an entry; the error is on `x`'s missing `=`.
        #expect(errorsSeenAt == [4, 5])
        let (syntax, diagnostics) = PlanParser.parse(file)
        #expect(entries.diagnostics == diagnostics)
        #expect(diagnostics.map(\.code) == ["WB109", "WB201"])
        #expect(syntax.header?.id.text == "P")
        #expect(syntax.parties.map(\.id.text) == ["a", "b"])
        #expect(syntax.activities.map(\.id.text) == ["early", "x"])
    }
}
