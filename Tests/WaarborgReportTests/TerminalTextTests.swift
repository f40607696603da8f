import Testing

@testable import WaarborgReport

/// Terminal safety and wrapping, on strings (the CLI tests run the same through plans).
@Suite struct TerminalTextTests {
    /// The byte scan that decides whether a text needs escaping finds exactly the scalars
    /// `isUnsafe` names: every scalar of the Basic Multilingual Plane and some beyond, alone,
    /// between other text and at every offset of an eight-byte word in printable ASCII.
    @Test func theByteScanFindsExactlyTheUnsafeScalars() {
        var checked = 0
        for value in Array(0...0xFFFF) + [0x1F600, 0x10FFFF] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let alone = String(Character(scalar))
            let between = "é" + alone + "→"
            let unsafe = TerminalText.isUnsafe(scalar)
            // Inside long ASCII runs too, where the scan reads eight bytes at a time.
            let inRuns = [0, 3, 8, 13].map { String(repeating: "a", count: $0) + alone + "bcdefghijk" }
            for text in [alone, between] + inRuns {
                let found = Array(text.utf8).withUnsafeBufferPointer(TerminalText.containsUnsafe)
                if found != unsafe { Issue.record("U+\(String(value, radix: 16)) in \(text.debugDescription): scan \(found), isUnsafe \(unsafe)") }
            }
            checked += 1
        }
        #expect(checked > 60_000)
    }

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
