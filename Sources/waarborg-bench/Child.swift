import Foundation
import WaarborgEngine
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// Timings of evaluating one class of activities on its own (see `ChildResult.classes`).
struct ClassTiming: Codable {
    let name: String
    let activities: Int
    let pairs: Int
    let evaluate: Stats
    /// Remedies found in total; for the classes whose activities are searched.
    let remedies: Int
}

/// What one child process measures for one plan file against one rule folder. Each size
/// runs in its own process, so its peak memory is its own.
struct ChildResult: Codable {
    let activities: Int
    let rules: Int
    /// Activity-rule pairs: for every activity, the rules of its kind.
    let pairs: Int
    let planBytes: Int
    /// Parsing alone: the entry stream, each entry dropped at once (no syntax tree held).
    let parse: Stats
    /// `load` less `parse` in the same run: what checking adds to the streamed load.
    let check: Stats
    /// The streamed load of `waarborg check`: each activity checked as soon as it is parsed.
    let load: Stats
    let evaluate: Stats
    let report: Stats
    let text: Stats
    let json: Stats
    let sarif: Stats
    let textBytes: Int
    let jsonBytes: Int
    let sarifBytes: Int
    /// Resident memory (VmRSS) in the first run: after loading the rules and reading the plan,
    /// after the streamed load (parse and check; the checked plan held, the syntax never
    /// whole), after evaluating (each stage's result still held).
    let rssStages: [Int]
    /// VmHWM after the rule set is loaded, after the first streamed load, after the first
    /// evaluation, and at the end.
    let peakAfterRules: Int
    let peakAfterLoad: Int
    let peakAfterEvaluate: Int
    let peakEnd: Int
    let verdicts: [String: Int]
    let determinations: [String: Int]
    /// Activities worse than allowed with safeguards: the engine searches remedies for them.
    let remedySearched: Int
    let remediesFound: Int
    let questions: Int
    let classes: [ClassTiming]
}

enum Child {
    /// `waarborg-bench child --rules DIR --plan FILE --reps N [--classes] [--no-render]`
    static func run(_ arguments: [String]) throws {
        var rules = "rules"
        var planPath = ""
        var reps = 3
        var classes = false
        var render = true
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            func value() -> String {
                index += 1
                return index < arguments.count ? arguments[index] : ""
            }
            switch argument {
            case "--rules": rules = value()
            case "--plan": planPath = value()
            case "--reps": reps = Int(value()) ?? 3
            case "--classes": classes = true
            case "--no-render": render = false
            default: throw Loading.Failure(description: "child: unknown argument \(argument)")
            }
            index += 1
        }
        let ruleSet = try Loading.loadRuleSet(rules)
        let peakAfterRules = Memory.peak
        let bytes = try Loading.readBytes(planPath)
        let evaluator = Evaluator(ruleSet: ruleSet)

        var parse: [Double] = []
        var check: [Double] = []
        var load: [Double] = []
        var evaluate: [Double] = []
        var report: [Double] = []
        var text: [Double] = []
        var json: [Double] = []
        var sarif: [Double] = []
        var textBytes = 0
        var jsonBytes = 0
        var sarifBytes = 0
        var rssStages: [Int] = [Memory.current]
        var peakAfterLoad = 0
        var peakAfterEvaluate = 0
        var summary: (activities: Int, pairs: Int, verdicts: [String: Int], determinations: [String: Int], searched: Int, remedies: Int, questions: Int)?
        var classTimings: [ClassTiming] = []

        for rep in 0..<reps {
            // Each round builds everything anew and lets go of it before the next.
            try autoreleasepool {
                // Parsing alone holds one block at a time, so it leaves the memory figures of
                // the load below as they are; the load is what `waarborg check` runs.
                let (_, parseTime) = timed { Loading.parsePlanEntries(planPath, bytes: bytes) }
                parse.append(parseTime)
                let (plan, loadTime) = try timed { try Loading.loadPlan(planPath, bytes: bytes, ruleSet: ruleSet) }
                load.append(loadTime)
                check.append(max(0, loadTime - parseTime))
                if rep == 0 {
                    rssStages.append(Memory.current)
                    peakAfterLoad = Memory.peak
                }
                let (evaluation, evaluateTime) = timed { evaluator.evaluate(plan) }
                evaluate.append(evaluateTime)
                if rep == 0 {
                    rssStages.append(Memory.current)
                    peakAfterEvaluate = Memory.peak
                    var verdicts: [String: Int] = [:]
                    var determinations: [String: Int] = [:]
                    var searched = 0
                    var remedies = 0
                    var questions = 0
                    // Remedies and question outcomes are details, computed on demand; they are
                    // counted here for plans small enough to compute them all.
                    let countDetails = evaluation.activities.count <= 10_000
                    for activity in evaluation.activities {
                        verdicts[activity.verdict.id, default: 0] += 1
                        determinations[activity.determination.rawValue, default: 0] += 1
                        if activity.verdict > .allowedWithSafeguards { searched += 1 }
                        if countDetails, activity.verdict > .allowedWithSafeguards {
                            let detail = evaluator.detail(activity, on: evaluation.asOf)
                            remedies += detail.remedies.count
                            questions += detail.questions.count
                        }
                    }
                    summary = (plan.activities.count, Catalogue.pairs(plan, ruleSet: ruleSet), verdicts, determinations, searched, remedies, questions)
                    if classes { classTimings = measureClasses(plan, evaluation: evaluation, evaluator: evaluator, reps: reps) }
                }
                if render {
                    // As `waarborg check` without `--trace`: the assessment (every activity's
                    // detail, on every core) and the report built from it.
                    let (built, reportTime) = timed { CheckReport(EvaluationContext(evaluator: evaluator, language: .en).assess(evaluation), diagnostics: []) }
                    report.append(reportTime)
                    let (rendered, textTime) = timed { TextRenderer(style: TextStyle(plain: true, color: false)).render(built) }
                    text.append(textTime)
                    textBytes = rendered.utf8.count
                    let (renderedJSON, jsonTime) = timed { JSONRenderer(toolVersion: "bench").render(built) }
                    json.append(jsonTime)
                    jsonBytes = renderedJSON.utf8.count
                    let (renderedSARIF, sarifTime) = timed { SARIFRenderer(toolVersion: "bench").render([built], language: .en) }
                    sarif.append(sarifTime)
                    sarifBytes = renderedSARIF.utf8.count
                }
            }
        }
        guard let summary else { throw Loading.Failure(description: "child: no repetitions") }
        let result = ChildResult(
            activities: summary.activities, rules: ruleSet.rules.count, pairs: summary.pairs, planBytes: bytes.count,
            parse: Stats(parse), check: Stats(check), load: Stats(load), evaluate: Stats(evaluate), report: Stats(report), text: Stats(text),
            json: Stats(json), sarif: Stats(sarif), textBytes: textBytes, jsonBytes: jsonBytes, sarifBytes: sarifBytes,
            rssStages: rssStages, peakAfterRules: peakAfterRules, peakAfterLoad: peakAfterLoad,
            peakAfterEvaluate: peakAfterEvaluate, peakEnd: Memory.peak, verdicts: summary.verdicts,
            determinations: summary.determinations, remedySearched: summary.searched, remediesFound: summary.remedies,
            questions: summary.questions, classes: classTimings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        FileHandle.standardOutput.write(try encoder.encode(result))
    }

    /// Times the details (`Evaluator.detail`: the full trace, question outcomes and remedy
    /// search, which reports compute on demand) for three classes of activities:
    /// - `plain`: verdict allowed or allowed with safeguards and decided: trace only;
    /// - `remedies`: worse than allowed with safeguards and not undetermined: trace and remedy search;
    /// - `questions`: undetermined (unknown facts): trace, question outcomes and remedy search.
    static func measureClasses(_ plan: Plan, evaluation: PlanEvaluation, evaluator: Evaluator, reps: Int) -> [ClassTiming] {
        var groups: [String: [Activity]] = ["plain": [], "remedies": [], "questions": []]
        var remedies: [String: Int] = ["plain": 0, "remedies": 0, "questions": 0]
        for result in evaluation.activities {
            let name: String
            if result.determination == .undetermined {
                name = "questions"
            } else if result.verdict > .allowedWithSafeguards {
                name = "remedies"
            } else {
                name = "plain"
            }
            groups[name]!.append(result.activity)
        }
        return ["plain", "remedies", "questions"].map { name in
            let part = plan.replacing(activities: groups[name]!)
            let evaluated = evaluator.evaluate(part)
            var samples: [Double] = []
            for rep in 0..<max(reps, 3) {
                let (_, seconds) = timed {
                    for activity in evaluated.activities {
                        let detail = evaluator.detail(activity, on: evaluated.asOf)
                        if rep == 0 { remedies[name]! += detail.remedies.count }
                    }
                }
                samples.append(seconds)
            }
            return ClassTiming(
                name: name, activities: part.activities.count, pairs: Catalogue.pairs(part, ruleSet: evaluator.ruleSet),
                evaluate: Stats(samples), remedies: remedies[name]!)
        }
    }
}

#if !canImport(Darwin)
/// Linux has no autorelease pool; ARC frees at the end of the scope all the same.
@inline(__always)
func autoreleasepool<T>(invoking body: () throws -> T) rethrows -> T { try body() }
#endif
