import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// The verdict changes a rule change brings about on a set of plans (`waarborg impact`):
/// per plan the activities whose verdict or deciding rules differ between the base rule
/// set (a git revision, or a folder) and the head (the working tree, or another folder).
/// A value built from two evaluations; the renderers below only print it.
public struct ImpactReport: Sendable {
    /// An activity's verdict and the rules that decide it under one rule set.
    public struct Outcome: Sendable, Equatable {
        public let verdict: Verdict
        public let rules: [String]
    }

    public struct ActivityChange: Sendable {
        public let id: String
        public let title: String?
        public let location: SourceLocation
        /// Nil: the activity could not be evaluated under the base rules (the plan did not
        /// check there, or the activity is new).
        public let before: Outcome?
        public let after: Outcome
    }

    public struct PlanImpact: Sendable {
        public let file: String
        public let name: String
        public let before: Verdict?
        public let after: Verdict
        public let changes: [ActivityChange]
        /// Why the plan does not check under the base rules (a fact the base does not know).
        public let baseError: String?
        public let activityCount: Int
    }

    /// The base rules: `REVISION:folder`, or a folder.
    public let base: String
    /// The head rules' folder.
    public let head: String
    /// Whether the head is the working tree compared with a git revision of it.
    public let headIsWorkingTree: Bool
    public let plans: [PlanImpact]
    /// The rules on either side, as every report header names them (digest included: a
    /// change that touches no verdict still shows as another digest).
    public let baseRules: RulesUsed
    public let headRules: RulesUsed

    public init(base: String, head: String, headIsWorkingTree: Bool, plans: [PlanImpact], baseRules: RulesUsed, headRules: RulesUsed) {
        self.base = base
        self.head = head
        self.baseRules = baseRules
        self.headRules = headRules
        self.headIsWorkingTree = headIsWorkingTree
        self.plans = plans
    }

    public var changedActivities: Int { plans.reduce(0) { $0 + $1.changes.count } }
    public var changedPlans: Int { plans.filter { !$0.changes.isEmpty }.count }

    /// The changes of one plan: `before` under the base rules (nil when the plan does not
    /// check there, with `baseError`), `after` under the head rules.
    public static func plan(
        file: String, before: (evaluation: PlanEvaluation, ruleSet: RuleSet)?, baseError: String?, after: PlanEvaluation, ruleSet: RuleSet
    ) -> PlanImpact {
        func outcome(_ activity: ActivityEvaluation, _ rules: RuleSet) -> Outcome {
            Outcome(verdict: activity.verdict, rules: activity.deciding.map { rules.rules[$0].id }.sorted())
        }
        var earlier: [String: Outcome] = [:]
        if let before {
            for activity in before.evaluation.activities { earlier[activity.activity.id] = outcome(activity, before.ruleSet) }
        }
        let changes = after.activities.compactMap { activity -> ActivityChange? in
            let now = outcome(activity, ruleSet)
            let then = earlier[activity.activity.id]
            guard then != now else { return nil }
            return ActivityChange(id: activity.activity.id, title: activity.activity.title, location: activity.activity.range.location, before: then, after: now)
        }
        return PlanImpact(
            file: file, name: after.plan.name, before: before?.evaluation.verdict, after: after.verdict, changes: changes, baseError: baseError,
            activityCount: after.activities.count)
    }
}

/// `waarborg impact` as text (a terminal, a pull-request comment), JSON and GitHub
/// workflow annotations, in one language.
public struct ImpactRenderer {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    private func pick(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    private func rules(_ outcome: ImpactReport.Outcome) -> String {
        outcome.rules.isEmpty ? pick("geen regel", "no rule") : outcome.rules.joined(separator: ", ")
    }

    public func text(_ report: ImpactReport) -> String {
        let head = report.head + (report.headIsWorkingTree ? pick(" (werkmap)", " (working tree)") : "")
        var out = pick("Gevolgen van de regelwijziging", "Impact of the rule change") + ": \(report.base) → \(head)\n"
        out += pick("Regels", "Rules") + ": " + report.baseRules.text(language) + " → " + report.headRules.text(language) + "\n"
        for plan in report.plans where !plan.changes.isEmpty || plan.baseError != nil {
            out += "\n\(plan.file) \"\(plan.name)\": "
            if let before = plan.before, before != plan.after {
                out += pick("plan", "plan") + " \(before.label(language)) → \(plan.after.label(language))\n"
            } else {
                out += pick("plan", "plan") + " \(plan.after.label(language))" + (plan.before == nil ? "" : pick(" (ongewijzigd)", " (unchanged)")) + "\n"
            }
            if let error = plan.baseError {
                out += "  " + pick("onder de basisregels niet te toetsen: \(error)", "does not check under the base rules: \(error)") + "\n"
            }
            for change in plan.changes {
                out += "  \(change.id)" + (change.title.map { " \"\($0)\"" } ?? "") + " (\(pick("regel", "line")) \(change.location.line)): "
                if let before = change.before {
                    out += "\(before.verdict.label(language)) → \(change.after.verdict.label(language))\n"
                    out += "    " + pick("was: \(rules(before)); nu: \(rules(change.after))", "was: \(rules(before)); now: \(rules(change.after))") + "\n"
                } else {
                    out += pick("nieuw", "new") + ": \(change.after.verdict.label(language))\n"
                    out += "    " + pick("nu: \(rules(change.after))", "now: \(rules(change.after))") + "\n"
                }
            }
        }
        let activities = report.plans.reduce(0) { $0 + $1.activityCount }
        out += "\n" + pick(
            "\(report.changedActivities) van \(activities) activiteiten in \(report.changedPlans) van \(report.plans.count) plannen veranderen",
            "\(report.changedActivities) of \(activities) activities in \(report.changedPlans) of \(report.plans.count) plans change") + "\n"
        return out
    }

    public func json(_ report: ImpactReport) -> String {
        func outcome(_ value: ImpactReport.Outcome?) -> JSONValue {
            guard let value else { return .null }
            return .object([("verdict", .string(value.verdict.id)), ("rules", .strings(value.rules))])
        }
        let plans: [JSONValue] = report.plans.map { plan in
            .object([
                ("file", .string(plan.file)),
                ("name", .string(plan.name)),
                ("verdict", .object([("before", JSONValue.optional(plan.before?.id)), ("after", .string(plan.after.id))])),
                ("base_error", JSONValue.optional(plan.baseError)),
                ("activities", .array(plan.changes.map { change in
                    .object([
                        ("id", .string(change.id)),
                        ("title", JSONValue.optional(change.title)),
                        ("line", .int(change.location.line)),
                        ("before", outcome(change.before)),
                        ("after", outcome(change.after)),
                    ])
                })),
            ])
        }
        return JSONValue.object([
            ("schema_version", .string("1.0")),
            ("base", .string(report.base)),
            ("head", .string(report.head)),
            ("head_is_working_tree", .bool(report.headIsWorkingTree)),
            ("base_ruleset", report.baseRules.json),
            ("head_ruleset", report.headRules.json),
            ("plans", .array(plans)),
            ("summary", .object([
                ("plans", .int(report.plans.count)),
                ("plans_changed", .int(report.changedPlans)),
                ("activities_changed", .int(report.changedActivities)),
            ])),
        ]).rendered()
    }

    /// One annotation per changed activity, on its line: a warning when the verdict gets
    /// worse, a notice otherwise.
    public func github(_ report: ImpactReport) -> String {
        var lines: [String] = []
        for plan in report.plans {
            for change in plan.changes {
                let worse = change.before.map { change.after.verdict > $0.verdict } ?? true
                let title = pick("Gevolg van de regelwijziging", "Impact of the rule change") + ": \(change.id)"
                let message = change.before.map {
                    "\($0.verdict.label(language)) → \(change.after.verdict.label(language)) ("
                        + pick("was: \(rules($0)); nu: \(rules(change.after))", "was: \(rules($0)); now: \(rules(change.after))") + ")"
                } ?? (pick("nieuw: ", "new: ") + "\(change.after.verdict.label(language)) (\(rules(change.after)))")
                lines.append("::\(worse ? "warning" : "notice") file=\(GitHubRenderer.escapeProperty(plan.file)),line=\(change.location.line),title=\(GitHubRenderer.escapeProperty(title))::\(GitHubRenderer.escapeData(message))")
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
