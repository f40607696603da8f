import Testing
@testable import WaarborgSyntax

@Suite struct LexerTests {
    func lex(_ text: String) -> ([Token], [Diagnostic]) {
        Lexer.tokenize(SourceFile(path: "t.wbr", text: text))
    }

    @Test func readsLiteralsOfEveryKind() {
        let (tokens, diagnostics) = lex(#"rule IX-03 12 1_100_000 12.5 15% EUR 1_100_000 € 30 2026-03-01 "tekst" { } ( ) , = != <= >= < >"#)
        #expect(diagnostics.isEmpty)
        let kinds = tokens.map(\.kind)
        #expect(kinds[0] == .identifier && tokens[0].text == "rule")
        #expect(tokens[1].text == "IX-03")
        #expect(kinds[2] == .number(Amount(12)))
        #expect(kinds[3] == .number(Amount(1_100_000)))
        #expect(kinds[4] == .number(Amount(scaled: 125_000)))
        #expect(kinds[5] == .percentage(Amount(15)))
        #expect(kinds[6] == .money(Amount(1_100_000)))
        #expect(kinds[7] == .money(Amount(30)))
        #expect(kinds[8] == .date(DateValue(year: 2026, month: 3, day: 1)!))
        #expect(kinds[9] == .string && tokens[9].text == "tekst")
        #expect(tokens[10...].map(\.text) == ["{", "}", "(", ")", ",", "=", "!=", "<=", ">=", "<", ">"])
    }

    @Test func acceptsTypographicComparisons() {
        let (tokens, diagnostics) = lex("a ≤ b ≥ c ≠ d")
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.text) == ["a", "<=", "b", ">=", "c", "!=", "d"])
    }

    @Test func stringsSpanLinesAndCollapseWhitespace() {
        let (tokens, diagnostics) = lex("because nl \"Eerste regel\n      tweede  regel\" en \"a \\\"b\\\" \\\\ c\"")
        #expect(diagnostics.isEmpty)
        #expect(tokens[2].text == "Eerste regel tweede regel")
        #expect(tokens[4].text == #"a "b" \ c"#)
        #expect(tokens[3].line == 2)
    }

    @Test func commentsAreIgnored() {
        let (tokens, _) = lex("a # comment with \"quote\"\nb")
        #expect(tokens.map(\.text) == ["a", "b"])
        #expect(tokens[1].startsLine)
    }

    @Test func unterminatedStringIsReportedAtItsQuoteAndLexingGoesOn() {
        let (tokens, diagnostics) = lex("title nl \"open\nnext line")
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].code == "WB008")
        #expect(diagnostics[0].location == SourceLocation(file: "t.wbr", line: 1, column: 10))
        #expect(tokens.map(\.text) == ["title", "nl", "open", "next", "line"], "the text so far stands as the string")
    }

    @Test func invalidDatesAndNumbersAreErrors() {
        #expect(lex("2026-02-30").1.map(\.code) == ["WB004"])
        #expect(lex("12months").1.map(\.code) == ["WB005"])
        #expect(lex("1.23456").1.map(\.code) == ["WB006"])
        #expect(lex("1__0").1.map(\.code) == ["WB006"])
    }

    @Test func unexpectedCharactersGetAHint() {
        let (_, diagnostics) = lex("title nl “curly”")
        #expect(diagnostics.first?.message.contains("straight quotes") == true)
        #expect(diagnostics.first?.location?.column == 10)
    }

    @Test func invalidUTF8IsOneClearError() {
        let file = SourceFile(path: "bad.wbp", bytes: Array("plan \"x\"\n  date".utf8) + [0xFF, 0xFE])
        let (tokens, diagnostics) = Lexer.tokenize(file)
        #expect(tokens.isEmpty)
        #expect(diagnostics.map(\.code) == ["WB001"])
        #expect(diagnostics[0].location == SourceLocation(file: "bad.wbp", line: 2, column: 7))
    }

    @Test func byteOrderMarkAndCRLFAreHandled() {
        let file = SourceFile(path: "w.wbp", bytes: [0xEF, 0xBB, 0xBF] + Array("a\r\n  b\r\nc".utf8))
        let (tokens, diagnostics) = Lexer.tokenize(file)
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.text) == ["a", "b", "c"])
        #expect(tokens[1].range.location == SourceLocation(file: "w.wbp", line: 2, column: 3))
        #expect(tokens[1].indent == 2)
    }

    @Test func columnsCountCharactersNotBytes() {
        let (tokens, _) = lex("\"coöperatie\" x")
        #expect(tokens[1].range.location.column == 14)
    }

    @Test func overlongLinesAreRefused() {
        let long = String(repeating: "a", count: Lexer.maxLineLength + 10)
        let (_, diagnostics) = lex("ok\n" + long + "\nnext")
        #expect(diagnostics.map(\.code) == ["WB002"])
        #expect(diagnostics[0].location?.line == 2)
    }
}

@Suite struct ValueTypeTests {
    @Test func amountsAreExact() {
        let a = Amount.parse("4.1")!
        let b = Amount.parse("5.9")!
        #expect(a.adding(b) == Amount(10))
        #expect(Amount.parse("1_100_000.50")!.description == "1100000.5")
        #expect(Amount(1_100_000).grouped(separator: ".", decimalMark: ",") == "1.100.000")
        #expect(Amount.parse("12.25")!.grouped(separator: ",", decimalMark: ".") == "12.25")
        #expect(Amount.parse("") == nil)
        #expect(Amount.parse("1.") == nil)
        #expect(Amount(scaled: Int64.max).adding(Amount(1)) == nil)
    }

    @Test func datesValidateAndOrder() {
        #expect(DateValue(iso: "2024-02-29") != nil)
        #expect(DateValue(iso: "2023-02-29") == nil)
        #expect(DateValue(iso: "2023-1-01") == nil)
        #expect(DateValue(iso: "2023-01-01")! < DateValue(iso: "2023-01-02")!)
        #expect(DateValue(iso: "2024-03-01")!.ordinal - DateValue(iso: "2024-02-28")!.ordinal == 2)
        #expect(DateValue(iso: "2026-11-23")!.description == "2026-11-23")
        for text in ["2000-02-29", "2023-01-01", "1999-12-31", "2026-11-23", "2100-03-01", "0001-01-01"] {
            let date = DateValue(iso: text)!
            #expect(DateValue.from(ordinal: date.ordinal) == date)
            #expect(DateValue.from(ordinal: date.ordinal + 1)! > date)
        }
    }

    @Test func suggestionsFindPlausibleTypos() {
        #expect(Suggestions.closest(to: "agregation", in: ["aggregation", "clean_team"]) == "aggregation")
        #expect(Suggestions.closest(to: "titel", in: ["title", "group"]) == "title")
        #expect(Suggestions.closest(to: "xyz", in: ["aggregation"]) == nil)
        // A name cut short to whole words is suggested when one candidate holds it, never a
        // guess among several, and never a part of a word.
        #expect(Suggestions.closest(to: "joint_training", in: ["joint_training_recruitment", "joint_purchasing"]) == "joint_training_recruitment")
        #expect(Suggestions.closest(to: "turnover", in: ["turnover_eur_prev_year", "market_share_pct"]) == "turnover_eur_prev_year")
        #expect(Suggestions.closest(to: "joint", in: ["joint_offering", "joint_tendering"]) == nil)
        #expect(Suggestions.closest(to: "train", in: ["joint_training_recruitment"]) == nil)
    }
}
