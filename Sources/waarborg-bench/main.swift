import Foundation
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

// waarborg-bench: the benchmark of issue 8 (and the remedy-search measurement of issue 5).
// The parent generates the inputs, runs one child process per plan size (so each size's
// peak memory is its own), the whole `waarborg` process on the examples and on the
// generated plans, and the peers; then prints a table and writes docs/performance.md.

func log(_ message: String) {
    FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
}

/// The directory of this executable (the `waarborg` binary is built beside it).
func executableDirectory() -> String {
    let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return (path as NSString).deletingLastPathComponent
}

func mainRun() throws {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "child" {
        try Child.run(Array(arguments.dropFirst()))
        return
    }
    if arguments.first == "generate" {
        try generateOnly(Array(arguments.dropFirst()))
        return
    }
    let options = try Options.parse(arguments)
    let started = Date()
    let binDirectory = executableDirectory()
    let bench = binDirectory + "/waarborg-bench"
    let waarborg = binDirectory + "/waarborg"
    guard FileManager.default.isExecutableFile(atPath: waarborg) else {
        throw Loading.Failure(description: "no `waarborg` executable beside \(bench); build it first: swift build --scratch-path .build-bench -c release (or use bench/run.sh)")
    }
    var results = BenchResults(options: options)
    results.loadBefore = Machine.load
    let quoted = arguments.map { $0.contains(" ") || $0.isEmpty ? "'" + $0 + "'" : $0 }
    results.command = "swift run --scratch-path .build-bench -c release waarborg-bench" + (quoted.isEmpty ? "" : " " + quoted.joined(separator: " "))

    // --- the rule sets ------------------------------------------------------------------
    log("loading \(options.rules)/ …")
    let realFiles = try Loading.readRuleFolder(options.rules)
    let ruleSet = try Loading.checkRuleSet(realFiles)
    let date = ruleSet.info.date
    let catalogue = Catalogue(ruleSet: ruleSet, date: date)
    results.realRules = RuleLoadInfo(name: "rules/ (real)", files: realFiles.count, rules: ruleSet.rules.count, bytes: realFiles.reduce(0) { $0 + $1.bytes.count }, load: measureLoad(realFiles, reps: max(options.reps, 5)))
    results.kindsCovered = catalogue.kinds.count

    var syntheticFolder: String?
    if options.syntheticRules > 0 {
        let folder = options.work + "/rules-synthetic"
        try RuleFolders.writeSynthetic(from: options.rules, to: folder, catalogue: catalogue, rules: options.syntheticRules, seed: options.seed)
        let files = try Loading.readRuleFolder(folder)
        let synthetic = try Loading.checkRuleSet(files)
        results.syntheticRules = RuleLoadInfo(name: "synthetic", files: files.count, rules: synthetic.rules.count, bytes: files.reduce(0) { $0 + $1.bytes.count }, load: measureLoad(files, reps: max(options.reps, 5)))
        syntheticFolder = folder
    }

    // --- plans of every size, each in its own process --------------------------------------
    let generator = PlanGenerator(catalogue: catalogue, mode: .realistic, kinds: nil)
    var planFiles: [Int: String] = [:]
    for size in Set(options.sizes + (options.syntheticRules > 0 ? options.syntheticSizes : [])).sorted() {
        let path = options.work + "/plan-\(size).wbp"
        let (text, seconds) = timed { generator.generate(activities: size, seed: options.seed &+ UInt64(size), name: "Synthetisch plan \(size)") }
        try Loading.write(text, to: path)
        planFiles[size] = path
        log("generated \(path) (\(size) activities, \(text.utf8.count / 1024) KiB) in \(String(format: "%.2f", seconds)) s")
    }
    for size in options.sizes {
        log("measuring \(size) activities against rules/ …")
        var childArguments = [bench, "child", "--rules", options.rules, "--plan", planFiles[size]!, "--reps", String(options.reps(for: size))]
        if size <= options.classesMax && size >= 100 { childArguments.append("--classes") }
        results.sizes.append(SizeResult(size: size, result: try runChild(childArguments)))
    }
    if let syntheticFolder {
        for size in options.syntheticSizes {
            log("measuring \(size) activities against \(options.syntheticRules) synthetic rules …")
            let childArguments = [bench, "child", "--rules", syntheticFolder, "--plan", planFiles[size]!, "--reps", String(min(3, options.reps(for: size))), "--no-render"]
            results.synthetic.append(SizeResult(size: size, result: try runChild(childArguments)))
        }
    }

    // --- whole processes ---------------------------------------------------------------------
    if options.process {
        log("measuring whole processes …")
        // `waarborg check` refuses plan files over 64 MB (WB605); a larger size is checked as
        // plans of 10,000 activities each, in one process (as an umbrella organisation would).
        var processPlans: [Int: [String]] = [:]
        for size in options.sizes where size >= 1_000 {
            guard size > 10_000 else {
                processPlans[size] = [planFiles[size]!]
                continue
            }
            var parts: [String] = []
            for part in 0..<(size / 10_000) {
                let path = options.work + "/plan-\(size)-part-\(part + 1).wbp"
                try Loading.write(generator.generate(activities: 10_000, seed: options.seed &+ UInt64(size) &+ UInt64(part) &* 7919, name: "Synthetisch plan \(size), deel \(part + 1)"), to: path)
                parts.append(path)
            }
            processPlans[size] = parts
        }
        results.processes = measureProcesses(waarborg: waarborg, options: options, planFiles: processPlans)
    }

    // --- peers -------------------------------------------------------------------------------
    if options.peers, !options.peerSizes.isEmpty {
        log("peers: Cedar and Rego on the shared rules …")
        do {
            results.peers = try measurePeers(options: options, realRules: catalogue)
        } catch {
            results.peerFailure = "\(error)"
            log("peers failed: \(error)")
        }
    }

    if let size = options.profile {
        log("profiling \(size) activities with callgrind …")
        if planFiles[size] == nil {
            try Loading.write(generator.generate(activities: size, seed: options.seed &+ UInt64(size), name: "Synthetisch plan \(size)"), to: options.work + "/plan-\(size).wbp")
        }
        let (output, process) = Spawn.capture(["/usr/bin/env", "bash", "bench/profile.sh", String(size), options.rules])
        results.profile = process.status == 0 ? output : "bench/profile.sh failed (exit \(process.status))"
        results.profileSize = size
    }
    results.revision = options.revision ?? {
        let (output, process) = Spawn.capture(["/usr/bin/env", "git", "describe", "--always", "--dirty"])
        return process.status == 0 ? output.trimmingCharacters(in: .whitespacesAndNewlines) : "unknown revision"
    }()

    results.loadAfter = Machine.load
    results.seconds = Date().timeIntervalSince(started)
    let report = ReportWriter(results: results)
    print(report.table())
    if let output = options.output {
        try Loading.write(report.markdown(), to: output)
        log("wrote \(output)")
    }
}

/// Parse and check of a rule folder already in memory.
func measureLoad(_ files: [(path: String, bytes: [UInt8])], reps: Int) -> Stats {
    var samples: [Double] = []
    for _ in 0..<reps {
        let (_, seconds) = timed { _ = try? Loading.checkRuleSet(files) }
        samples.append(seconds)
    }
    return Stats(samples)
}

func runChild(_ arguments: [String]) throws -> ChildResult {
    let (output, process) = Spawn.capture(arguments)
    guard process.status == 0, let data = output.data(using: .utf8), !data.isEmpty else {
        throw Loading.Failure(description: "child failed (exit \(process.status)): \(arguments.joined(separator: " "))")
    }
    return try JSONDecoder().decode(ChildResult.self, from: data)
}

/// Times each command's whole process, interleaved so that all see the same machine, after
/// one warm-up run of each (the page cache, and the rule-set cache).
func timeInterleaved(_ commands: [(name: String, arguments: [String])], reps: Int) -> [ProcessTiming] {
    for command in commands { _ = Spawn.run(command.arguments) }
    var samples = Array(repeating: [Double](), count: commands.count)
    var statuses = Array(repeating: Int32(0), count: commands.count)
    for _ in 0..<reps {
        for (index, command) in commands.enumerated() {
            let run = Spawn.run(command.arguments)
            samples[index].append(run.seconds)
            statuses[index] = run.status
        }
    }
    return commands.indices.map {
        ProcessTiming(name: commands[$0].name, time: Stats(samples[$0]), maxRSS: Spawn.maxRSS(commands[$0].arguments), status: statuses[$0])
    }
}

/// `waarborg-bench generate [--seed N] [--rules DIR] [--work DIR] SIZE…`: writes the bench's
/// plans (`plan-SIZE.wbp`, and for a size over 10,000 plans of 10,000 as `plan-SIZE-part-K.wbp`,
/// the same files as a full run) without measuring anything, for bench/baseline.sh.
func generateOnly(_ arguments: [String]) throws {
    var options = Options()
    var sizes: [Int] = []
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--seed", "--rules", "--work":
            guard index + 1 < arguments.count else { throw Loading.Failure(description: "\(arguments[index]) needs a value") }
            let value = arguments[index + 1]
            switch arguments[index] {
            case "--seed": options.seed = UInt64(value) ?? options.seed
            case "--rules": options.rules = value
            default: options.work = value
            }
            index += 2
        case let size:
            guard let number = Int(size), number > 0 else { throw Loading.Failure(description: "not a size: \(size)") }
            sizes.append(number)
            index += 1
        }
    }
    let ruleSet = try Loading.checkRuleSet(try Loading.readRuleFolder(options.rules))
    let generator = PlanGenerator(catalogue: Catalogue(ruleSet: ruleSet, date: ruleSet.info.date), mode: .realistic, kinds: nil)
    try FileManager.default.createDirectory(atPath: options.work, withIntermediateDirectories: true)
    for size in sizes {
        if size > 10_000 {
            for part in 0..<(size / 10_000) {
                let path = options.work + "/plan-\(size)-part-\(part + 1).wbp"
                try Loading.write(generator.generate(activities: 10_000, seed: options.seed &+ UInt64(size) &+ UInt64(part) &* 7919, name: "Synthetisch plan \(size), deel \(part + 1)"), to: path)
                print(path)
            }
        } else {
            let path = options.work + "/plan-\(size).wbp"
            try Loading.write(generator.generate(activities: size, seed: options.seed &+ UInt64(size), name: "Synthetisch plan \(size)"), to: path)
            print(path)
        }
    }
}

func measureProcesses(waarborg: String, options: Options, planFiles: [Int: [String]]) -> ProcessResults {
    let examples = ((try? FileManager.default.contentsOfDirectory(atPath: options.examples)) ?? [])
        .filter { $0.hasSuffix(".wbp") }.sorted().map { options.examples + "/" + $0 }
    let rules = options.rules
    var commands: [(name: String, arguments: [String])] = [("waarborg --version", [waarborg, "--version"])]
    for example in examples {
        commands.append(("waarborg check \(example) --plain", [waarborg, "check", example, "--plain", "--rules", rules]))
        commands.append(("waarborg check \(example) --format json", [waarborg, "check", example, "--format", "json", "--rules", rules]))
    }
    // The rule-set cache goes in the work folder, never the user's. The warm-up run stores
    // the checked rules, so the timed runs read them, as every run after the first does.
    setenv("WAARBORG_CACHE_DIR", options.work + "/cache", 1)
    unsetenv("WAARBORG_CACHE")
    var result = ProcessResults()
    result.commands = timeInterleaved(commands, reps: options.processReps)
    // The first run after an edit of the rules (or without a cache): rules checked from text.
    setenv("WAARBORG_CACHE", "off", 1)
    let cold = [commands[0]] + commands.dropFirst().filter { $0.name.hasSuffix("--plain") }.map {
        (name: $0.name + " (cache off)", arguments: $0.arguments)
    }
    result.cold = Array(timeInterleaved(cold, reps: options.processReps).dropFirst())
    unsetenv("WAARBORG_CACHE")
    // `waarborg check` on the generated plans: the whole pipeline, as a user runs it.
    for size in options.sizes where size >= 1_000 {
        guard let plans = planFiles[size] else { continue }
        var times: [Double] = []
        var status: Int32 = 0
        let arguments = [waarborg, "check"] + plans + ["--plain", "--rules", rules]
        for _ in 0..<(size >= 100_000 ? min(3, options.reps(for: size)) : min(5, options.reps)) {
            let run = Spawn.run(arguments)
            times.append(run.seconds)
            status = run.status
        }
        let name = plans.count == 1
            ? "waarborg check plan-\(size).wbp --plain"
            : "waarborg check plan-\(size)-part-{1…\(plans.count)}.wbp --plain (\(plans.count) plans of 10,000)"
        result.plans.append(ProcessTiming(name: name, time: Stats(times), maxRSS: Spawn.maxRSS(arguments), status: status, activities: size))
    }
    return result
}

func measurePeers(options: Options, realRules: Catalogue) throws -> PeerResults {
    let folder = options.work + "/rules-shared"
    try RuleFolders.writeShared(from: options.rules, to: folder, files: Peers.ruleFiles)
    let shared = try Loading.loadRuleSet(folder)
    let catalogue = Catalogue(ruleSet: shared, date: realRules.date)
    let evaluator = Evaluator(ruleSet: shared)
    let generator = PlanGenerator(catalogue: catalogue, mode: .known, kinds: catalogue.kinds)
    var results = PeerResults()
    results.rules = shared.rules.map(\.id).sorted()
    results.kinds = catalogue.kinds.map { shared.vocabulary.activityKinds[$0].id }
    var exports: [Peers.Export] = []
    var waarborgTimes: [[Double]] = []
    for size in options.peerSizes {
        let planPath = options.work + "/peer-plan-\(size).wbp"
        try Loading.write(generator.generate(activities: size, seed: options.seed &+ 7 &+ UInt64(size), name: "Peer plan \(size)"), to: planPath)
        let plan = try Loading.loadPlan(planPath, ruleSet: shared)
        let evaluation = evaluator.evaluate(plan)
        let export = try Peers.export(plan, evaluation: evaluation, catalogue: catalogue, to: options.work + "/peer-plan-\(size).json")
        exports.append(export)
        // Waarborg on exactly the exported activities, in this process (memory is not measured here).
        let exported = Set(export.verdicts.keys)
        let part = plan.replacing(activities: plan.activities.filter { exported.contains($0.id) })
        var samples: [Double] = []
        for _ in 0..<max(options.reps, 3) {
            let (_, seconds) = timed { evaluator.evaluate(part) }
            samples.append(seconds)
        }
        waarborgTimes.append(samples)
    }
    let script = "bench/peers/run.sh"
    let run = try Peers.run(script: script, files: exports.map(\.path), reps: max(options.reps, 3))
    results.python = run.python
    for (index, planResult) in run.results.enumerated() {
        let export = exports[index]
        var entry = PeerSize(size: options.peerSizes[index], activities: export.activities, incomplete: export.incomplete, pairs: export.pairs, waarborg: Stats(waarborgTimes[index]))
        var verdictMix: [String: Int] = [:]
        for verdict in export.verdicts.values { verdictMix[verdict, default: 0] += 1 }
        entry.verdicts = verdictMix
        for engine in planResult.engines {
            let disagreeing = Peers.disagreements(engine, waarborg: export.verdicts)
            let examples = disagreeing.prefix(5).map { id in
                "\(id): Waarborg \(export.verdicts[id] ?? "?") (rules \((export.fired[id] ?? []).joined(separator: ", "))), "
                    + "\(engine.engine) \(engine.verdicts[id] ?? "none")"
                    + (engine.fired?[id].map { " (rules \($0.joined(separator: ", ")))" } ?? "")
            }
            entry.engines.append(PeerEngine(
                engine: engine.engine, version: engine.version, time: Stats(engine.times), total: Stats(engine.total_times),
                authorization: engine.authz_times.map { Stats($0) },
                disagreements: disagreeing.count, examples: Array(examples), errors: engine.errors, note: engine.note))
        }
        results.sizes.append(entry)
    }
    return results
}

do {
    try mainRun()
} catch {
    log("waarborg-bench: error: \(error)")
    exit(2)
}
