import Foundation
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// `waarborg annex DRAFT.md --check | --update`: keeps the annex section of a Markdown
/// agreement draft equal to the annex generated from the draft's own `waarborg` blocks.
struct AnnexSync {
    let context: CommandContext

    /// - Parameter options: the options that shape the annex (`--lang`, `--rules`, …), so
    ///   the command suggested to fix a stale section generates the same annex.
    func run(draftPath: String, document: AnnexDocument, update: Bool, options: [String]) -> Int32 {
        let updateCommand = (["waarborg", "annex", draftPath, "--update"] + options).joined(separator: " ")
        let file: SourceFile
        switch FileAccess.read(draftPath, what: FileAccess.What.agreementDraft) {
        case .success(let read): file = read
        case .failure(let diagnostic):
            context.printDiagnostics([diagnostic])
            return WaarborgCLI.ExitCode.inputError
        }
        let draft = MarkdownDraft(file)
        guard let section = AnnexSection(draft) else {
            context.printDiagnostics([.error(
                "WB802", "the draft has no annex section to \(update ? "update" : "check")",
                nl: "het concept heeft geen bijlagesectie om \(update ? "bij te werken" : "te controleren")", at: SourceRange(file: file, start: 0, end: 0),
                notes: [DiagnosticNote(
                    "put the two lines \(MarkdownDraft.annexBegin) and \(MarkdownDraft.annexEnd) where the annex belongs, then run `\(updateCommand)`",
                    nl: "zet de twee regels \(MarkdownDraft.annexBegin) en \(MarkdownDraft.annexEnd) op de plaats van de bijlage en voer dan `\(updateCommand)` uit")],
                suggestion: MarkdownDraft.annexBegin)])
            return WaarborgCLI.ExitCode.inputError
        }
        // The annex's headings go one level below the draft's heading above the section.
        let generated = AnnexMarkdownRenderer(headingOffset: section.section.outlineLevel).render(document)
        let difference = section.difference(to: generated)
        let language = document.language
        if difference.isEmpty {
            context.console.err("\(draftPath): " + AnnexSync.upToDate(from: section.firstLine, language) + "\n")
            return WaarborgCLI.ExitCode.clean
        }
        if update {
            // The draft is rewritten on purpose: through a link, keeping its mode, owner and
            // hard links, and not at all when it is read-only.
            if let failure = FileAccess.writeAtomically(section.updatedFile(with: generated), to: draftPath, policy: .rewrite) {
                context.printDiagnostics([failure])
                return WaarborgCLI.ExitCode.inputError
            }
            context.console.err("\(draftPath): " + AnnexSync.updated(difference, language) + "\n")
            return WaarborgCLI.ExitCode.clean
        }
        context.console.out(difference.unified(
            oldName: "\(draftPath) " + (language == .nl ? "(bijlagesectie zoals geschreven)" : "(annex section as written)"),
            newName: "\(draftPath) " + (language == .nl ? "(bijlage zoals nu gegenereerd)" : "(annex as generated now)"), firstLine: section.firstLine))
        context.printDiagnostics([.error(
            "WB801",
            "the annex section differs from the annex generated from the draft's waarborg blocks (\(AnnexSync.counts(difference).en)); a rule, a block or a clause changed since it was written",
            nl: "de bijlagesectie wijkt af van de bijlage die uit de waarborg-blokken van het concept is gegenereerd (\(AnnexSync.counts(difference).nl)); sinds de sectie is geschreven, is een regel, een blok of een bepaling gewijzigd",
            at: section.section.begin,
            notes: [DiagnosticNote(
                "review the difference above; if the draft is right, run `\(updateCommand)`",
                nl: "bekijk het verschil hierboven; klopt het concept, voer dan `\(updateCommand)` uit")])])
        return WaarborgCLI.ExitCode.findings
    }

    /// The confirmations of `--check` and `--update`, in the annex's language (one run speaks
    /// one language, its diagnostics too).
    static func upToDate(from line: Int, _ language: Language) -> String {
        language == .nl ? "de bijlage (vanaf regel \(line)) is actueel" : "the annex section (from line \(line)) is up to date"
    }

    static func updated(_ difference: LineDiff, _ language: Language) -> String {
        let (removed, added) = lineCounts(difference)
        switch language {
        case .nl:
            return "bijlage bijgewerkt (\(removed) regel\(removed == 1 ? "" : "s") verwijderd, \(added) toegevoegd)"
        case .en:
            return "annex section updated (\(removed) line\(removed == 1 ? "" : "s") removed, \(added) added)"
        }
    }

    /// "3 lines removed, 1 added": "tekstregels" in Dutch, as the message also names rules.
    static func counts(_ difference: LineDiff) -> Bilingual {
        let (removed, added) = lineCounts(difference)
        return Bilingual(
            "\(removed) line\(removed == 1 ? "" : "s") removed, \(added) added",
            nl: "\(removed) tekstregel\(removed == 1 ? "" : "s") verwijderd, \(added) toegevoegd")
    }

    static func lineCounts(_ difference: LineDiff) -> (removed: Int, added: Int) {
        var removed = 0
        var added = 0
        for line in difference.lines {
            switch line {
            case .removed: removed += 1
            case .added: added += 1
            case .same: break
            }
        }
        return (removed, added)
    }
}
