import WaarborgSyntax

/// How a finding compares with a baseline (a previous `--format json` report).
public enum BaselineStatus: String, Sendable {
    /// The activity was not in the baseline.
    case new
    /// The activity was there with another verdict or other deciding rules.
    case changed
    /// Same activity, same verdict, same deciding rules: hidden.
    case unchanged
}

/// A previous report, reduced to what identifies findings: per plan and activity, the
/// fingerprint and the verdict.
public struct Baseline: Sendable {
    struct Entry: Sendable {
        let fingerprint: String
        let verdict: String
        /// The first deciding rule (the SARIF rule of an absent result).
        let rule: String?
        /// The activity's place in the baseline, to list findings in their order.
        let order: Int
    }

    /// A finding of the baseline (a verdict other than allowed).
    public struct Finding: Sendable {
        public let activity: String
        public let verdict: String
        public let fingerprint: String
        public let rule: String?
    }

    /// By plan name, then activity id.
    private var entries: [String: [String: Entry]] = [:]
    public let file: String

    /// Reads a `--format json` report (one document, or an array of them).
    public static func read(_ node: JSONNode, file: String) -> (Baseline?, [Diagnostic]) {
        var baseline = Baseline(file: file)
        var documents: [JSONNode] = []
        switch node.kind {
        case .array(let items): documents = items
        case .object: documents = [node]
        default: break
        }
        guard !documents.isEmpty else {
            return (nil, [.error(
                "WB440", "the baseline is not a Waarborg JSON report (`waarborg check --format json`)",
                nl: "de baseline is geen JSON-rapport van Waarborg (`waarborg check --format json`)", at: node.range)])
        }
        for document in documents {
            guard case .string(let version)? = document["schema_version"]?.kind, version.hasPrefix("1.") || version.hasPrefix("2.") || version.hasPrefix("3."),
                case .string(let plan)? = document["plan"]?["name"]?.kind,
                case .array(let activities)? = document["activities"]?.kind
            else {
                return (nil, [.error(
                    "WB440", "the baseline is not a Waarborg JSON report of schema 1.x, 2.x or 3.x (`waarborg check --format json`)",
                    nl: "de baseline is geen JSON-rapport van Waarborg volgens schema 1.x, 2.x of 3.x (`waarborg check --format json`)", at: document.range)])
            }
            for activity in activities {
                guard case .string(let id)? = activity["id"]?.kind, case .string(let verdict)? = activity["verdict"]?.kind else { continue }
                var fingerprint = ""
                if case .string(let value)? = activity["fingerprint"]?.kind { fingerprint = value }
                var rule: String?
                if case .array(let deciding)? = activity["deciding"]?.kind, case .string(let first)? = deciding.first?.kind { rule = first }
                let order = baseline.entries[plan]?.count ?? 0
                baseline.entries[plan, default: [:]][id] = Entry(fingerprint: fingerprint, verdict: verdict, rule: rule, order: order)
            }
        }
        return (baseline, [])
    }

    init(file: String) { self.file = file }

    public func status(plan: String, activity: String, fingerprint: String, verdict: String) -> BaselineStatus {
        guard let entry = entries[plan]?[activity] else { return .new }
        return entry.fingerprint == fingerprint && entry.verdict == verdict ? .unchanged : .changed
    }

    /// The verdict the baseline had for an activity, if any.
    public func previousVerdict(plan: String, activity: String) -> String? { entries[plan]?[activity]?.verdict }

    /// The baseline's findings for a plan, in the baseline's order.
    public func findings(plan: String) -> [Finding] {
        (entries[plan] ?? [:]).filter { $0.value.verdict != "allowed" }.sorted { $0.value.order < $1.value.order }.map {
            Finding(activity: $0.key, verdict: $0.value.verdict, fingerprint: $0.value.fingerprint, rule: $0.value.rule)
        }
    }

    /// The status of every activity of a report, by fingerprint.
    public func statuses(_ report: CheckReport) -> [String: BaselineStatus] {
        var result: [String: BaselineStatus] = [:]
        for activity in report.activities {
            result[activity.fingerprint] = status(plan: report.planName, activity: activity.id, fingerprint: activity.fingerprint, verdict: activity.verdict.id)
        }
        return result
    }
}
