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

    static let commands: [(name: String, summary: String)] = [
        ("interview", "Start a plan from a conversation that asks only what decides the verdicts."),
        ("check", "Check plans against the rules and print a verdict per activity and for the plan."),
        ("questions", "List the open questions whose answers decide verdicts, as a checklist."),
        ("explain", "Show the full trace: every rule, condition, fact and how the verdicts combine."),
        ("test", "Run every rule's examples and report which pass."),
        ("impact", "Show which plans' verdicts a rule change alters: from what to what, by which rules."),
        ("lint", "Review a rule set: overlaps, impossible exceptions, unused entries, example coverage."),
        ("docs", "Write the rule catalogue (docs/rules.md) for lawyers to review."),
        ("fmt", "Format rule files, plans and the waarborg blocks of drafts (`--check`: only report)."),
        ("convert", "Write a plan as JSON or as .wbp text."),
        ("schema", "Print the JSON Schema of JSON plans (`waarborg schema plan`)."),
        ("annex", "Write the safeguards annex to the cooperation agreement (Markdown, HTML or Word)."),
    ]

    public static func run(_ arguments: [String], environment: [String: String], console: Console) -> Int32 {
        let code = dispatch(arguments, environment: environment, console: console)
        // Every write is checked: a report cut short by a full disk or a closed pipe is
        // an error, never exit code 0.
        if let failure = console.outputFailure {
            console.err("error: writing to standard output failed (\(failure)); the output is incomplete [WB613]\n")
            return ExitCode.inputError
        }
        return code
    }

    private static func dispatch(_ arguments: [String], environment: [String: String], console: Console) -> Int32 {
        guard let first = arguments.first else {
            console.err(mainHelp)
            return ExitCode.inputError
        }
        let rest = Array(arguments.dropFirst())
        let context = CommandContext(environment: environment, console: console)
        switch first {
        case "--help", "-h", "help":
            if first == "help", let topic = rest.first { return dispatch([topic, "--help"], environment: environment, console: console) }
            console.out(mainHelp)
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
            console.err(context.terminal.text("error: unknown command `\(first)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")) + "\n\n" + mainHelp)
            return ExitCode.inputError
        }
    }

    static var mainHelp: String {
        var lines = [
            "waarborg \(version): competition-law checks for regional cooperation in Dutch healthcare",
            "",
            "USAGE: waarborg <command> [options]",
            "",
            "COMMANDS:",
        ]
        for command in commands {
            lines.append("  \(command.name)\(String(repeating: " ", count: 10 - command.name.count))\(command.summary)")
        }
        lines += [
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

/// What every command needs: the environment and where to write.
struct CommandContext {
    let environment: [String: String]
    let console: Console
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
    static let plainOption = OptionSpec.flag("plain", "No colour and no box drawing (for screen readers, logs and memos).")

    /// More than this many diagnostics are summarised: the first ones are what to fix.
    static let maxDiagnostics = 200

    func printDiagnostics(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let sorted = diagnostics.sortedForOutput()
        let shown = Array(sorted.prefix(CommandContext.maxDiagnostics))
        var text = DiagnosticRenderer(terminal: terminal).render(shown)
        if sorted.count > shown.count {
            let errors = sorted.dropFirst(shown.count).filter { $0.severity == .error }.count
            text += "… and \(sorted.count - shown.count) more diagnostics (\(errors) errors) not shown; fix the first ones and run again\n"
        }
        console.err(text)
    }

    func usageError(_ error: UsageError, command: String) -> Int32 {
        console.err(terminal.text("error: \(error.message)") + "\n")
        return WaarborgCLI.ExitCode.inputError
    }

    /// Plans are positional arguments; `--answers` belongs to one plan.
    func requirePlans(_ parsed: ParsedArguments, command: String, allowMany: Bool) throws(UsageError) {
        if parsed.positionals.isEmpty {
            throw UsageError(message: "`waarborg \(command)` needs a plan file, for example `waarborg \(command) examples/zorghub-noord.wbp`")
        }
        if parsed.positionals.count > 1, !allowMany || parsed.value("answers") != nil {
            throw UsageError(message: parsed.value("answers") != nil
                ? "`--answers` belongs to one plan; check one plan at a time with it"
                : "`--format json` checks one plan at a time; run it once per plan")
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
            throw UsageError(message: "`--\(option)` takes a date written YYYY-MM-DD; got `\(text)`")
        }
        return date
    }
}
