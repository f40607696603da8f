import Foundation
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// The command-line tool. `run` returns the exit code instead of exiting, so tests run
/// commands in-process; only `main.swift` of the executable exits.
///
/// Exit codes: 0 clean; 1 findings at or above `--fail-level` (or failing rule examples);
/// 2 an input or usage error.
public enum WaarborgCLI {
    public static let version = "0.1.0"

    public enum ExitCode {
        public static let clean: Int32 = 0
        public static let findings: Int32 = 1
        public static let inputError: Int32 = 2
    }

    static let commands: [(name: String, summary: Bilingual)] = [
        ("interview", Bilingual(
            "Start a plan from a conversation that asks only what decides the verdicts.",
            nl: "Begin een plan met een gesprek dat alleen vraagt wat de oordelen bepaalt.")),
        ("check", Bilingual(
            "Check plans against the rules and print a verdict per activity and for the plan.",
            nl: "Toets plannen aan de regels en toon een oordeel per activiteit en voor het plan.")),
        ("questions", Bilingual(
            "List the open questions whose answers decide verdicts, as a checklist.",
            nl: "Zet de open vragen waarvan de antwoorden de oordelen bepalen op een rij, als checklist.")),
        ("explain", Bilingual(
            "Show the full trace: every rule, condition, fact and how the verdicts combine.",
            nl: "Toon de volledige trace (het verloop): elke regel, voorwaarde en elk feit, en hoe de oordelen samenkomen.")),
        ("test", Bilingual(
            "Run every rule's examples and report which pass.",
            nl: "Voer de voorbeelden van elke regel uit en meld welke slagen.")),
        ("impact", Bilingual(
            "Show which plans' verdicts a rule change alters: from what to what, by which rules.",
            nl: "Toon welke oordelen van plannen een regelwijziging verandert: van wat naar wat, door welke regels.")),
        ("lint", Bilingual(
            "Review a rule set: overlaps, impossible exceptions, unused entries, example coverage.",
            nl: "Beoordeel een regelset: overlappingen, onmogelijke uitzonderingen, ongebruikte onderdelen, dekking door voorbeelden.")),
        ("docs", Bilingual(
            "Write the rule catalogue (docs/rules.md) for lawyers to review.",
            nl: "Schrijf de regelcatalogus (docs/rules.md), ter beoordeling door juristen.")),
        ("fmt", Bilingual(
            "Format rule files, plans and the waarborg blocks of drafts (`--check`: only report).",
            nl: "Maak regelbestanden, plannen en de waarborg-blokken van concepten op (`--check`: alleen melden).")),
        ("convert", Bilingual(
            "Write a plan as JSON or as .wbp text.",
            nl: "Schrijf een plan als JSON of als .wbp-tekst.")),
        ("schema", Bilingual(
            "Print the JSON Schema of JSON plans (`waarborg schema plan`).",
            nl: "Toon het JSON Schema van JSON-plannen (`waarborg schema plan`).")),
        ("annex", Bilingual(
            "Write the safeguards annex to the cooperation agreement (Markdown, HTML or Word).",
            nl: "Schrijf de bijlage met waarborgen bij de samenwerkingsovereenkomst (Markdown, HTML of Word).")),
    ]

    public static func run(_ arguments: [String], environment: [String: String], console: Console) -> Int32 {
        let code = dispatch(arguments, environment: environment, console: console)
        // Every write is checked: a report cut short by a full disk or a closed pipe is
        // an error, never exit code 0.
        if let failure = console.outputFailureText {
            console.err(
                CommandContext.language(of: Array(arguments.dropFirst())) == .nl
                    ? "error: schrijven naar de standaarduitvoer is mislukt (\(failure.nl)); de uitvoer is onvolledig [WB613]\n"
                    : "error: writing to standard output failed (\(failure.en)); the output is incomplete [WB613]\n")
            return ExitCode.inputError
        }
        return code
    }

    private static func dispatch(_ arguments: [String], environment: [String: String], console: Console) -> Int32 {
        guard let first = arguments.first else {
            // Bare `waarborg`: no `--lang` to follow, so the default language.
            console.err(mainHelp(.nl))
            return ExitCode.inputError
        }
        let rest = Array(arguments.dropFirst())
        let context = CommandContext(environment: environment, console: console, language: CommandContext.language(of: rest))
        switch first {
        case "--help", "-h", "help":
            // `waarborg help check --lang en`: the command's help, in the language asked for.
            if first == "help", let topic = rest.first {
                return dispatch([topic, "--help", "--lang", context.language.rawValue], environment: environment, console: console)
            }
            console.out(mainHelp(context.language))
            return ExitCode.clean
        case "--version", "-V":
            console.out("waarborg \(version)\n")
            return ExitCode.clean
        case "check":
            return CheckCommand(context: context).run(rest)
        case "test":
            return TestCommand(context: context).run(rest)
        case "questions":
            return QuestionsCommand(context: context).run(rest)
        case "explain":
            return ExplainCommand(context: context).run(rest)
        case "lint":
            return LintCommand(context: context).run(rest)
        case "docs":
            return DocsCommand(context: context).run(rest)
        case "convert":
            return ConvertCommand(context: context).run(rest)
        case "schema":
            return SchemaCommand(context: context).run(rest)
        case "annex": return AnnexCommand(context: context).run(rest)
        case "interview": return InterviewCommand(context: context).run(rest)
        case "impact": return ImpactCommand(context: context).run(rest)
        case "fmt": return FmtCommand(context: context).run(rest)
        default:
            let suggestion = Suggestions.closest(to: first, in: commands.map(\.name) + ["--help", "--version"])
            let message = context.language == .nl
                ? "onbekende opdracht `\(first)`" + (suggestion.map { "; bedoelde je `\($0)`?" } ?? "")
                : "unknown command `\(first)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
            console.err(context.terminal.text("error: " + message) + "\n\n" + mainHelp(context.language))
            return ExitCode.inputError
        }
    }

    /// `waarborg --help` in `language`.
    static func mainHelp(_ language: Language) -> String {
        let nl = language == .nl
        var lines = [
            nl
                ? "waarborg \(version): mededingingsrechtelijke toetsing van regionale samenwerking in de Nederlandse zorg"
                : "waarborg \(version): competition-law checks for regional cooperation in Dutch healthcare",
            "",
            nl ? "GEBRUIK: waarborg <opdracht> [opties]" : "USAGE: waarborg <command> [options]",
            "",
            nl ? "OPDRACHTEN:" : "COMMANDS:",
        ]
        for command in commands {
            lines.append("  \(command.name)\(String(repeating: " ", count: 10 - command.name.count))\(command.summary[language])")
        }
        lines += nl
            ? [
                "",
                "OPTIES:",
                "  --help, -h    Toon deze hulptekst; `waarborg <opdracht> --help` toont de opties van een opdracht.",
                "  --version     Toon het versienummer.",
                "",
                "EXITCODES: 0 geen bevindingen; 1 bevindingen op of boven --fail-level (of falende voorbeelden); 2 invoer- of gebruiksfout.",
                "",
                "Voorbeeld: waarborg check examples/zorghub-noord.wbp",
            ]
            : [
                "",
                "OPTIONS:",
                "  --help, -h    Show this help; `waarborg <command> --help` shows a command's options.",
                "  --version     Print the version.",
                "",
                "EXIT CODES: 0 clean; 1 findings at or above --fail-level (or failing examples); 2 input or usage error.",
                "",
                "Example: waarborg check examples/zorghub-noord.wbp --lang en",
            ]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// What every command needs: the environment, where to write and in which language.
struct CommandContext {
    let environment: [String: String]
    let console: Console
    /// The language of the run's messages (diagnostics): the command's `--lang`, Dutch by
    /// default, as its reports. Read from the arguments before the command parses them,
    /// so a diagnostic about the arguments themselves speaks it too.
    let language: Language
    /// Every file the run reads, so that no output replaces one of them.
    let inputs = RunInputs()

    var loader: Loader { Loader(environment: environment, inputs: inputs) }

    /// Where `--output` points: nil for standard output (no option, `-` or `/dev/stdout`).
    func outputPath(_ parsed: ParsedArguments) -> String? {
        parsed.value("output").flatMap { FileAccess.isStandardOutput($0) ? nil : $0 }
    }

    /// How text reaches the log: under GitHub Actions, no line may read as a workflow command.
    var terminal: TerminalText { TerminalText(underActions: environment["GITHUB_ACTIONS"] == "true") }

    /// `--plain`, accepted by every command so a script or a screen-reader setup can pass
    /// it to all of them; only `check` draws boxes and colours, the others' text is plain.
    static let plainOption = OptionSpec.flag(
        "plain", "No colour and no box drawing (for screen readers, logs and memos).",
        nl: "Geen kleur en geen kaders (voor schermlezers, logbestanden en memo's).")

    /// `--help`, which every command takes.
    static let helpOption = OptionSpec.flag("help", "Show this help.", nl: "Toon deze hulptekst.")

    /// `--lang` for the commands that had none: the language of their messages.
    static let languageOption = OptionSpec.value(
        "lang", "nl|en", allowed: ["nl", "en"], "Language of the messages (default: nl).",
        nl: "Taal van de meldingen (standaard: nl).")

    /// The `--lang` among a command's arguments (`--lang en`, `--lang=en`), or Dutch; a
    /// value that is no language is left to the command's own parse to report.
    static func language(of arguments: [String]) -> Language {
        var found = Language.nl
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.count {
                if let language = Language(rawValue: arguments[index + 1]) { found = language }
                index += 1
            } else if argument.hasPrefix("--lang="), let language = Language(rawValue: String(argument.dropFirst("--lang=".count))) {
                found = language
            }
            index += 1
        }
        return found
    }

    /// More than this many diagnostics are summarised: the first ones are what to fix.
    static let maxDiagnostics = 200

    func printDiagnostics(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let sorted = diagnostics.sortedForOutput()
        let shown = Array(sorted.prefix(CommandContext.maxDiagnostics))
        var text = DiagnosticRenderer(language: language, terminal: terminal).render(shown)
        if sorted.count > shown.count {
            let errors = sorted.dropFirst(shown.count).filter { $0.severity == .error }.count
            let more = sorted.count - shown.count
            text += language == .nl
                ? "… en nog \(more) meldingen (\(errors) fouten) niet getoond; los de eerste op en voer de opdracht opnieuw uit\n"
                : "… and \(more) more diagnostics (\(errors) errors) not shown; fix the first ones and run again\n"
        }
        console.err(text)
    }

    func usageError(_ error: UsageError, command: String) -> Int32 {
        console.err(terminal.text("error: \(error.text[language])") + "\n")
        return WaarborgCLI.ExitCode.inputError
    }

    /// Plans are positional arguments; `--answers` belongs to one plan.
    func requirePlans(_ parsed: ParsedArguments, command: String, allowMany: Bool) throws(UsageError) {
        if parsed.positionals.isEmpty {
            throw UsageError(
                "`waarborg \(command)` needs a plan file, for example `waarborg \(command) examples/zorghub-noord.wbp`",
                nl: "`waarborg \(command)` heeft een planbestand nodig, bijvoorbeeld `waarborg \(command) examples/zorghub-noord.wbp`")
        }
        if parsed.positionals.count > 1, !allowMany || parsed.value("answers") != nil {
            throw parsed.value("answers") != nil
                ? UsageError(
                    "`--answers` belongs to one plan; check one plan at a time with it",
                    nl: "`--answers` hoort bij één plan; controleer daarmee één plan tegelijk")
                : UsageError(
                    "`--format json` checks one plan at a time; run it once per plan",
                    nl: "`--format json` controleert één plan tegelijk; voer de opdracht per plan uit")
        }
    }

    /// Terminal styling: colour only on a terminal, never with `--plain`, `--output` or `NO_COLOR`.
    /// Text wraps at the terminal's width (`COLUMNS`, else the window's), 80 columns in a
    /// file or a pipe, so a report is the same bytes wherever it is written.
    func textStyle(_ parsed: ParsedArguments) -> TextStyle {
        let terminal = console.outputIsTerminal && outputPath(parsed) == nil
        return TextStyle(
            plain: parsed.has("plain"),
            color: terminal && environment["NO_COLOR"] == nil,
            width: terminal ? terminalWidth : 80,
            terminal: self.terminal)
    }

    private var terminalWidth: Int {
        if let columns = environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 { return columns }
        var size = winsize()
        let status = withUnsafeMutablePointer(to: &size) { ioctl(1, UInt(TIOCGWINSZ), $0) }
        return status == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }

    /// Writes finished bytes (a DOCX) to `--output` atomically, or to standard output for `-`.
    func emit(bytes: [UInt8], to output: String) -> Bool {
        if FileAccess.isStandardOutput(output) {
            console.out(bytes: bytes)
            return true
        }
        if let failure = FileAccess.writeAtomically(bytes, to: output, inputs: inputs) {
            printDiagnostics([failure])
            return false
        }
        return true
    }

    /// Writes a finished report to `--output` (atomically) or standard output.
    func emit(_ text: String, to output: String?) -> Bool {
        guard let output, !FileAccess.isStandardOutput(output) else {
            console.out(text)
            return true
        }
        if let failure = FileAccess.writeAtomically(text, to: output, inputs: inputs) {
            printDiagnostics([failure])
            return false
        }
        return true
    }

    func parseDate(_ text: String?, option: String) throws(UsageError) -> DateValue? {
        guard let text else { return nil }
        guard let date = DateValue(iso: text) else {
            throw UsageError(
                "`--\(option)` takes a date written YYYY-MM-DD; got `\(text)`",
                nl: "`--\(option)` neemt een datum geschreven als JJJJ-MM-DD; gegeven: `\(text)`")
        }
        return date
    }
}
