import Foundation
import Testing
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func fixture(_ name: String) -> String {
    (try? String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/mini/\(name)"), encoding: .utf8)) ?? ""
}

/// The mini rule set, optionally with extra rule files, in the given file order.
func miniRuleSet(extra: [String: String] = [:], reversed: Bool = false) throws -> RuleSet {
    var files = ["mini/vocabulary.wbr": fixture("vocabulary.wbr"), "mini/rules.wbr": fixture("rules.wbr")]
    files.merge(extra) { $1 }
    var names = files.keys.sorted()
    if reversed { names.reverse() }
    let parsed = names.map { RuleFileParser.parse(SourceFile(path: $0, text: files[$0]!)) }
    let (ruleSet, diagnostics) = RuleSetChecker.check(parsed.map(\.syntax))
    let problems = parsed.flatMap(\.diagnostics) + diagnostics
    #expect(!problems.hasErrors, "\(problems.map { "\($0.location?.description ?? ""): \($0.message)" })")
    return try #require(ruleSet)
}

func miniPlan(_ ruleSet: RuleSet, text: String? = nil) throws -> Plan {
    let (syntax, parseDiagnostics) = PlanParser.parse(SourceFile(path: "mini/plan.wbp", text: text ?? fixture("plan.wbp")))
    #expect(parseDiagnostics.isEmpty)
    let (plan, diagnostics) = PlanChecker.check(syntax, vocabulary: ruleSet.vocabulary)
    #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.message))")
    return try #require(plan)
}

extension ActivityEvaluation {
    func ids(_ rules: [Int], in ruleSet: RuleSet) -> [String] { rules.map { ruleSet.rules[$0].id } }
}

/// An activity of `kind` with the given facts stated, for direct evaluation.
func activity(_ ruleSet: RuleSet, kind: String, facts: [String: Value], safeguards: [String] = []) -> Activity {
    let vocabulary = ruleSet.vocabulary
    let file = SourceFile(path: "inline", text: "")
    let range = SourceRange(file: file, start: 0, end: 0)
    var values = [FactValue?](repeating: nil, count: vocabulary.facts.count)
    for (id, value) in facts { values[vocabulary.factIndex[id]!] = FactValue(value: value, origin: .stated(range)) }
    return Activity(
        id: "inline", title: nil, kind: vocabulary.activityKindIndex[kind]!, parties: [], facts: values,
        safeguards: MemberSet(safeguards.map { vocabulary.safeguardIndex[$0]! }), safeguardRanges: [:], range: range,
        kindRange: nil)
}

let june2026 = DateValue(year: 2026, month: 6, day: 1)!

/// An evaluation with its detail (trace, questions with outcomes, remedies), for tests
/// that look at both; members of the evaluation are reachable directly.
@dynamicMemberLookup
struct Detailed {
    let evaluation: ActivityEvaluation
    let detail: ActivityDetail

    subscript<T>(dynamicMember key: KeyPath<ActivityEvaluation, T>) -> T { evaluation[keyPath: key] }
    var traces: [RuleTrace] { detail.traces }
    var remedies: [Remedy] { detail.remedies }
    /// The questions that matter, with their outcomes.
    var questions: [Question] { detail.questions }
    func ids(_ rules: [Int], in ruleSet: RuleSet) -> [String] { rules.map { ruleSet.rules[$0].id } }
}

extension Evaluator {
    func evaluateDetailed(_ activity: Activity, on date: DateValue) -> Detailed {
        let (evaluation, detail) = evaluateInDetail(activity, on: date)
        return Detailed(evaluation: evaluation, detail: detail)
    }
}
