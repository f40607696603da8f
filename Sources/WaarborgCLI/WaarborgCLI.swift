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
        ("check", "Check plans against the rules and print a verdict per activity and for the plan."),
        ("test", "Run every rule's examples and report which pass."),
    ]

    public static func run(_ arguments: [String], environment: [String: String], console: Console) -> Int32 {
        guard let first = arguments.first else {
            console.err(mainHelp)
            return ExitCode.inputError
        }
        let rest = Array(arguments.dropFirst())
        let context = CommandContext(environment: environment, console: console)
        switch first {
        case "--help", "-h", "help":
            if first == "help", let topic = rest.first { return run([topic, "--help"], environment: environment, console: console) }
            console.out(mainHelp)
            return ExitCode.clean
        case "--version", "-V":
            console.out("waarborg \(version)\n")
            return ExitCode.clean
        case "check":
            return CheckCommand(context: context).run(rest)
        case "test":
            return TestCommand(context: context).run(rest)
        default:
            let suggestion = Suggestions.closest(to: first, in: commands.map(\.name) + ["--help", "--version"])
            console.err("error: unknown command `\(first)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "") + "\n\n" + mainHelp)
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

    var loader: Loader { Loader(environment: environment) }

    func printDiagnostics(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        console.err(DiagnosticRenderer().render(diagnostics))
    }

    func usageError(_ error: UsageError, command: String) -> Int32 {
        console.err("error: \(error.message)\n")
        return WaarborgCLI.ExitCode.inputError
    }

    func parseDate(_ text: String?, option: String) throws(UsageError) -> DateValue? {
        guard let text else { return nil }
        guard let date = DateValue(iso: text) else {
            throw UsageError(message: "`--\(option)` takes a date written YYYY-MM-DD; got `\(text)`")
        }
        return date
    }
}
