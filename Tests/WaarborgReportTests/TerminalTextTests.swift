import Testing

@testable import WaarborgReport

/// Terminal safety and wrapping, on strings (the CLI tests run the same through plans).
@Suite struct TerminalTextTests {
    @Test func unsafeScalarsAreWrittenAsSwiftEscapes() {
        #expect(TerminalText.escaped("a\u{1B}[2Jb") == "a\\u{1B}[2Jb")
        #expect(TerminalText.escaped("x\u{7}\u{7F}\u{9B}y") == "x\\u{7}\\u{7F}\\u{9B}y")
        #expect(TerminalText.escaped("abc\u{202E}def\u{2066}") == "abc\\u{202E}def\\u{2066}")
        #expect(TerminalText.escaped("line\nbreak\ttab") == "line\\u{A}break\\u{9}tab")
        // Ordinary text, accents and dashes included, is left alone.
        #expect(TerminalText.escaped("Coöperatie — € 1.000 ≥ 12") == "Coöperatie — € 1.000 ≥ 12")
    }

    @Test func underActionsNoLineIsAWorkflowCommand() {
        let actions = TerminalText(underActions: true)
        #expect(actions.line("::error file=x::forged") == ":\\u{3A}error file=x::forged")
        #expect(actions.line("    ::add-mask::secret") == "    :\\u{3A}add-mask::secret")
        #expect(actions.line("text ##[warning]old") == "text #\\u{23}[warning]old")
        #expect(actions.line("a line :: with colons") == "a line :: with colons")
        // Outside Actions lines are left as they are.
        #expect(TerminalText().line("::error::x") == "::error::x")
        // A whole text: every line, controls escaped, tabs of a quoted source line kept.
        #expect(actions.text("ok\n::warning::x\n\tcode\u{1B}") == "ok\n:\\u{3A}warning::x\n\tcode\\u{1B}")
    }

    @Test func paragraphsWrapWithAHangingIndentAndNeverSplitAWord() {
        var writer = TextWriter(width: 30, color: false, terminal: TerminalText())
        writer.append(TextParagraph("│  ", hang: "│    ", "Why: the parties share current prices of individual members"))
        #expect(writer.text == "│  Why: the parties share\n│    current prices of\n│    individual members\n")
        for line in writer.text.split(separator: "\n") { #expect(line.count <= 30) }
        // A word longer than the line stands on its own line, whole.
        var long = TextWriter(width: 30, color: false, terminal: TerminalText())
        long.append(TextParagraph("", hang: "  ", "see examples/a-very-long-directory-name/plan.wbp:12:3"))
        #expect(long.text == "see\n  examples/a-very-long-directory-name/plan.wbp:12:3\n")
    }

    @Test func colourCodesAreNeitherCountedNorEscaped() {
        var writer = TextWriter(width: 30, color: true, terminal: TerminalText())
        writer.append(TextParagraph("", [TextSpan("Verdict: "), TextSpan("PROHIBITED", style: "1;31"), TextSpan(" \u{1B}]0;x")]))
        #expect(writer.text == "Verdict: \u{1B}[1;31mPROHIBITED\u{1B}[0m \\u{1B}]0;x\n")
    }
}
