import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// A parameter that changed since an earlier version of the rules (git `HEAD`), as it
/// bears on one failing example: its value then and now on the example's date, and
/// whether the example passes with the old value.
public struct ParameterEffect: Sendable {
    public let parameter: Int
    public let oldValue: Value?
    public let newValue: Value?
    /// With the old value, the example gets what it expects.
    public let passesWithOldValue: Bool
    /// Which earlier version the old value comes from (`HEAD`).
    public let revision: String

    public init(parameter: Int, oldValue: Value?, newValue: Value?, passesWithOldValue: Bool, revision: String) {
        self.parameter = parameter
        self.oldValue = oldValue
        self.newValue = newValue
        self.passesWithOldValue = passesWithOldValue
        self.revision = revision
    }
}

/// What `waarborg test` prints about a failing rule example, in one language: where the
/// example is, what it expects and gets, why (the conditions and facts of the rules
/// involved, a changed parameter), and what to write. Renders values; evaluates nothing.
public struct ExampleReport {
    public let ruleSet: RuleSet
    public let language: Language

    public init(ruleSet: RuleSet, language: Language) {
        self.ruleSet = ruleSet
        self.language = language
    }

    private func pick(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    /// The failure, with `traces` (the trace of every rule of the example's kind) and the
    /// parameters that changed since the last commit.
    public func failure(_ result: ExampleResult, traces: [RuleTrace], parameters: [ParameterEffect]) -> String {
        let example = result.example
        let rule = ruleSet.rules[result.rule]
        let expected = outcome(example.expectedVerdict, example.expectedRules, notes: example.expectedNotes)
        let actual = outcome(result.evaluation.verdict, result.decidingRules, notes: example.expectedNotes == nil ? nil : result.notes)
        var out = "\(example.range.location): error: "
            + pick("voorbeeld \"\(example.title)\" van \(rule.id) verwacht \(expected), maar krijgt \(actual) (\(determination(result.evaluation.determination)), per \(result.date))",
                "example \"\(example.title)\" of \(rule.id) expects \(expected), but got \(actual) (\(determination(result.evaluation.determination)), as of \(result.date))")
            + "\n"
        out += "  " + pick("note: de verwachting staat op \(example.expectRange.location)", "note: the expectation is at \(example.expectRange.location)") + "\n"

        // The rules the example names or that decided, each with the tests that made it so.
        let involved = Set(example.expectedRules).union(result.decidingRules).union([rule.id])
        for trace in traces where involved.contains(ruleSet.rules[trace.rule].id) {
            out += explain(trace, date: result.date).map { "  note: " + $0 + "\n" }.joined()
        }
        for effect in parameters {
            out += "  note: " + parameterLine(effect, date: result.date) + "\n"
        }
        let unknown = result.evaluation.questions
        for question in unknown {
            let fact = ruleSet.vocabulary.facts[question.fact].id
            out += "  " + pick("note: feit `\(fact)` is onbekend (nodig voor \(ids(question.rules)))", "note: fact `\(fact)` is unknown (needed by \(ids(question.rules)))") + "\n"
        }
        for pair in result.evaluation.conflicts {
            out += "  " + pick("note: conflict tussen \(ids(pair, separator: " en "))", "note: conflict between \(ids(pair, separator: " and "))") + "\n"
        }

        // What to write.
        if !unknown.isEmpty {
            let facts = unknown.map { "`\(ruleSet.vocabulary.facts[$0.fact].id) = …`" }.joined(separator: ", ")
            out += "  " + pick(
                "help: geef het feit in het voorbeeld (\(facts)) of, als elk voorbeeld het mag aannemen, onder `examples assume` in ruleset.wbr",
                "help: state the fact in the example (\(facts)), or, if every example may assume it, under `examples assume` in ruleset.wbr") + "\n"
        }
        let now = "expect \(result.evaluation.verdict.id)" + (result.decidingRules.isEmpty ? "" : " by \(result.decidingRules.joined(separator: ", "))")
        if let cause = parameters.first(where: \.passesWithOldValue) {
            let id = ruleSet.parameters[cause.parameter].id
            out += "  " + pick(
                "help: is de nieuwe waarde van \(id) juist, schrijf dan wat het voorbeeld nu krijgt (`\(now)`) of pas de feiten van het voorbeeld aan zodat het weer toetst wat de titel zegt; anders: zet de waarde terug",
                "help: if the new value of \(id) is right, write what the example now gets (`\(now)`) or change the example's facts so it tests what its title says again; otherwise restore the value") + "\n"
        } else if unknown.isEmpty {
            out += "  " + pick(
                "help: zijn de regels juist, schrijf dan `\(now)` op \(example.expectRange.location); anders: pas de regel of de feiten van het voorbeeld aan",
                "help: if the rules are right, write `\(now)` at \(example.expectRange.location); otherwise change the rule or the example's facts") + "\n"
        }
        return out
    }

    public func passed(_ result: ExampleResult) -> String {
        "PASS \(ruleSet.rules[result.rule].id) \"\(result.example.title)\" (\(result.example.range.location))\n"
    }

    public func rulesWithoutExamples(_ ids: [String]) -> String {
        pick("warning: regels zonder voorbeelden: ", "warning: rules without examples: ") + ids.joined(separator: ", ") + "\n"
    }

    public func summary(passed: Int, failed: Int) -> String {
        pick("\(passed) geslaagd, \(failed) mislukt", "\(passed) passed, \(failed) failed") + "\n"
    }

    // MARK: Parts

    func outcome(_ verdict: Verdict, _ rules: [String], notes: [String]?) -> String {
        var text = "\(verdict.id) " + pick("door ", "by ") + (rules.isEmpty ? pick("geen regel", "no rule") : rules.joined(separator: ", "))
        if let notes {
            text += pick(" met notities ", " with notes ") + (notes.isEmpty ? pick("geen", "none") : notes.joined(separator: ", "))
        }
        return text
    }

    func determination(_ value: Determination) -> String {
        switch value {
        case .decided: pick("beslist", "decided")
        case .undetermined: pick("onbepaald", "undetermined")
        case .conflict: pick("conflict", "conflict")
        case .uncovered: pick("niet gedekt", "uncovered")
        }
    }

    func ids(_ rules: [Int], separator: String = ", ") -> String {
        rules.map { ruleSet.rules[$0].id }.joined(separator: separator)
    }

    /// One line per reason: whether the rule applies and which tests made it so.
    func explain(_ trace: RuleTrace, date: DateValue) -> [String] {
        let id = ruleSet.rules[trace.rule].id
        switch trace.status {
        case .notInForce:
            return [pick("\(id) is niet van kracht op \(date)", "\(id) is not in force on \(date)")]
        case .notApplicable:
            let failing = (trace.condition?.tests ?? []).filter { effective($0) == .no }
            return [pick("\(id) is niet van toepassing: ", "\(id) does not apply: ") + failing.map(describe).joined(separator: pick("; en ", "; and "))]
        case .mayApply:
            let open = (trace.condition?.tests ?? []).filter { $0.result == .unknown }
            return [pick("\(id) is misschien van toepassing: ", "\(id) may apply: ") + open.map(describe).joined(separator: "; ")]
        case .applies:
            var lines = [pick("\(id) is van toepassing", "\(id) applies") + (trace.overridden == .yes
                ? pick(", maar wordt opzij gezet door \(ids(trace.overriddenBy))", ", but is overridden by \(ids(trace.overriddenBy))") : "")]
            for exception in trace.exceptions {
                let number = ruleSet.rules[trace.rule].exceptionPath(exception.exception)
                switch exception.condition.result {
                case .yes:
                    lines.append(pick("de uitzondering `unless` \(number) van \(id) geldt", "exception `unless` \(number) of \(id) holds"))
                case .no:
                    let failing = exception.condition.tests.filter { effective($0) == .no }
                    lines.append(pick("de uitzondering `unless` \(number) van \(id) geldt niet: ", "exception `unless` \(number) of \(id) does not hold: ")
                        + failing.map(describe).joined(separator: pick("; en ", "; and ")))
                case .unknown:
                    let open = exception.condition.tests.filter { $0.result == .unknown }
                    lines.append(pick("de uitzondering `unless` \(number) van \(id) hangt af van: ", "exception `unless` \(number) of \(id) depends on: ")
                        + open.map(describe).joined(separator: "; "))
                }
            }
            return lines
        }
    }

    /// What a test contributes to its condition (a test under `not` counts the other way).
    func effective(_ test: TestTrace) -> Truth { test.negated ? !test.result : test.result }

    /// "`data_age_months < P-IX-AGE` (rules/information-exchange.wbr:56:9) is false with data_age_months = 18, P-IX-AGE = 12".
    func describe(_ test: TestTrace) -> String {
        let truth: String = switch test.result {
        case .yes: pick("waar", "true")
        case .no: pick("onwaar", "false")
        case .unknown: pick("onbekend", "unknown")
        }
        var values: [String] = []
        if let fact = test.fact {
            let definition = ruleSet.vocabulary.facts[fact]
            values.append("\(definition.id) = " + (test.observed.map { ruleSet.vocabulary.canonical($0.value, type: definition.type) } ?? pick("onbekend", "unknown")))
        }
        if let use = test.parameter {
            let parameter = ruleSet.parameters[use.parameter]
            values.append("\(parameter.id) = " + (use.version.map { ruleSet.vocabulary.canonical(parameter.versions[$0].value, type: parameter.type) } ?? pick("geen waarde van kracht", "no value in force")))
        }
        if !test.missingSafeguards.isEmpty {
            values.append(pick("ontbreekt: ", "missing: ") + test.missingSafeguards.map { ruleSet.vocabulary.safeguards[$0].id }.joined(separator: ", "))
        }
        let under = test.negated ? pick(" (onder `not`)", " (under `not`)") : ""
        return "`\(test.range.text)` (\(test.range.location)) " + pick("is \(truth)", "is \(truth)") + under
            + (values.isEmpty ? "" : pick(" met ", " with ") + values.joined(separator: ", "))
    }

    func parameterLine(_ effect: ParameterEffect, date: DateValue) -> String {
        let parameter = ruleSet.parameters[effect.parameter]
        let none = pick("geen waarde", "no value")
        let old = effect.oldValue.map { ruleSet.vocabulary.canonical($0, type: parameter.type) } ?? none
        let new = effect.newValue.map { ruleSet.vocabulary.canonical($0, type: parameter.type) } ?? none
        let location = (parameter.version(on: date)?.range ?? parameter.range).location
        let changed = pick(
            "parameter \(parameter.id) is gewijzigd van \(old) (\(effect.revision)) in \(new) (\(location))",
            "parameter \(parameter.id) changed from \(old) (\(effect.revision)) to \(new) (\(location))")
        return changed + (effect.passesWithOldValue
            ? pick("; met \(old) slaagt dit voorbeeld", "; with \(old) this example passes")
            : pick("; ook met \(old) slaagt dit voorbeeld niet", "; with \(old) this example fails too"))
    }
}
