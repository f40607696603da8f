import Foundation
import WaarborgModel
import WaarborgSyntax

/// Reads and checks the inputs of a command: the rule set and plans. Each step returns
/// diagnostics as values; the command decides what to print and which exit code to use.
struct Loader {
    let environment: [String: String]

    /// The rules folder: `--rules`, else `$WAARBORG_RULES`, else `rules/` in the current
    /// folder, else the `rules/` folder of the project the executable was built in.
    func rulesDirectory(_ option: String?) -> String {
        if let option { return option }
        if let fromEnvironment = environment["WAARBORG_RULES"], !fromEnvironment.isEmpty { return fromEnvironment }
        if FileManager.default.fileExists(atPath: "rules") { return "rules" }
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("rules").path
            if FileManager.default.fileExists(atPath: candidate), FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        return "rules"
    }

    func loadRuleSet(_ directory: String) -> (RuleSet?, [Diagnostic]) {
        let paths: [String]
        switch FileAccess.ruleFiles(in: directory) {
        case .success(let found): paths = found
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        // Reading is a few system calls per file: done in order, it costs less than starting
        // threads (which only parsing, on a cache miss, is worth).
        let read = paths.map { FileAccess.read($0, what: "rule file") }
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for result in read {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        return loadRuleSet(files: files)
    }

    /// Parses and checks rule files already read (from a folder, or from git at a revision).
    func loadRuleSet(files: [SourceFile]) -> (RuleSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Rules checked by an earlier run from exactly these bytes need no second check.
        let cache = RuleSetCache(environment: environment)
        let key = RuleSetCache.program.map { RuleSetArchive.key(files: files, program: $0) }
        if let key, let cached = cache.load(key: key, files: files) { return (cached, []) }

        // The files are parsed in parallel (they are independent), each result kept in its
        // file's slot so the order, and so every output, stays the same.
        let parsed = ParallelMap.map(files) { RuleFileParser.parse($0) }
        diagnostics = parsed.flatMap(\.diagnostics)
        // Semantic checks only make sense on files that parsed; otherwise one typo
        // would cascade into dozens of "unknown …" errors.
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let (ruleSet, found) = RuleSetChecker.check(parsed.map(\.syntax))
        diagnostics += found
        if let ruleSet, let key, diagnostics.isEmpty { cache.store(ruleSet, key: key, files: files) }
        return (ruleSet, diagnostics)
    }

    func loadPlan(_ path: String, ruleSet: RuleSet) -> (Plan?, [Diagnostic]) {
        switch FileAccess.read(path, what: "plan") {
        case .failure(let diagnostic):
            return (nil, [diagnostic])
        case .success(let file):
            // A plan may be a `.wbp` text, JSON for tools that generate plans, or the
            // `waarborg` blocks of a Markdown agreement draft. A `.wbp` plan is checked
            // while it is read, so a large one never holds its whole syntax tree.
            let syntax: PlanSyntax
            let diagnostics: [Diagnostic]
            if path.lowercased().hasSuffix(".json") {
                (syntax, diagnostics) = JSONPlanReader.parse(file)
            } else if MarkdownDraft.isDraft(path) {
                (syntax, diagnostics) = MarkdownPlanReader.parse(file)
            } else {
                return PlanChecker.parseAndCheck(file, ruleSet: ruleSet)
            }
            guard !diagnostics.hasErrors else { return (nil, diagnostics) }
            let (plan, found) = PlanChecker.check(syntax, ruleSet: ruleSet)
            return (plan, diagnostics + found)
        }
    }

    /// Applies an answers file (`.json`, or the `.wba` text format) to a checked plan.
    func applyAnswers(_ path: String, to plan: Plan, ruleSet: RuleSet) -> (Plan?, [Diagnostic]) {
        switch FileAccess.read(path, what: "answers file") {
        case .failure(let diagnostic):
            return (nil, [diagnostic])
        case .success(let file):
            if path.lowercased().hasSuffix(".json") {
                let (node, diagnostics) = JSONReader.parse(file)
                guard let node else { return (nil, diagnostics) }
                return AnswersChecker.apply(json: node, to: plan, vocabulary: ruleSet.vocabulary)
            }
            let (syntax, diagnostics) = PlanParser.parse(file)
            guard !diagnostics.hasErrors else { return (nil, diagnostics) }
            let (answered, found) = AnswersChecker.apply(text: syntax, to: plan, vocabulary: ruleSet.vocabulary)
            return (answered, diagnostics + found)
        }
    }
}
