import Foundation
import WaarborgModel
import WaarborgSyntax

/// Reads and checks the inputs of a command: the rule set and plans. Each step returns
/// diagnostics as values; the command decides what to print and which exit code to use.
struct Loader {
    let environment: [String: String]
    /// Every file this run reads, so that no output is written over one of them.
    var inputs = RunInputs()

    /// The rules folder: `--rules`, else `$WAARBORG_RULES`, else the `rules/` folder of the
    /// project the executable was built in. A `rules/` folder in the current directory is
    /// never picked up on its own (a stray folder would silently replace the project's
    /// rules); name it with `--rules rules`.
    /// Nil when there is none: an executable copied out of its checkout has no project.
    func rulesDirectory(_ option: String?) -> String? {
        if let option { return option }
        if let fromEnvironment = environment["WAARBORG_RULES"], !fromEnvironment.isEmpty { return fromEnvironment }
        guard let project = Loader.projectRules else { return nil }
        // Run from the checkout itself, the folder is named as the user sees it.
        var here = stat()
        var there = stat()
        if stat("rules", &here) == 0, stat(project, &there) == 0, here.st_dev == there.st_dev, here.st_ino == there.st_ino { return "rules" }
        return project
    }

    /// The `rules/` folder of the checkout the executable was built in (`.build/…/waarborg`).
    static let projectRules: String? = {
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("rules").path
            if FileManager.default.fileExists(atPath: candidate), FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }()

    func loadRuleSet(_ directory: String?) -> (RuleSet?, [Diagnostic]) {
        guard let directory else {
            return (nil, [.error(
                "WB606",
                "no rules folder: this waarborg is not inside its project checkout; name the rules with `--rules DIR` or `WAARBORG_RULES=DIR`",
                nl: "geen regelmap: deze waarborg staat niet in de checkout van zijn project; geef de regels op met `--rules DIR` of `WAARBORG_RULES=DIR`",
                at: nil)])
        }
        let paths: [String]
        switch FileAccess.ruleFiles(in: directory) {
        case .success(let found): paths = found
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        // Reading is a few system calls per file: done in order, it costs less than starting
        // threads (which only parsing, on a cache miss, is worth).
        let read = paths.map { FileAccess.read($0, what: FileAccess.What.ruleFile, inputs: inputs) }
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for result in read {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        return loadRuleSet(files: files, folder: directory)
    }

    /// Parses and checks rule files already read (from a folder, or from git at a revision).
    /// - Parameter folder: the rules folder as the files' paths begin with it, which the
    ///   rule set's digest names them relative to.
    func loadRuleSet(files: [SourceFile], folder: String) -> (RuleSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Rules checked by an earlier run from exactly these bytes need no second check.
        let cache = RuleSetCache(environment: environment)
        let key = cache.directory == nil ? nil : RuleSetCache.program.map { RuleSetArchive.key(files: files, program: $0) }
        var digest: [UInt8] = []
        if let key {
            let found = cache.load(key: key, files: files)
            if let cached = found.ruleSet { return (cached, []) }
            digest = found.digest
        }

        // The files are parsed in parallel (they are independent), each result kept in its
        // file's slot so the order, and so every output, stays the same.
        let parsed = ParallelMap.map(files) { RuleFileParser.parse($0) }
        diagnostics = parsed.flatMap(\.diagnostics)
        // A file with a syntax error is still checked with the others (its broken clauses are
        // error nodes, which the checker refuses), so the other files' semantic diagnostics
        // come through; within the broken file they would mostly repeat the syntax error.
        let broken = Set(parsed.filter { $0.diagnostics.hasErrors }.map { ObjectIdentifier($0.syntax.file) })
        if !broken.isEmpty {
            let found = RuleSetChecker.check(parsed.map(\.syntax)).diagnostics
            diagnostics += found.filter { diagnostic in diagnostic.range.map { !broken.contains(ObjectIdentifier($0.file)) } ?? true }
            return (nil, diagnostics)
        }
        let (ruleSet, found) = RuleSetChecker.check(parsed.map(\.syntax), folder: folder)
        diagnostics += found
        if let ruleSet, let key, diagnostics.isEmpty { cache.store(ruleSet, key: key, files: files, digest: digest) }
        return (ruleSet, diagnostics)
    }

    /// `alone`: no other plan is loaded meanwhile, so a `.wbp` plan is checked on a core of
    /// its own while it is parsed, and the activities of a plan read whole on every core.
    func loadPlan(_ path: String, ruleSet: RuleSet, alone: Bool = true) -> (Plan?, [Diagnostic]) {
        switch FileAccess.read(path, what: FileAccess.What.plan, inputs: inputs) {
        case .failure(let diagnostic):
            return (nil, [diagnostic])
        case .success(let file):
            // A plan may be a `.wbp` text, JSON for tools that generate plans, or the
            // `waarborg` blocks of a Markdown agreement draft. A `.wbp` plan is checked
            // while it is read, so a large one never holds its whole syntax tree.
            let syntax: PlanSyntax
            let diagnostics: [Diagnostic]
            // Standard input has no extension: JSON is recognised by its first character.
            let firstCharacter = file.bytes.first(where: { $0 > 0x20 })
            let isJSON = path.lowercased().hasSuffix(".json") || (FileAccess.isStandardInput(path) && firstCharacter == UInt8(ascii: "{"))
            if isJSON {
                (syntax, diagnostics) = JSONPlanReader.parse(file)
            } else if MarkdownDraft.isDraft(path) {
                (syntax, diagnostics) = MarkdownPlanReader.parse(file)
            } else {
                return PlanChecker.parseAndCheck(file, ruleSet: ruleSet, besideParsing: alone)
            }
            guard !diagnostics.hasErrors else { return (nil, diagnostics) }
            let (plan, found) = PlanChecker.check(syntax, ruleSet: ruleSet, concurrently: alone)
            return (plan, diagnostics + found)
        }
    }

    /// Applies an answers file (`.json`, or the `.wba` text format) to a checked plan.
    func applyAnswers(_ path: String, to plan: Plan, ruleSet: RuleSet) -> (Plan?, [Diagnostic]) {
        switch FileAccess.read(path, what: FileAccess.What.answersFile, inputs: inputs) {
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
