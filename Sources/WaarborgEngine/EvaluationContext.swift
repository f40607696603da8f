import WaarborgModel
import WaarborgSyntax

/// What one run evaluates with: the rule set (compiled once), the date whose law applies,
/// the language its reports speak and how much of the traces they keep.
///
/// The CLI builds one from its options before it reads a plan and passes it whole to
/// everything after it (evaluation, assessment, the reports), so no stage picks a date or a
/// language of its own and nothing falls back to a fixed date. Answers files are applied to
/// the plans when they are loaded (`AnswersChecker`), so an assessed plan already holds them.
public struct EvaluationContext: Sendable {
    public let evaluator: Evaluator
    /// The date chosen for the run (`--as-of`); nil: each plan's own date.
    public let asOf: DateValue?
    public let language: Language
    /// Whether assessments keep every rule's trace (`explain`, `check --trace`), or only the
    /// deciding rules' (a report's reasons), which is most of a large plan's memory.
    public let keepsTraces: Bool

    public var ruleSet: RuleSet { evaluator.ruleSet }

    public init(ruleSet: RuleSet, asOf: DateValue? = nil, language: Language = .nl, keepsTraces: Bool = false) {
        self.init(evaluator: Evaluator(ruleSet: ruleSet), asOf: asOf, language: language, keepsTraces: keepsTraces)
    }

    public init(evaluator: Evaluator, asOf: DateValue? = nil, language: Language = .nl, keepsTraces: Bool = false) {
        self.evaluator = evaluator
        self.asOf = asOf
        self.language = language
        self.keepsTraces = keepsTraces
    }

    /// The date whose law a plan is assessed by: the run's `--as-of`, else the plan's own.
    /// The one place that choice is made.
    public func date(of plan: Plan) -> DateValue { Self.date(of: plan, asOf: asOf) }

    static func date(of plan: Plan, asOf: DateValue?) -> DateValue { asOf ?? plan.date }

    /// Every activity's verdict and what decided it (the lean pass).
    public func evaluate(_ plan: Plan) -> PlanEvaluation { evaluator.evaluate(plan, asOf: asOf) }

    /// Everything the reports need of a plan: the evaluation and every activity's detail.
    public func assess(_ plan: Plan) -> PlanAssessment { assess(evaluate(plan)) }

    /// The details of an evaluated plan's activities, on every core for a large plan, each
    /// the same as `Evaluator.detail` would give (with the traces this context keeps).
    public func assess(_ evaluation: PlanEvaluation) -> PlanAssessment {
        let evaluator = self.evaluator
        let date = evaluation.asOf
        let keepsTraces = self.keepsTraces
        let activities = evaluation.activities
        // One memo for every chunk: repeated activities are spread over the whole plan.
        let known = DetailWork.Known()
        let details = ChunkedMap.map(
            count: activities.count, threshold: Self.parallelThreshold, chunkSize: Self.chunkSize,
            state: { DetailWork(evaluator: evaluator, date: date, keepsTraces: keepsTraces, known: known) }
        ) { work, index in
            work.detail(activities[index])
        }
        return PlanAssessment(context: self, evaluation: evaluation, details: details)
    }

    /// A detail costs dozens of evaluations, so fewer activities than for the lean pass
    /// make threads worth starting.
    static let parallelThreshold = 64
    static let chunkSize = 32
}

/// An evaluated plan with every activity's detail: what `check`, `questions` and
/// `explain` render. Reports read it and never evaluate.
public struct PlanAssessment: Sendable {
    public let context: EvaluationContext
    public let evaluation: PlanEvaluation
    /// By activity, in the order of `evaluation.activities`.
    public let details: [ActivityDetail]

    /// The same assessment for reports in another language: nothing in an assessment
    /// depends on the language but the reports' words, so it is not made again.
    public func speaking(_ language: Language) -> PlanAssessment {
        let context = EvaluationContext(
            evaluator: self.context.evaluator, asOf: self.context.asOf, language: language, keepsTraces: self.context.keepsTraces)
        return PlanAssessment(context: context, evaluation: evaluation, details: details)
    }

    /// Each activity's evaluation with its detail.
    public var activities: [ActivityAssessment] {
        zip(evaluation.activities, details).map { ActivityAssessment(evaluation: $0, detail: $1) }
    }
}

/// One activity's evaluation and detail.
public struct ActivityAssessment: Sendable {
    public let evaluation: ActivityEvaluation
    public let detail: ActivityDetail
}
