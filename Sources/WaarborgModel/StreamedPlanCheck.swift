import WaarborgSyntax

extension PlanChecker {
    /// Parses and checks a `.wbp` plan, as `PlanParser.parse` and then `check` do (only the
    /// parse diagnostics when parsing reports an error), with the same plan and the same
    /// diagnostics in the same order, but without the whole syntax tree: each activity is
    /// checked as soon as it is parsed and its syntax dropped, so a plan of 100,000
    /// activities holds the checked plan and the syntax of one activity at a time (the
    /// header's and the parties' syntax only until the first activity). A header or a party
    /// after the first activity is checked by the two passes instead.
    public static func parseAndCheck(_ file: SourceFile, ruleSet: RuleSet) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        parseAndCheck(file, vocabulary: ruleSet.vocabulary, ruleSet: ruleSet)
    }

    public static func parseAndCheck(
        _ file: SourceFile, vocabulary: Vocabulary, ruleSet: RuleSet? = nil
    ) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        var entries = PlanParser.Entries(file)
        var header: PlanEntrySyntax?
        var parties: [PlanEntrySyntax] = []
        var session: PlanCheckSession?
        func fallBack() -> (plan: Plan?, diagnostics: [Diagnostic]) {
            session = nil
            return parseThenCheck(file, vocabulary: vocabulary, ruleSet: ruleSet)
        }
        while let entry = entries.next() {
            // A parse error means only the parse diagnostics count: read on for the rest
            // of them, and check nothing more.
            if entries.hasErrors {
                session = nil
                continue
            }
            switch entry {
            case .activity(let activity):
                if session == nil {
                    session = PlanCheckSession(file: file, header: header, parties: parties, vocabulary: vocabulary, ruleSet: ruleSet)
                    parties = []
                }
                session?.add(activity)
            case .header(let syntax):
                guard session == nil else { return fallBack() }
                header = syntax
            case .party(let syntax):
                guard session == nil else { return fallBack() }
                parties.append(syntax)
            }
        }
        let parseDiagnostics = entries.diagnostics
        guard !parseDiagnostics.hasErrors else { return (nil, parseDiagnostics) }
        let checked = (session ?? PlanCheckSession(file: file, header: header, parties: parties, vocabulary: vocabulary, ruleSet: ruleSet)).finish()
        return (checked.plan, parseDiagnostics + checked.diagnostics)
    }

    /// The two passes, for a header or party after the first activity: every activity
    /// must be checked against the header and all the parties, so the whole file is
    /// parsed again first. Rare in practice; the order of diagnostics is the same.
    private static func parseThenCheck(
        _ file: SourceFile, vocabulary: Vocabulary, ruleSet: RuleSet?
    ) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        let (syntax, parseDiagnostics) = PlanParser.parse(file)
        guard !parseDiagnostics.hasErrors else { return (nil, parseDiagnostics) }
        let checked = check(syntax, vocabulary: vocabulary, ruleSet: ruleSet)
        return (checked.plan, parseDiagnostics + checked.diagnostics)
    }
}
