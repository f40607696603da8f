import Foundation

// MARK: Results

struct RuleLoadInfo {
    let name: String
    let files: Int
    let rules: Int
    let bytes: Int
    let load: Stats
}

struct SizeResult {
    let size: Int
    let result: ChildResult
}

struct ProcessTiming {
    let name: String
    let time: Stats
    let maxRSS: Int?
    let status: Int32
    var activities: Int = 0
}

struct ProcessResults {
    var commands: [ProcessTiming] = []
    var plans: [ProcessTiming] = []
    /// `check` on the examples with the rule-set cache off: the rules checked from text.
    var cold: [ProcessTiming] = []
}

struct PeerEngine {
    let engine: String
    let version: String
    let time: Stats
    let total: Stats
    /// Cedar: the authorization proper (its metrics), without building requests from JSON.
    let authorization: Stats?
    let disagreements: Int
    let examples: [String]
    let errors: Int
    let note: String
}

struct PeerSize {
    let size: Int
    let activities: Int
    let incomplete: Int
    let pairs: Int
    let waarborg: Stats
    var verdicts: [String: Int] = [:]
    var engines: [PeerEngine] = []
}

struct PeerResults {
    var rules: [String] = []
    var kinds: [String] = []
    var python = ""
    var sizes: [PeerSize] = []
}

struct BenchResults {
    let options: Options
    var command = ""
    var realRules: RuleLoadInfo?
    var syntheticRules: RuleLoadInfo?
    var kindsCovered = 0
    var sizes: [SizeResult] = []
    var synthetic: [SizeResult] = []
    var processes: ProcessResults?
    var peers: PeerResults?
    var peerFailure: String?
    var profile: String?
    var profileSize = 0
    var revision = ""
    var loadBefore = ""
    var loadAfter = ""
    var seconds: Double = 0
}

// MARK: Formatting

func ms(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "–" }
    if seconds * 1000 >= 100 { return String(format: "%.0f", seconds * 1000) }
    if seconds * 1000 >= 10 { return String(format: "%.1f", seconds * 1000) }
    return String(format: "%.2f", seconds * 1000)
}

/// "median (min–max)" in milliseconds.
func msStats(_ stats: Stats) -> String {
    guard stats.count > 0 else { return "–" }
    return "\(ms(stats.median)) (\(ms(stats.min))–\(ms(stats.max)))"
}

func mib(_ bytes: Int?) -> String {
    guard let bytes else { return "–" }
    return String(format: "%.1f", Double(bytes) / 1_048_576)
}

func thousands(_ value: Double) -> String {
    guard value.isFinite else { return "–" }
    return grouped(Int(value.rounded())).replacingOccurrences(of: "_", with: ",")
}

func count(_ value: Int) -> String { thousands(Double(value)) }

func ratio(_ value: Double) -> String { value.isFinite ? String(format: "%.2f", value) : "–" }

/// A table rendered as Markdown with padded columns, readable in a terminal as well.
struct Table {
    let header: [String]
    var rows: [[String]] = []
    /// Columns aligned right (numbers).
    var right: Set<Int> = []

    init(_ header: [String], right: Set<Int> = []) {
        self.header = header
        self.right = right
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    var text: String {
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return right.contains(index) ? pad + cell : cell + pad
            }.joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.enumerated().map { index, width in
            right.contains(index) ? String(repeating: "-", count: width + 1) + ":" : ":" + String(repeating: "-", count: width + 1)
        }.joined(separator: "|") + "|"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

// MARK: Report

struct ReportWriter {
    let results: BenchResults

    struct Target {
        let name: String
        let measured: String
        let pass: Bool?
    }

    /// Ratio per 10× in size, from the smallest to the largest of the sizes ≥ 1,000 (geometric mean).
    func growth(_ value: (ChildResult) -> Double) -> (perDecade: [(from: Int, to: Int, ratio: Double)], mean: Double)? {
        let points = results.sizes.filter { $0.size >= 1_000 }
        guard points.count >= 2 else { return nil }
        var decades: [(Int, Int, Double)] = []
        for (a, b) in zip(points, points.dropFirst()) {
            let steps = log10(Double(b.size) / Double(a.size))
            decades.append((a.size, b.size, pow(value(b.result) / value(a.result), 1 / steps)))
        }
        let first = points.first!, last = points.last!
        let steps = log10(Double(last.size) / Double(first.size))
        return (decades, pow(value(last.result) / value(first.result), 1 / steps))
    }

    static let linearLimit = 12.5

    func targets() -> [Target] {
        var targets: [Target] = []
        if let processes = results.processes, let version = processes.commands.first {
            for command in processes.commands.dropFirst() {
                let factor = command.time.median / version.time.median
                targets.append(Target(
                    name: "`\(command.name.replacingOccurrences(of: "waarborg ", with: ""))` within 2× of `--version` (whole process)",
                    measured: "\(ms(command.time.median)) ms vs \(ms(version.time.median)) ms = \(ratio(factor))×", pass: factor <= 2))
            }
        } else {
            targets.append(Target(name: "`check` within 2× of `--version`", measured: "not measured (--no-process)", pass: nil))
        }
        if let largest = results.sizes.first(where: { $0.size == 100_000 }) {
            let seconds = largest.result.evaluate.median
            targets.append(Target(name: "100,000 activities, real rules: evaluation under 1 s", measured: "\(ms(seconds)) ms (median)", pass: seconds < 1))
            let process = results.processes?.plans.first(where: { $0.activities == 100_000 })
            let peak = max(largest.result.peakAfterEvaluate, process?.maxRSS ?? 0)
            var measured = "after evaluation (rule set, plan text, plan loaded streamed, evaluation): \(mib(largest.result.peakAfterEvaluate)) MiB"
            if let rss = process?.maxRSS { measured += "; whole `waarborg check --plain` process (10 plans of 10,000): \(mib(rss)) MiB" }
            measured += "; with text and JSON rendered in the bench: \(mib(largest.result.peakEnd)) MiB" 
            targets.append(Target(name: "100,000 activities: peak memory under 500 MB", measured: measured, pass: Double(peak) < 500e6))
        } else {
            targets.append(Target(name: "100,000 activities: evaluation under 1 s, memory under 500 MB", measured: "not measured (size not run)", pass: nil))
        }
        if let growth = growth({ $0.evaluate.median }) {
            let pass = growth.mean <= ReportWriter.linearLimit && growth.perDecade.allSatisfy { $0.ratio <= ReportWriter.linearLimit }
            let detail = growth.perDecade.map { "\(count($0.from))→\(count($0.to)): \(ratio($0.ratio))" }.joined(separator: ", ")
            targets.append(Target(name: "linear growth of evaluation time (ratio per 10× in size ≤ \(ReportWriter.linearLimit))", measured: detail, pass: pass))
        }
        if let peers = results.peers {
            for size in peers.sizes {
                guard let cedar = size.engines.first(where: { $0.engine == "cedar" }) else { continue }
                let call = cedar.time.median / size.waarborg.median
                let authorization = (cedar.authorization?.median ?? cedar.time.median) / size.waarborg.median
                targets.append(Target(
                    name: "evaluation throughput ≥ Cedar's on the shared rules (\(count(size.activities)) activities)",
                    measured: "Waarborg's pairs per second: \(ratio(authorization))× Cedar's authorization alone, \(ratio(call))× Cedar's whole batch call",
                    pass: authorization >= 1))
            }
            let agree = peers.sizes.allSatisfy { $0.engines.allSatisfy { $0.disagreements == 0 && $0.errors == 0 } }
            targets.append(Target(name: "Waarborg, Cedar and Rego reach the same verdicts", measured: agree ? "all agree" : "disagreements: see the peers section", pass: agree))
        } else {
            targets.append(Target(name: "evaluation throughput ≥ Cedar's", measured: results.peerFailure.map { "peers failed: \($0)" } ?? "not measured (--no-peers)", pass: nil))
        }
        return targets
    }

    func verdictMix(_ verdicts: [String: Int]) -> String {
        let order = ["allowed", "allowed_with_safeguards", "needs_assessment", "prohibited"]
        let short = ["allowed": "A", "allowed_with_safeguards": "AS", "needs_assessment": "NA", "prohibited": "P"]
        let total = max(1, verdicts.values.reduce(0, +))
        return order.map { "\(short[$0]!) \(Int((Double(verdicts[$0] ?? 0) * 100 / Double(total)).rounded()))%" }.joined(separator: " ")
    }

    func sections(markdown: Bool) -> [String] {
        var out: [String] = []
        let options = results.options

        // Rule sets
        var load = Table(["rule set", "files", "rules", "KiB", "parse + check, ms: median (min–max)"], right: [1, 2, 3])
        for info in [results.realRules, results.syntheticRules].compactMap({ $0 }) {
            load.add([info.name, "\(info.files)", count(info.rules), "\(info.bytes / 1024)", msStats(info.load)])
        }
        out.append("### Load and check of the rule set\n\n" + load.text
            + "\n\nFiles already in memory: `RuleFileParser.parse` of every file and `RuleSetChecker.check`; \(results.realRules?.load.count ?? 0) runs.")

        // Sizes
        var sizes = Table(
            ["activities", "pairs", "plan KiB", "parse ms", "check ms", "evaluate ms", "activities/s", "µs/pair", "report ms", "text ms", "JSON ms", "SARIF ms", "eval peak MiB", "end peak MiB", "verdicts"],
            right: [0, 1, 2, 6, 7, 12, 13])
        for entry in results.sizes {
            let r = entry.result
            let perSecond = Double(r.activities) / r.evaluate.median
            let perPair = r.evaluate.median * 1e6 / Double(max(1, r.pairs))
            sizes.add([
                count(r.activities), count(r.pairs), "\(r.planBytes / 1024)", msStats(r.parse), msStats(r.check), msStats(r.evaluate),
                thousands(perSecond), String(format: "%.2f", perPair), msStats(r.report), msStats(r.text), msStats(r.json), msStats(r.sarif),
                mib(r.peakAfterEvaluate), mib(r.peakEnd), verdictMix(r.verdicts),
            ])
        }
        out.append("### Real rules (\(results.realRules?.rules ?? 0) rules), synthetic plans\n\n" + sizes.text + """


            Each size runs in its own process (`waarborg-bench child`), \(options.reps) runs each (\(options.largeReps) from 100,000 \
            activities); times are median (min–max) in ms. *parse*: parsing alone, the plan text in memory read through \
            `PlanParser.Entries` with each entry dropped at once; *check*: the streamed load that `waarborg check` runs on a \
            `.wbp` plan (`PlanChecker.parseAndCheck`: each activity checked as soon as it is parsed, its syntax then dropped) \
            less *parse* of the same run; *evaluate*: `Evaluator.evaluate` (every activity's verdict, deciding rules, questions and required \
            safeguards, on the compiled rules); *report*: `EvaluationContext.assess` and `CheckReport` (per activity the full trace, question outcomes \
            and remedy search, on every core and reused for activities whose content repeats, and the texts; as `waarborg check` \
            without `--trace`, only the deciding rules' traces are kept); *text*, *JSON* and *SARIF*: `TextRenderer` (plain), `JSONRenderer` and \
            `SARIFRenderer`. A *pair* is an activity and one rule of \
            its kind; *µs/pair* is the evaluation time divided by the pairs. *eval peak*: the child's VmHWM after the first \
            evaluation (Swift runtime, rule set, plan bytes, the streamed load, which holds the checked plan and the syntax \
            of one block at a time, and the evaluation); *end peak*: its VmHWM at the end, \
            with the report, the text and the JSON output of one run held as well. Verdicts: A allowed, AS allowed with \
            safeguards, NA needs assessment, P prohibited.
            """)

        // Memory by stage
        var memory = Table(
            ["activities", "runtime + rules + plan bytes MiB", "+ checked plan (streamed load) MiB", "+ evaluation MiB", "load peak MiB", "KiB per activity (plan / evaluation)"],
            right: [0, 1, 2, 3, 4])
        for entry in results.sizes where entry.result.rssStages.count == 3 && entry.size >= 1_000 {
            let stages = entry.result.rssStages
            let deltas = (1..<3).map { stages[$0] - stages[$0 - 1] }
            let per = deltas.map { String(format: "%.1f", Double($0) / 1024 / Double(max(1, entry.result.activities))) }
            memory.add([count(entry.size), mib(stages[0])] + deltas.map { mib($0) } + [mib(entry.result.peakAfterLoad), per.joined(separator: " / ")])
        }
        out.append("### Memory by stage (resident set after each stage of the first run)\n\n" + memory.text
            + "\n\nVmRSS of the child after loading the rule set and reading the plan file, then the growth after the streamed load "
            + "(`PlanChecker.parseAndCheck`, as `waarborg check` loads a `.wbp` plan: each activity is checked as soon as it is parsed and its "
            + "syntax dropped, so the whole syntax tree is never held) and after `Evaluator.evaluate`, each stage's result still held. "
            + "*load peak*: the child's VmHWM right after the first load (which includes the peak of loading the rule set). "
            + "Memory a stage frees is reused by the next, so the split is rough for small plans; from 10,000 activities on the retained data dominate.")

        // Growth
        let metrics: [(String, (ChildResult) -> Double)] = [
            ("parse", { $0.parse.median }), ("check", { $0.check.median }), ("evaluate", { $0.evaluate.median }),
            ("report + text + JSON + SARIF", { $0.report.median + $0.text.median + $0.json.median + $0.sarif.median }),
            ("peak memory after evaluation", { Double($0.peakAfterEvaluate) }),
            ("same, above the loaded rule set", { Double($0.peakAfterEvaluate - $0.peakAfterRules) }),
            ("peak memory at the end (with outputs)", { Double($0.peakEnd) }),
        ]
        if growth({ $0.evaluate.median }) != nil {
            let decades = growth({ $0.evaluate.median })!.perDecade
            var growthTable = Table(["measure"] + decades.map { "\(count($0.from)) → \(count($0.to))" } + ["per 10× overall"], right: Set(1...(decades.count + 1)))
            for (name, value) in metrics {
                let g = growth(value)!
                growthTable.add([name] + g.perDecade.map { ratio($0.ratio) } + [ratio(g.mean)])
            }
            out.append("### Growth with the plan's size (ratio per 10× in activities; 10 is linear)\n\n" + growthTable.text)
        }

        // Remedy search
        let classed = results.sizes.filter { !$0.result.classes.isEmpty }
        if !classed.isEmpty {
            var table = Table(["activities", "class", "count", "pairs", "evaluate ms", "µs/activity", "µs/pair", "remedies found"], right: [0, 2, 3, 5, 6, 7])
            var estimates: [String] = []
            for entry in classed {
                let classes = entry.result.classes
                for item in classes {
                    let perActivity = item.activities > 0 ? item.evaluate.median * 1e6 / Double(item.activities) : .nan
                    let perPair = item.pairs > 0 ? item.evaluate.median * 1e6 / Double(item.pairs) : .nan
                    table.add([count(entry.size), item.name, count(item.activities), count(item.pairs), msStats(item.evaluate),
                               perActivity.isFinite ? String(format: "%.1f", perActivity) : "–",
                               perPair.isFinite ? String(format: "%.2f", perPair) : "–", count(item.remedies)])
                }
                if let plain = classes.first(where: { $0.name == "plain" }), plain.pairs > 0,
                    let remedies = classes.first(where: { $0.name == "remedies" }), remedies.activities > 0 {
                    let corePerPair = plain.evaluate.median / Double(plain.pairs)
                    let core = corePerPair * Double(remedies.pairs)
                    let extra = remedies.evaluate.median - core
                    let questions = classes.first(where: { $0.name == "questions" })
                    let questionsExtra = questions.map { $0.evaluate.median - corePerPair * Double($0.pairs) } ?? 0
                    // Shares of the three classes' total, timed together, rather than of the plan's own run.
                    let total = classes.reduce(0) { $0 + $1.evaluate.median }
                    estimates.append(
                        "- \(count(entry.size)) activities: in `Evaluator.detail`, the remedy search adds about \(String(format: "%.0f", extra * 1e6 / Double(remedies.activities))) µs "
                            + "per activity that needs it (\(String(format: "%.1f", remedies.evaluate.median / max(core, 1e-12)))× the trace alone), "
                            + "\(ms(extra)) ms in all = \(String(format: "%.0f", 100 * extra / total))% of the three classes' detail time; "
                            + "question outcomes with remedies add \(ms(questionsExtra)) ms = \(String(format: "%.0f", 100 * questionsExtra / total))%.")
                }
            }
            out.append("""
                ### Remedy search (issue 5)

                The remedies are computed by `Evaluator.detail` (which `EvaluationContext.assess` runs for every activity of a report), for every \
                activity whose verdict is worse than allowed with safeguards, by evaluating the activity again with candidate \
                safeguard sets (and fact changes). The bench splits each plan's activities into three classes after one \
                evaluation and times `Evaluator.detail` on each class on its own: *plain* (allowed or allowed with \
                safeguards, decided: the trace only), *remedies* (worse than allowed with safeguards and not undetermined: \
                trace and remedy search) and *questions* (undetermined by unknown facts: trace, question outcomes and \
                remedy search). The cost of the search is then the *remedies* class's time less what the same number of \
                activity-rule pairs costs in \
                the *plain* class (µs/pair), which assumes that one pair costs the same in both classes.


                """ + table.text + "\n\n" + estimates.joined(separator: "\n"))
        }

        // Synthetic rules
        if !results.synthetic.isEmpty {
            var table = Table(["activities", "rules", "pairs", "parse ms", "check ms", "evaluate ms", "activities/s", "µs/pair", "peak MiB", "verdicts"], right: [0, 1, 2, 6, 7, 8])
            for entry in results.synthetic {
                let r = entry.result
                table.add([count(r.activities), count(r.rules), count(r.pairs), msStats(r.parse), msStats(r.check), msStats(r.evaluate),
                           thousands(Double(r.activities) / r.evaluate.median),
                           String(format: "%.2f", r.evaluate.median * 1e6 / Double(max(1, r.pairs))), mib(r.peakEnd), verdictMix(r.verdicts)])
            }
            out.append("### Synthetic rule set (\(count(results.syntheticRules?.rules ?? 0)) generated rules over the real vocabulary)\n\n" + table.text
                + "\n\nThe same plans as above against `\(options.work)/rules-synthetic/` (the real vocabulary, sources and parameters with \(count(results.syntheticRules?.rules ?? 0)) generated rules; no rendering).")
        }

        // Processes
        if let processes = results.processes {
            var table = Table(["command", "wall ms: median (min–max)", "× --version", "max RSS MiB", "exit"], right: [2, 3, 4])
            let base = processes.commands.first?.time.median ?? .nan
            for command in processes.commands {
                table.add([command.name, msStats(command.time), ratio(command.time.median / base), mib(command.maxRSS), "\(command.status)"])
            }
            for plan in processes.plans {
                table.add([plan.name, msStats(plan.time), ratio(plan.time.median / base), mib(plan.maxRSS), "\(plan.status)"])
            }
            for command in processes.cold {
                table.add([command.name, msStats(command.time), ratio(command.time.median / base), mib(command.maxRSS), "\(command.status)"])
            }
            out.append("### Whole process\n\n" + table.text + """


                The release `waarborg` built in the same scratch path, spawned with posix_spawn and timed until waitpid \
                returns, output to /dev/null; max RSS from one more run under GNU time (`/usr/bin/time -f %M`), rules from `\(options.rules)`; \(options.processReps) runs of each \
                example command, interleaved with the `--version` baseline in one loop; fewer runs of the generated plans. \
                The rule-set cache (README, "Rule-set cache") is in the bench's work folder; the warm-up run of each command \
                stores the checked rules, so the timed runs read them, as every run after the first does. The rows marked \
                *(cache off)* run with `WAARBORG_CACHE=off`: the rules lexed, parsed and checked from text, as on the first run \
                after an edit of `rules/`; they are interleaved with their own `--version` runs and are no target. \
                `waarborg check` refuses a plan file over 64 MB (WB605), and a plan of 100,000 activities is about 170 MB, so \
                that size is checked as plans of 10,000 activities each, all in one process.
                """)
        }

        // Peers
        if let peers = results.peers {
            var table = Table(["activities", "pairs", "engine", "evaluate ms: median (min–max)", "pairs/s", "Waarborg ×", "with decoding ms", "verdicts differing", "errors"], right: [0, 1, 4, 5, 7, 8])
            var notes: [String] = []
            for size in peers.sizes {
                let pairs = Double(size.pairs)
                table.add([count(size.activities), count(size.pairs), "Waarborg", msStats(size.waarborg), thousands(pairs / size.waarborg.median), "1.00", "–", "–", "–"])
                for engine in size.engines {
                    table.add([count(size.activities), count(size.pairs), engine.version, msStats(engine.time), thousands(pairs / engine.time.median),
                               ratio(engine.time.median / size.waarborg.median), msStats(engine.total), count(engine.disagreements), count(engine.errors)])
                    if let authorization = engine.authorization {
                        table.add([count(size.activities), count(size.pairs), engine.version + ", authorization only", msStats(authorization),
                                   thousands(pairs / authorization.median), ratio(authorization.median / size.waarborg.median), "–", "–", "–"])
                    }
                    for example in engine.examples { notes.append("- \(engine.engine), \(count(size.activities)) activities: \(example)") }
                }
                if size.incomplete > 0 { notes.append("- \(count(size.incomplete)) generated activities left out because a tested fact was unknown.") }
                notes.append("- \(count(size.activities)) activities, Waarborg's verdicts: \(verdictMix(size.verdicts)).")
            }
            out.append("""
                ### Peers: Cedar and Rego on the shared rules

                Rules: \(peers.rules.joined(separator: ", ")) (`rules/information-exchange.wbr`, `rules/joint-purchasing.wbr`, \
                in Waarborg loaded with the real vocabulary and without the other rule files), for the kinds \
                \(peers.kinds.map { "`\($0)`" }.joined(separator: ", ")). The same rules are written as Cedar \
                (`bench/peers/shared.cedar`) and as Rego (`bench/peers/shared.rego`); `bench/peers/run.sh` installs \
                cedarpy and gordon-to-regorus into `bench/peers/.venv` and evaluates the plans in batch (Python \(peers.python)). \
                The plans are generated like the ones above, but with **every fact the rules test known**: Cedar and \
                Rego have no third truth value (a missing attribute is an error or undefined), so Waarborg's unknown \
                facts and questions have no counterpart there and are left out of the comparison. Facts go to the \
                peers as Waarborg has them after checking the plan (stated or derived from the parties), amounts as \
                integers in ten-thousandths.

                *Waarborg ×* is the peer's time over Waarborg's on the same activities (above 1: Waarborg is faster). \
                Waarborg's time is `Evaluator.evaluate`: verdicts, deciding rules, questions and required safeguards, on \
                the compiled rules, and for plans of 512 activities or more on every core, where the peers' batch calls \
                use one (halve the ratios for a per-core comparison). Cedar's is the \
                engine call alone (`is_authorized_batch` on prepared requests, one per activity, all policies); \
                *with decoding* adds decoding Cedar's answers and combining the policies that hold into a verdict in \
                Python (Cedar has no ordered verdicts, overrides or conflicts). *authorization only* is the sum of \
                Cedar's own `authz_duration_micros` over the batch: the call less building each request from its JSON \
                context; Waarborg's time likewise excludes reading the plan, so this is the like-for-like figure and the \
                one the target is judged on. Rego's is one query that evaluates \
                every activity including the combination; *with decoding* adds setting the input.


                """ + table.text + "\n\n" + notes.joined(separator: "\n"))
        } else if let failure = results.peerFailure {
            out.append("### Peers\n\nThe peers could not be measured: \(failure)")
        }

        // Profile
        if let profile = results.profile {
            let engine = profile.split(separator: "\n").filter { line in
                ["PROGRAM TOTALS", "Evaluator.evaluate(_:asOf:)", "Evaluator.evaluate(_:on:)", "RemedyFinder", "QuestionOutcomes", "evaluateCore",
                 "Evaluator.draft", "ConditionEvaluator.evaluate", "swift_retain [", "swift_release [", "sorted(by:)", "PlanParser.Entries", "PlanChecker.parseAndCheck", "PlanCheckSession"]
                    .contains { line.contains($0) } && !line.contains("%)  /")
            }.prefix(30).map { line -> String in
                var text = String(line)
                if let bracket = text.range(of: " [/") { text = String(text[..<bracket.lowerBound]) }
                return text
            }
            out.append("""
                ### Profile: instructions of one run (callgrind)

                `bash bench/profile.sh \(results.profileSize)`: `waarborg-bench child` parsing alone, loading (parsing and checking, streamed) and evaluating the plan of \
                \(count(results.profileSize)) activities once against `\(options.rules)/` under `valgrind --tool=callgrind`; \
                inclusive instruction counts (Ir) of the engine's functions, demangled, as shares of the whole run. \
                Instruction counts are repeatable, unlike times; inlined code is attributed to the file it comes from.

                ```
                \(engine.joined(separator: "\n"))
                ```
                """)
        }

        // Targets
        var targetTable = Table(["target (issue 8)", "measured", "result"])
        for target in targets() {
            targetTable.add([target.name, target.measured, target.pass.map { $0 ? "pass" : "**fail**" } ?? "not measured"])
        }
        out.insert("### Targets\n\n" + targetTable.text, at: 0)
        return out
    }

    func table() -> String {
        sections(markdown: false).joined(separator: "\n\n") + "\n\n(\(String(format: "%.0f", results.seconds)) s in all)"
    }

    func markdown() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate, .withSpaceBetweenDateAndTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return """
            # Performance

            <!-- Generated by waarborg-bench; do not edit. Regenerate with the command below. -->

            Generated by `\(results.command)` (`bash bench/run.sh` builds and runs the same) on \(formatter.string(from: Date())) UTC, \
            in \(String(format: "%.0f", results.seconds)) s, on revision \(results.revision).

            - Machine: \(Machine.cpu), \(Machine.memory), \(Machine.kernel)
            - Load average (1, 5, 15 min) at the start: \(results.loadBefore); at the end: \(results.loadAfter). The machine has \
            2 cores; anything else running shows in the times (the min–max spread), not in the instruction counts of the profile.
            - Toolchain: \(Machine.swiftVersion), release build (`-c release`)
            - Inputs: seed \(results.options.seed); plans of \(results.options.sizes.map(count).joined(separator: ", ")) activities \
            generated over the vocabulary of `\(results.options.rules)/` into `\(results.options.work)/` (git-ignored), covering \
            \(results.kindsCovered) activity kinds; see `Sources/waarborg-bench/PlanGenerator.swift` for the mix.

            The benchmark of issue 8: see `bench/README.md` for how to run it and what each number means. Issue 15's \
            targets (whole `waarborg check` runs against another revision, with their peak memory and whether the \
            output bytes are the same) are in `docs/performance-baseline.md`, written by `bash bench/baseline.sh`.

            \(sections(markdown: true).joined(separator: "\n\n"))

            """
    }
}
