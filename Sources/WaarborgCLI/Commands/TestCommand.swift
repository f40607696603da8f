import WaarborgEngine
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// `waarborg test [DIR]`: run every rule's examples.
struct TestCommand {
    let context: CommandContext

    static let options: [OptionSpec] = [
        .value("as-of", "YYYY-MM-DD", "Evaluate examples that give no date on this date (default: the rule set's date)."),
        .flag("verbose", "List every example, not only the failing ones."),
        CommandContext.plainOption,
        .flag("help", "Show this help."),
    ]

    static var help: String {
        ArgumentParser.help(
            usage: "waarborg test [DIR] [options]",
            summary: "Runs the examples of every rule in DIR (default: the project's rules/) against the whole rule set.\nAn example passes when the verdict and the rules that decided it are the ones it expects.",
            options: options,
            extra: "EXIT CODES: 0 all examples pass; 1 an example fails; 2 the rule set has errors.")
    }

    func run(_ arguments: [String]) -> Int32 {
        let parsed: ParsedArguments
        let asOf: DateValue?
        do throws(UsageError) {
            parsed = try ArgumentParser.parse(arguments, options: TestCommand.options, command: "test")
            asOf = try context.parseDate(parsed.value("as-of"), option: "as-of")
            if parsed.positionals.count > 1 {
                throw UsageError(message: "`waarborg test` takes one rules folder; got \(parsed.positionals.count)")
            }
        } catch {
            return context.usageError(error, command: "test")
        }
        if parsed.has("help") {
            context.console.out(TestCommand.help)
            return WaarborgCLI.ExitCode.clean
        }
        let loader = context.loader
        let (loaded, diagnostics) = loader.loadRuleSet(loader.rulesDirectory(parsed.positionals.first))
        context.printDiagnostics(diagnostics)
        guard let ruleSet = loaded else { return WaarborgCLI.ExitCode.inputError }

        let results = ExampleRunner.run(ruleSet, asOf: asOf)
        var failed = 0
        var output = ""
        for result in results {
            let rule = ruleSet.rules[result.rule]
            let location = result.example.range.location
            if result.passed {
                if parsed.has("verbose") { output += "PASS \(rule.id) \"\(result.example.title)\" (\(location))\n" }
                continue
            }
            failed += 1
            let expectedRules = result.example.expectedRules.isEmpty ? "no rule" : result.example.expectedRules.joined(separator: ", ")
            let actualRules = result.decidingRules.isEmpty ? "no rule" : result.decidingRules.joined(separator: ", ")
            var expected = "\(result.example.expectedVerdict.id) by \(expectedRules)"
            var actual = "\(result.evaluation.verdict.id) by \(actualRules)"
            if let notes = result.example.expectedNotes {
                expected += " with notes " + (notes.isEmpty ? "none" : notes.joined(separator: ", "))
                actual += " with notes " + (result.notes.isEmpty ? "none" : result.notes.joined(separator: ", "))
            }
            output += "\(result.example.expectRange.location): error: example \"\(result.example.title)\" of \(rule.id) expects "
                + "\(expected), but got \(actual) (\(result.evaluation.determination.rawValue), as of \(result.date))\n"
            for question in result.evaluation.questions {
                output += "  note: unknown fact `\(ruleSet.vocabulary.facts[question.fact].id)` (needed by \(question.rules.map { ruleSet.rules[$0].id }.joined(separator: ", ")))\n"
            }
            for pair in result.evaluation.conflicts {
                output += "  note: conflict between \(pair.map { ruleSet.rules[$0].id }.joined(separator: " and "))\n"
            }
        }
        let rulesWithoutExamples = ruleSet.rules.filter { $0.examples.isEmpty }.map(\.id)
        if !rulesWithoutExamples.isEmpty {
            output += "warning: rules without examples: \(rulesWithoutExamples.joined(separator: ", "))\n"
        }
        output += "\(results.count - failed) passed, \(failed) failed\n"
        context.console.out(output)
        return failed == 0 ? WaarborgCLI.ExitCode.clean : WaarborgCLI.ExitCode.findings
    }
}
