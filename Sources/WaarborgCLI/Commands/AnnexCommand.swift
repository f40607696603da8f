import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// `waarborg annex PLAN`: the safeguards annex to the cooperation agreement, from the
/// same evaluation as `check`, as Markdown, HTML or a Word document.
struct AnnexCommand {
    let context: CommandContext

    static let formats = ["md", "html", "docx"]

    static let options: [OptionSpec] = [
        .value(
            "format", "md|html|docx", allowed: formats, "Output format (default: from the --output extension, else md).",
            nl: "Uitvoerformaat (standaard: volgens de extensie van --output, anders md)."),
        .value("lang", "nl|en", allowed: ["nl", "en"], "Language of the annex (default: nl).", nl: "Taal van de bijlage (standaard: nl)."),
    ] + PlanRun.options + [
        .value(
            "output", "FILE", "Write the annex to FILE (atomically); required for docx, md and html may go to standard output.",
            nl: "Schrijf de bijlage (atomair) naar FILE; verplicht voor docx, md en html kunnen ook naar de standaarduitvoer."),
        .flag(
            "check", "For a Markdown agreement draft: compare its annex section with the generated annex; exit 1 with a diff when they differ.",
            nl: "Bij een Markdown-concept van de samenwerkingsovereenkomst: vergelijk de bijlagesectie met de gegenereerde bijlage; exitcode 1 met een diff als ze verschillen."),
        .flag(
            "update", "For a Markdown agreement draft: rewrite its annex section in place (atomically), leaving the rest of the file unchanged.",
            nl: "Bij een Markdown-concept van de samenwerkingsovereenkomst: herschrijf de bijlagesectie ter plaatse (atomair); de rest van het bestand blijft ongewijzigd."),
        CommandContext.plainOption,
        CommandContext.helpOption,
    ]

    static func help(_ language: Language) -> String {
        ArgumentParser.help(
            usage: """
                waarborg annex PLAN [--format md|html|docx] [--lang nl|en] [--output FILE] [options]
                       waarborg annex DRAFT.md --check|--update [--lang nl|en] [options]
                """,
            summary: Bilingual(
                """
                Writes the safeguards annex (bijlage mededingingsrechtelijke waarborgen) to the cooperation agreement:
                the parties, the rules applied, per activity what the parties may do and the safeguards they undertake
                to maintain, the activities not yet cleared with their open questions, the excluded activities, the
                waived findings, compliance, meetings and review, and a place to sign. Its fixed texts are the phrases
                of the rule set's `annex` declaration (rules/annex.wbr); see docs/annex.md.

                A Markdown agreement draft (DRAFT.md, whose ```waarborg blocks hold the plan) keeps its annex between
                the lines \(MarkdownDraft.annexBegin) and \(MarkdownDraft.annexEnd). `--check` fails when that
                section differs from the annex generated now (a rule changed, a safeguard or clause was edited);
                `--update` rewrites the section. See docs/ci.md.
                """,
                nl: """
                Schrijft de bijlage mededingingsrechtelijke waarborgen bij de samenwerkingsovereenkomst: de partijen, de
                toegepaste regels, per activiteit wat de partijen mogen en welke waarborgen zij zich verplichten te
                handhaven, de activiteiten die nog niet zijn vrijgegeven met hun open vragen, de uitgesloten activiteiten,
                de activiteiten met een aanvaard risico, naleving, overleg en herziening, en ruimte voor ondertekening. De
                vaste teksten zijn de formuleringen uit de `annex`-declaratie van de regelset (rules/annex.wbr); zie
                docs/annex.md.

                Een Markdown-concept van de samenwerkingsovereenkomst (DRAFT.md, waarvan de ```waarborg-blokken het plan
                bevatten) houdt zijn bijlage tussen de markeringen \(MarkdownDraft.annexBegin) en \(MarkdownDraft.annexEnd).
                `--check` faalt als die sectie afwijkt van de bijlage die nu gegenereerd wordt (een regel is gewijzigd, een
                waarborg of bepaling is bewerkt); `--update` herschrijft de sectie. Zie docs/ci.md.
                """),
            options: options,
            extra: Bilingual(
                """
                EXIT CODES: 0 written (or, with --check, the annex section is up to date); 1 with --check, the annex
                section differs from the generated annex; 2 an input or usage error (such as a phrase missing from the
                rule set, or a draft without annex markers).
                """,
                nl: """
                EXITCODES: 0 geschreven (of, met --check, de bijlagesectie is actueel); 1 met --check: de bijlagesectie
                wijkt af van de gegenereerde bijlage; 2 een invoer- of gebruiksfout (zoals een formulering die in de
                regelset ontbreekt, of een concept zonder bijlagemarkeringen).
                """),
            language: language)
    }

    func run(_ arguments: [String]) -> Int32 {
        let parsed: ParsedArguments
        let asOf: DateValue?
        var format = "md"
        do throws(UsageError) {
            parsed = try ArgumentParser.parse(arguments, options: AnnexCommand.options, command: "annex")
            asOf = try context.parseDate(parsed.value("as-of"), option: "as-of")
            if !parsed.has("help") {
                guard parsed.positionals.count == 1 else {
                    throw parsed.positionals.isEmpty
                        ? UsageError(
                            "`waarborg annex` needs a plan file, for example `waarborg annex examples/zorghub-noord.wbp --output annex.md`",
                            nl: "`waarborg annex` heeft een planbestand nodig, bijvoorbeeld `waarborg annex examples/zorghub-noord.wbp --output annex.md`")
                        : UsageError(
                            "`waarborg annex` writes the annex of one plan; run it once per plan",
                            nl: "`waarborg annex` schrijft de bijlage van één plan; voer de opdracht voor elk plan apart uit")
                }
                format = try AnnexCommand.format(parsed)
                try AnnexCommand.validateSync(parsed)
            }
        } catch {
            return context.usageError(error, command: "annex")
        }
        if parsed.has("help") {
            context.console.out(AnnexCommand.help(context.language))
            return WaarborgCLI.ExitCode.clean
        }
        guard let run = PlanRun.load(parsed, context: context, asOf: asOf), let plan = run.first else {
            return WaarborgCLI.ExitCode.inputError
        }
        let report = CheckReport(run.assess(plan.evaluation), diagnostics: plan.diagnostics)
        let (built, diagnostics) = AnnexBuilder(report: report).build()
        context.printDiagnostics(diagnostics)
        guard let document = built, !diagnostics.hasErrors else { return WaarborgCLI.ExitCode.inputError }

        if parsed.has("check") || parsed.has("update") {
            let shaping = ["lang", "rules", "as-of", "answers"].compactMap { name in parsed.value(name).map { "--\(name) \($0)" } }
            return AnnexSync(context: context).run(
                draftPath: parsed.positionals[0], document: document, update: parsed.has("update"), options: shaping)
        }
        let output = parsed.value("output")
        switch format {
        case "docx":
            let bytes: [UInt8]
            do throws(ZIPArchive.Failure) {
                bytes = try AnnexDOCXRenderer().render(document)
            } catch {
                context.console.err(
                    context.language == .nl
                        ? "error: het Word-document kan niet worden ingepakt: \(error)\n" : "error: the Word document cannot be packed: \(error)\n")
                return WaarborgCLI.ExitCode.inputError
            }
            // `format` only resolves to docx with an output file.
            return context.emit(bytes: bytes, to: output ?? "annex.docx") ? WaarborgCLI.ExitCode.clean : WaarborgCLI.ExitCode.inputError
        case "html":
            return context.emit(AnnexHTMLRenderer().render(document), to: output) ? WaarborgCLI.ExitCode.clean : WaarborgCLI.ExitCode.inputError
        default:
            return context.emit(AnnexMarkdownRenderer().render(document), to: output) ? WaarborgCLI.ExitCode.clean : WaarborgCLI.ExitCode.inputError
        }
    }

    /// `--check` and `--update` work on the annex section of a Markdown draft, in place.
    static func validateSync(_ parsed: ParsedArguments) throws(UsageError) {
        let check = parsed.has("check")
        let update = parsed.has("update")
        guard check || update else { return }
        let flag = check ? "--check" : "--update"
        if check, update {
            throw UsageError(
                "`--check` and `--update` exclude each other: check in CI, update when you edit the draft",
                nl: "`--check` en `--update` sluiten elkaar uit: controleer in CI, werk bij wanneer u het concept bewerkt")
        }
        if !MarkdownDraft.isDraft(parsed.positionals[0]) {
            throw UsageError(
                "`\(flag)` works on the annex section of a Markdown agreement draft (a .md file with ```waarborg blocks); `\(parsed.positionals[0])` is not one. To write an annex file, use `--output FILE`",
                nl: "`\(flag)` werkt op de bijlagesectie van een conceptovereenkomst in Markdown (een .md-bestand met `waarborg`-codeblokken); `\(parsed.positionals[0])` is dat niet. Gebruik `--output FILE` om een bijlagebestand te schrijven")
        }
        if parsed.value("output") != nil {
            throw UsageError("`\(flag)` works on the draft itself; leave out `--output`", nl: "`\(flag)` werkt op het concept zelf; laat `--output` weg")
        }
        if let format = parsed.value("format"), format != "md" {
            throw UsageError(
                "the annex section of a Markdown draft is Markdown; leave out `--format \(format)` with `\(flag)`",
                nl: "de bijlagesectie van een Markdown-concept is Markdown; laat `--format \(format)` weg bij `\(flag)`")
        }
    }

    /// `--format`, else the extension of `--output`, else Markdown. A Word document is
    /// binary: it needs `--output`.
    static func format(_ parsed: ParsedArguments) throws(UsageError) -> String {
        let output = parsed.value("output")
        var format = parsed.value("format")
        if format == nil, let output {
            let lowered = output.lowercased()
            if lowered.hasSuffix(".docx") {
                format = "docx"
            } else if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") {
                format = "html"
            }
        }
        let resolved = format ?? "md"
        if resolved == "docx", output == nil {
            throw UsageError(
                "`--format docx` writes a Word document, which is not text; name the file with `--output FILE.docx`",
                nl: "`--format docx` schrijft een Word-document, en dat is geen tekst; geef het bestand op met `--output FILE.docx`")
        }
        return resolved
    }
}
