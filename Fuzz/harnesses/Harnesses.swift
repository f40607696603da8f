import Foundation

// One libFuzzer binary for every input format; FUZZ_TARGET chooses the harness:
// plan (.wbp), rules (.wbr), json (JSON plans, answers and baselines), answers (.wba),
// markdown (agreement drafts with ```waarborg blocks and an annex section).
let fuzzTarget = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "plan"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    switch fuzzTarget {
    case "rules": return fuzzRules(start, count)
    case "json": return fuzzJSON(start, count)
    case "answers": return fuzzAnswers(start, count)
    case "markdown": return fuzzMarkdown(start, count)
    default: return fuzzPlan(start, count)
    }
}

// Fuzzes `.wbp` plans: parser, checker (the two passes and the streamed load `waarborg
// check` runs, which must agree), evaluation and every renderer.
func fuzzPlan(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let file = SourceFile(path: "fuzz.wbp", bytes: Array(UnsafeRawBufferPointer(start: start, count: count)))
    let (syntax, diagnostics) = PlanParser.parse(file)
    let streamed = PlanChecker.parseAndCheck(file, ruleSet: ruleSet)
    guard !diagnostics.hasErrors else {
        requireLocated(diagnostics)
        if streamed.plan != nil || streamed.diagnostics != diagnostics { fatalError("the streamed load differs from the two passes") }
        return 0
    }
    let (plan, checked) = PlanChecker.check(syntax, ruleSet: ruleSet)
    if streamed.diagnostics != diagnostics + checked || streamed.plan?.activities.map(\.id) != plan?.activities.map(\.id)
        || streamed.plan?.parties.map(\.id) != plan?.parties.map(\.id)
    {
        fatalError("the streamed load differs from the two passes")
    }
    guard let plan else {
        requireLocated(checked)
        return 0
    }
    exercise(plan)
    return 0
}

// Fuzzes Markdown agreement drafts: the block scanner, the plan in the blocks, and the
// annex section's comparison and splice with the annex generated from that plan.
func fuzzMarkdown(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let file = SourceFile(path: "fuzz.md", bytes: Array(UnsafeRawBufferPointer(start: start, count: count)))
    let (syntax, diagnostics) = MarkdownPlanReader.parse(file)
    guard !diagnostics.hasErrors else {
        requireLocated(diagnostics)
        return 0
    }
    let (plan, checked) = PlanChecker.check(syntax, ruleSet: ruleSet)
    guard let plan else {
        requireLocated(checked)
        return 0
    }
    exercise(plan)
    if let section = AnnexSection(MarkdownDraft(file)) {
        let report = CheckReport(EvaluationContext(evaluator: evaluator).assess(plan), diagnostics: [])
        if let document = AnnexBuilder(report: report).build().document {
            let generated = AnnexMarkdownRenderer().render(document)
            _ = section.difference(to: generated).unified(oldName: "a", newName: "b", firstLine: section.firstLine)
            let updated = section.updatedFile(with: generated)
            // After an update the section is up to date, and the rest of the file is kept.
            guard let again = AnnexSection(MarkdownDraft(SourceFile(path: "fuzz.md", bytes: updated))),
                again.difference(to: generated).isEmpty
            else { fatalError("an updated draft's annex section is not up to date") }
        }
    }
    return 0
}

// Fuzzes rule files: the input joins the real rule set as one more file, so the parser,
// the checker and (when it checks) the examples and the linter all run on it.
func fuzzRules(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let file = SourceFile(path: "fuzz.wbr", bytes: Array(UnsafeRawBufferPointer(start: start, count: count)))
    let (syntax, diagnostics) = RuleFileParser.parse(file)
    guard !diagnostics.hasErrors else {
        requireLocated(diagnostics)
        return 0
    }
    let (checked, problems) = RuleSetChecker.check(ruleFiles + [syntax])
    guard let checked else {
        requireLocated(problems)
        return 0
    }
    _ = ExampleRunner.run(checked)
    _ = RuleCatalogue(ruleSet: checked).markdown()
    return 0
}

// Fuzzes the JSON reader through every JSON input: plans, answers and baselines.
func fuzzJSON(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let file = SourceFile(path: "fuzz.json", bytes: Array(UnsafeRawBufferPointer(start: start, count: count)))
    let (syntax, diagnostics) = JSONPlanReader.parse(file)
    if diagnostics.hasErrors {
        requireLocated(diagnostics)
    } else {
        let (plan, checked) = PlanChecker.check(syntax, ruleSet: ruleSet)
        if let plan { exercise(plan) } else { requireLocated(checked) }
    }
    if let node = JSONReader.parse(file).node {
        _ = Baseline.read(node, file: "fuzz.json")
        if let plan = answersPlan {
            let (answered, problems) = AnswersChecker.apply(json: node, to: plan, vocabulary: ruleSet.vocabulary)
            if let answered { _ = evaluator.evaluate(answered) } else { requireLocated(problems) }
        }
    }
    return 0
}

/// A plan to apply fuzzed answers to: the first example that checks.
let answersPlan: Plan? = {
    let path = repositoryRoot + "/examples/zorghub-noord.wbp"
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let (syntax, _) = PlanParser.parse(SourceFile(path: "examples/zorghub-noord.wbp", bytes: Array(data)))
    return PlanChecker.check(syntax, ruleSet: ruleSet).plan
}()

// Fuzzes answers files in the text format against an example plan.
func fuzzAnswers(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let plan = answersPlan else { return 0 }
    let file = SourceFile(path: "fuzz.wba", bytes: Array(UnsafeRawBufferPointer(start: start, count: count)))
    let (syntax, diagnostics) = PlanParser.parse(file)
    guard !diagnostics.hasErrors else {
        requireLocated(diagnostics)
        return 0
    }
    let (answered, problems) = AnswersChecker.apply(text: syntax, to: plan, vocabulary: ruleSet.vocabulary)
    if let answered { _ = evaluator.evaluate(answered) } else { requireLocated(problems) }
    return 0
}
