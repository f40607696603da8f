/// Reads the plan of a Markdown agreement draft: the `waarborg` blocks together, parsed as
/// one `.wbp` plan with the draft's own lines and columns, each activity citing the clause
/// of the block it is written in.
public enum MarkdownPlanReader {
    public static func parse(_ file: SourceFile) -> (syntax: PlanSyntax, diagnostics: [Diagnostic]) {
        let draft = MarkdownDraft(file)
        guard !draft.diagnostics.hasErrors else { return (PlanSyntax(file: file), draft.diagnostics) }
        var (syntax, diagnostics) = PlanParser.parse(draft.maskedPlanFile())
        for index in syntax.activities.indices {
            let line = syntax.activities[index].range.location.line
            syntax.activities[index].clause = draft.block(containing: line)?.clause
        }
        return (syntax, draft.diagnostics + diagnostics)
    }
}
