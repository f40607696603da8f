import Foundation
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// The peer comparison: the information-exchange and joint-purchasing rules as Waarborg
/// rules (the real files), as a Cedar policy set and as Rego (`bench/peers/`), evaluated on
/// the same synthetic plans with every fact known. The plans go to the peers as JSON,
/// with the facts as Waarborg has them after checking (stated, or derived from the
/// parties), amounts as integers in ten-thousandths (Waarborg's exact decimals), and
/// the parameter values in force and the named sets, so the policies need no copy of them.
enum Peers {
    /// The rule files the peers encode.
    static let ruleFiles = ["information-exchange.wbr", "joint-purchasing.wbr"]

    struct Export {
        let path: String
        let activities: Int
        let pairs: Int
        /// Activities left out because a fact the shared rules test is unknown.
        let incomplete: Int
        let verdicts: [String: String]
        /// Waarborg's rules that apply and are not overridden, per activity.
        let fired: [String: [String]]
    }

    /// Exports the plan's activities whose tested facts are all known; returns nil when none are.
    static func export(_ plan: Plan, evaluation: PlanEvaluation, catalogue: Catalogue, to path: String) throws -> Export {
        let ruleSet = catalogue.ruleSet
        let vocabulary = ruleSet.vocabulary
        var activities: [Any] = []
        var verdicts: [String: String] = [:]
        var fired: [String: [String]] = [:]
        var pairs = 0
        var incomplete = 0
        for result in evaluation.activities {
            let activity = result.activity
            if catalogue.factsByKind[activity.kind].contains(where: { activity.facts[$0] == nil }) {
                incomplete += 1
                continue
            }
            var facts: [String: Any] = [:]
            for (index, fact) in activity.facts.entries {
                facts[vocabulary.facts[index].id] = json(fact.value, type: vocabulary.facts[index].type, vocabulary: vocabulary)
            }
            activities.append([
                "id": activity.id,
                "kind": vocabulary.activityKinds[activity.kind].id,
                "facts": facts,
                "safeguards": activity.safeguards.members.map { vocabulary.safeguards[$0].id },
            ] as [String: Any])
            verdicts[activity.id] = result.verdict.id
            fired[activity.id] = result.fired.map { ruleSet.rules[$0].id }.sorted()
            pairs += ruleSet.rulesByKind[activity.kind].count
        }
        var parameters: [String: Any] = [:]
        for parameter in ruleSet.parameters {
            if let version = parameter.version(on: evaluation.asOf) {
                parameters[parameter.id] = json(version.value, type: parameter.type, vocabulary: vocabulary)
            }
        }
        var sets: [String: Any] = [:]
        for set in vocabulary.sets {
            sets[set.id] = set.members.members.map { vocabulary.enumerations[set.enumeration].members[$0].id }
        }
        var rulesByKind: [String: [String]] = [:]
        for (kind, rules) in ruleSet.rulesByKind.enumerated() where !rules.isEmpty {
            rulesByKind[vocabulary.activityKinds[kind].id] = rules.map { ruleSet.rules[$0].id }
        }
        let document: [String: Any] = [
            "plan": plan.name, "date": evaluation.asOf.description, "pairs": pairs,
            "parameters": parameters, "sets": sets, "rules_by_kind": rulesByKind,
            "activities": activities, "waarborg": ["verdicts": verdicts, "fired": fired],
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        return Export(path: path, activities: activities.count, pairs: pairs, incomplete: incomplete, verdicts: verdicts, fired: fired)
    }

    static func json(_ value: Value, type: ValueType, vocabulary: Vocabulary) -> Any {
        switch value {
        case .boolean(let flag): return flag
        case .amount(let amount): return amount.scaled
        case .date(let date): return date.description
        case .text(let text): return text
        case .member(let member):
            if case .oneOf(let enumeration) = type { return vocabulary.enumerations[enumeration].members[member].id }
            return member
        case .members(let set):
            if case .setOf(let enumeration) = type { return set.members.map { vocabulary.enumerations[enumeration].members[$0].id } }
            return set.members
        }
    }

    // MARK: Results

    struct EngineResult: Decodable {
        let engine: String
        let version: String
        /// Seconds per batch evaluation of the plan, engine only (repeated).
        let times: [Double]
        /// Seconds per batch including what it takes to get verdicts out (decoding, combining).
        let total_times: [Double]
        /// Cedar's own metrics, summed over a batch: building the requests, and authorizing.
        let request_times: [Double]?
        let authz_times: [Double]?
        let verdicts: [String: String]
        let fired: [String: [String]]?
        let errors: Int
        let note: String
    }

    struct PlanResult: Decodable {
        let file: String
        let activities: Int
        let pairs: Int
        let engines: [EngineResult]
    }

    struct Run: Decodable {
        let python: String
        let results: [PlanResult]
    }

    /// Runs `bench/peers/run.sh` (which makes its virtual environment on first use).
    static func run(script: String, files: [String], reps: Int) throws -> Run {
        let (output, process) = Spawn.capture(["/usr/bin/env", "bash", script, "--reps", String(reps)] + files)
        guard process.status == 0, let data = output.data(using: .utf8) else {
            throw Loading.Failure(description: "the peers script failed (exit \(process.status)); run `bash \(script) \(files.first ?? "")` to see why")
        }
        return try JSONDecoder().decode(Run.self, from: data)
    }

    /// Activities on which an engine's verdict differs from Waarborg's.
    static func disagreements(_ engine: EngineResult, waarborg: [String: String]) -> [String] {
        waarborg.keys.sorted { a, b in (Int(a.dropFirst()) ?? 0, a) < (Int(b.dropFirst()) ?? 0, b) }.filter { engine.verdicts[$0] != waarborg[$0] }
    }
}
