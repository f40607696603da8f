import WaarborgModel
import WaarborgSyntax

/// Evaluates the activities of a plan, in parallel when there are many.
///
/// Activities are independent of each other, so a large plan is cut into chunks that the
/// processor cores evaluate at once (`ChunkedMap`), each with its own `LeanSession`.
struct PlanEvaluator {
    let evaluator: Evaluator

    /// Below this many activities a plan is evaluated on the calling thread: starting
    /// threads costs more than it saves.
    static let parallelThreshold = 512
    /// Activities per chunk: large enough to amortise a session, small enough to balance.
    static let chunkSize = 256

    func evaluate(_ activities: [Activity], on date: DateValue) -> [ActivityEvaluation] {
        let evaluator = self.evaluator
        guard evaluator.program.isUsable else { return activities.map { evaluator.evaluate($0, on: date) } }
        let context = LeanContext(evaluator: evaluator, date: date)
        return ChunkedMap.map(
            count: activities.count, threshold: Self.parallelThreshold, chunkSize: Self.chunkSize,
            state: { LeanSession(context: context) }
        ) { session, index in
            Self.evaluation(activities[index], session.evaluate(activities[index]))
        }
    }

    static func evaluation(_ activity: Activity, _ core: Evaluator.Core) -> ActivityEvaluation {
        ActivityEvaluation(
            activity: activity, verdict: core.verdict, determination: core.determination, lowest: core.lowest,
            highest: core.highest, deciding: core.deciding, fired: core.fired, applying: core.applying, questions: core.questions,
            requiredSafeguards: core.required, recommendedSafeguards: core.recommended, parameterUses: core.parameterUses,
            missingParameters: core.missingParameters, conflicts: core.conflicts, notes: core.notes)
    }
}
