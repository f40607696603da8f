import Testing
import WaarborgReport
import WaarborgSyntax

/// Problems with a whole file are printed `file: error: …` (docs/diagnostics.md), by the
/// one renderer every diagnostic goes through.
@Suite struct FileDiagnosticTests {
    @Test func aFileLevelErrorNamesTheFileFirst() {
        let renderer = DiagnosticRenderer(language: .en, showExcerpt: true)
        #expect(renderer.render(.error("WB601", "no such plan; check the path", nl: "plan bestaat niet; controleer het pad", file: "plans/x.wbp")) == "plans/x.wbp: error: no such plan; check the path [WB601]\n")
        #expect(renderer.render(.error("WB606", "no rules folder", nl: "geen map met regels", at: nil)) == "error: no rules folder [WB606]\n")
        // A control character in the file name is shown, not sent to the terminal.
        #expect(renderer.render(.error("WB601", "no such plan", nl: "plan bestaat niet", file: "a\u{1B}[2J.wbp")) == "a\\u{1B}[2J.wbp: error: no such plan [WB601]\n")
    }

    @Test func fileLevelErrorsComeAfterLocatedOnesSortedByFile() {
        let file = SourceFile(path: "p.wbp", text: "plan \"P\"\n")
        let diagnostics: [Diagnostic] = [
            .error("WB601", "no such plan", nl: "plan bestaat niet", file: "z.wbp"),
            .error("WB601", "no such plan", nl: "plan bestaat niet", file: "a.wbp"),
            .error("WB410", "located", nl: "geplaatst", at: SourceRange(file: file, start: 0, end: 4)),
        ]
        #expect(DiagnosticRenderer(language: .en, showExcerpt: false).render(diagnostics) == """
            p.wbp:1:1: error: located [WB410]
            a.wbp: error: no such plan [WB601]
            z.wbp: error: no such plan [WB601]

            """)
    }
}
