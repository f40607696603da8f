import WaarborgSyntax

/// A command-line option: `--name VALUE` (or `--name=VALUE`) or a flag `--name`.
struct OptionSpec {
    let name: String
    let valueName: String?
    let allowed: [String]?
    /// The option's line in `--help`, in both languages (the run shows the one of its `--lang`).
    let help: Bilingual

    static func flag(_ name: String, _ help: String, nl: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, allowed: nil, help: Bilingual(help, nl: nl))
    }

    static func value(_ name: String, _ valueName: String, allowed: [String]? = nil, _ help: String, nl: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, allowed: allowed, help: Bilingual(help, nl: nl))
    }
}

/// A usage error: exit code 2 with a message that says what to write instead.
struct UsageError: Error {
    /// In both languages, as a diagnostic (the run prints the one of its `--lang`).
    let text: Bilingual

    init(_ en: String, nl: String) {
        text = Bilingual(en, nl: nl)
    }

    init(_ text: Bilingual) {
        self.text = text
    }
}

/// Parsed arguments of one subcommand.
struct ParsedArguments {
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    func value(_ name: String) -> String? { values[name] }
    func has(_ name: String) -> Bool { flags.contains(name) }
}

/// A small, strict argument parser: unknown options are errors with a suggestion, and
/// values are checked against their allowed set before any work starts.
enum ArgumentParser {
    static func parse(_ arguments: [String], options: [OptionSpec], command: String) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            // `-h` is `--help` for every command, as users of other tools expect.
            if argument == "-h", options.contains(where: { $0.name == "help" }) {
                parsed.flags.insert("help")
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let spec = options.first(where: { "--" + $0.name == name }) else {
                let suggestion = Suggestions.closest(to: name, in: options.map { "--" + $0.name })
                throw UsageError(
                    Bilingual("unknown option `\(name)` for `waarborg \(command)`", nl: "onbekende optie `\(name)` voor `waarborg \(command)`") + Suggestions.didYouMean(suggestion, otherwise: Bilingual("; see `waarborg \(command) --help`", nl: "; zie `waarborg \(command) --help`")))
            }
            guard let valueName = spec.valueName else {
                if inlineValue != nil { throw UsageError("`--\(spec.name)` takes no value", nl: "`--\(spec.name)` neemt geen waarde") }
                parsed.flags.insert(spec.name)
                continue
            }
            var value = inlineValue
            if value == nil {
                guard index < arguments.count else {
                    throw UsageError("`--\(spec.name)` needs a value: --\(spec.name) \(valueName)", nl: "`--\(spec.name)` heeft een waarde nodig: --\(spec.name) \(valueName)")
                }
                value = arguments[index]
                index += 1
            }
            if let allowed = spec.allowed, !allowed.contains(value!) {
                throw UsageError(
                    "`--\(spec.name)` must be one of \(allowed.joined(separator: ", ")); got `\(value!)`",
                    nl: "`--\(spec.name)` is een van \(allowed.joined(separator: ", ")); gegeven: `\(value!)`")
            }
            // A second value would silently win over the first: say so instead.
            if let first = parsed.values[spec.name] {
                throw UsageError(
                    "`--\(spec.name)` is given twice (`\(first)` and `\(value!)`); it takes one value, so give it once",
                    nl: "`--\(spec.name)` is twee keer gegeven (`\(first)` en `\(value!)`); de optie neemt één waarde, geef haar één keer")
            }
            parsed.values[spec.name] = value!
        }
        return parsed
    }

    /// A command's `--help` in `language`. `usage` is code (the command, its options and
    /// value names) and stays as written, but for `[options]`, which Dutch calls `[opties]`.
    static func help(usage: String, summary: Bilingual, options: [OptionSpec], extra: Bilingual = Bilingual(verbatim: ""), language: Language) -> String {
        let usage = language == .nl ? usage.replacing("[options]", with: "[opties]") : usage
        let headings = language == .nl ? ("GEBRUIK:", "OPTIES:") : ("USAGE:", "OPTIONS:")
        var lines = ["\(headings.0) \(usage)", "", summary[language], "", headings.1]
        for option in options {
            var left = "--\(option.name)"
            if let value = option.valueName { left += " \(value)" }
            let padding = String(repeating: " ", count: max(2, 26 - left.count))
            lines.append("  \(left)\(padding)\(option.help[language])")
        }
        if !extra[language].isEmpty { lines += ["", extra[language]] }
        return lines.joined(separator: "\n") + "\n"
    }
}
