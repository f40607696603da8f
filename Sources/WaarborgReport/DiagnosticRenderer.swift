import WaarborgSyntax

/// Renders diagnostics the way compilers do, so editors and CI logs can jump to them:
///
///     rules/ix.wbr:12:9: error: unknown fact `agregated`; did you mean `aggregated`? [WB326]
///        12 |   when agregated
///           |        ^~~~~~~~~
///     rules/ix.wbr:3:1: note: first declared here
///     plan.wbp: error: no such plan; check the path [WB601]
///
/// Messages quote plans and rule files, so the text goes through `TerminalText`: a control
/// character in a file name or an identifier is shown as `\u{1B}`, never sent to the terminal.
///
/// The message and notes are in the run's language; the severity word (`error`, `warning`,
/// `note`) and the code stay as compilers print them, so editors and CI problem matchers
/// read the output in either language.
public struct DiagnosticRenderer {
    public var language: Language
    public var showExcerpt: Bool
    public var terminal: TerminalText

    public init(language: Language, showExcerpt: Bool = true, terminal: TerminalText = TerminalText()) {
        self.language = language
        self.showExcerpt = showExcerpt
        self.terminal = terminal
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var lines: [String] = []
        // `file:line:column: `, `file: ` for a problem with a whole file, nothing for one of no file.
        let place = diagnostic.place.map { "\($0): " } ?? ""
        lines.append("\(place)\(diagnostic.severity.rawValue): \(diagnostic.text[language]) [\(diagnostic.code)]")
        if showExcerpt, let range = diagnostic.range {
            lines += excerpt(range)
        }
        for note in diagnostic.notes {
            let notePlace = note.range.map { "\($0.location): " } ?? ""
            lines.append("\(notePlace)note: \(note.text[language])")
        }
        return terminal.text(lines.joined(separator: "\n")) + "\n"
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.sortedForOutput().map(render).joined()
    }

    private func excerpt(_ range: SourceRange) -> [String] {
        let start = range.location
        let text = range.file.lineText(start.line)
        guard !text.isEmpty, text.count <= 300 else { return [] }
        let number = String(start.line)
        let gutter = String(repeating: " ", count: number.count)
        let endLocation = range.endLocation
        let width = endLocation.line == start.line ? max(1, endLocation.column - start.column) : max(1, text.count - start.column + 1)
        // Tabs in the excerpt keep their width in the caret line.
        let prefix = text.prefix(start.column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
        return [
            " \(number) | \(text)",
            " \(gutter) | \(prefix)^" + String(repeating: "~", count: max(0, width - 1)),
        ]
    }
}
