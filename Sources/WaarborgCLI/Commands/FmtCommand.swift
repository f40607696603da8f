import Foundation
import WaarborgReport
import WaarborgSyntax

/// `waarborg fmt [--check] PATH…`: rewrites rule files, plans and the `waarborg` blocks of
/// Markdown drafts in their canonical layout (see `Formatter`), or with `--check` shows
/// what it would change and fails.
struct FmtCommand {
    let context: CommandContext

    static let options: [OptionSpec] = [
        .flag(
            "check", "Change nothing; show the difference and exit 1 when a file is not formatted.",
            nl: "Wijzig niets; toon het verschil en eindig met exitcode 1 als een bestand niet is opgemaakt."),
        CommandContext.languageOption,
        CommandContext.helpOption,
    ]

    static func help(_ language: Language) -> String {
        ArgumentParser.help(
            usage: "waarborg fmt [--check] FILE|DIR…",
            summary: Bilingual(
                """
                Formats .wbr rule files, .wbp plans and the ```waarborg blocks of Markdown drafts: two spaces per
                level, one space between words, no trailing spaces, no double blank lines; comments and every word
                stay as they are. A folder stands for the .wbr, .wbp and .md files in it and its subfolders.
                """,
                nl: """
                Maakt .wbr-regelbestanden, .wbp-plannen en de ```waarborg-blokken van Markdown-concepten op: twee
                spaties per niveau, één spatie tussen woorden, geen spaties aan het regeleinde, geen dubbele lege
                regels; commentaar en elk woord blijven zoals ze zijn. Een map staat voor de .wbr-, .wbp- en
                .md-bestanden erin en in haar submappen.
                """),
            options: options,
            extra: Bilingual(
                "EXIT CODES: 0 formatted (or, with --check, already formatted); 1 --check found a file to format; 2 an input error.",
                nl: "EXITCODES: 0 opgemaakt (of, met --check, al opgemaakt); 1 --check vond een bestand dat nog opgemaakt moet worden; 2 een invoerfout."),
            language: language)
    }

    func run(_ arguments: [String]) -> Int32 {
        let dutch = context.language == .nl
        let parsed: ParsedArguments
        do throws(UsageError) {
            parsed = try ArgumentParser.parse(arguments, options: FmtCommand.options, command: "fmt")
            if parsed.positionals.isEmpty, !parsed.has("help") {
                throw UsageError(
                    "`waarborg fmt` needs files or folders, for example `waarborg fmt rules examples`",
                    nl: "`waarborg fmt` heeft bestanden of mappen nodig, bijvoorbeeld `waarborg fmt rules examples`")
            }
        } catch {
            return context.usageError(error, command: "fmt")
        }
        if parsed.has("help") {
            context.console.out(FmtCommand.help(context.language))
            return WaarborgCLI.ExitCode.clean
        }
        let paths: [String]
        switch FileAccess.expand(parsed.positionals, recursive: true, matches: { $0.hasSuffix(".wbr") || $0.hasSuffix(".wbp") || MarkdownDraft.isDraft($0) }) {
        case .success(let found): paths = found
        case .failure(let diagnostic):
            context.printDiagnostics([diagnostic])
            return WaarborgCLI.ExitCode.inputError
        }
        let check = parsed.has("check")
        var status = WaarborgCLI.ExitCode.clean
        var unformatted = 0
        for path in paths {
            let file: SourceFile
            switch FileAccess.read(path, what: FileAccess.What.fileToFormat) {
            case .success(let read): file = read
            case .failure(let diagnostic):
                context.printDiagnostics([diagnostic])
                status = WaarborgCLI.ExitCode.inputError
                continue
            }
            let (formatted, diagnostics) = MarkdownDraft.isDraft(path) ? Formatter.formatDraft(file) : Formatter.format(file)
            guard let formatted else {
                context.printDiagnostics(diagnostics)
                status = WaarborgCLI.ExitCode.inputError
                continue
            }
            let current = String(decoding: file.bytes, as: UTF8.self)
            guard formatted != current else { continue }
            unformatted += 1
            if check {
                context.console.out(LineDiff(old: current, new: formatted).unified(
                    oldName: dutch ? "\(path) (zoals geschreven)" : "\(path) (as written)", newName: dutch ? "\(path) (opgemaakt)" : "\(path) (formatted)"))
                context.console.err(dutch ? "\(path): niet opgemaakt; voer `waarborg fmt \(path)` uit\n" : "\(path): not formatted; run `waarborg fmt \(path)`\n")
                status = max(status, WaarborgCLI.ExitCode.findings)
            } else if let failure = FileAccess.writeAtomically(formatted, to: URL(fileURLWithPath: path).resolvingSymlinksInPath().path) {
                context.printDiagnostics([failure])
                status = WaarborgCLI.ExitCode.inputError
            } else {
                context.console.err(dutch ? "\(path): opgemaakt\n" : "\(path): formatted\n")
            }
        }
        if check, unformatted == 0, status == WaarborgCLI.ExitCode.clean {
            context.console.err(dutch ? "\(paths.count) bestanden opgemaakt\n" : "\(paths.count) files formatted\n")
        }
        return status
    }
}
